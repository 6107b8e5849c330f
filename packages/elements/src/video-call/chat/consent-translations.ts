import { type Language, perLanguage, type Terms } from '../../shared/translations.js';

/** The texts of the customer's AI-summary consent in the call (SI-3). */
export interface ConsentTerms {
  question: string;
  allow: string;
  deny: string;
  allowed: string;
  denied: string;
  /** Withdraw an answer given before. */
  revoke: string;
  failed: string;
  device: string;
  deviceAllowed: string;
  deviceDenied: string;
  deviceAsk: string;
}

/** The question and its answers, as the request flow asks them. */
const shared = (t: Terms) => ({
  question: t.summaryConsentQuestion,
  allow: t.summaryConsentYes,
  deny: t.summaryConsentNo,
});

const own: Record<Language, Omit<ConsentTerms, 'question' | 'allow' | 'deny'>> = {
  en: {
    allowed: 'AI summary of this session: allowed.',
    denied: 'AI summary of this session: not allowed.',
    revoke: 'Withdraw',
    failed: 'Your choice could not be saved. Please try again.',
    device: 'AI summaries for this device',
    deviceAllowed: 'Always allow',
    deviceDenied: 'Never',
    deviceAsk: 'Ask each time',
  },
  de: {
    allowed: 'KI-Zusammenfassung dieser Sitzung: erlaubt.',
    denied: 'KI-Zusammenfassung dieser Sitzung: nicht erlaubt.',
    revoke: 'Widerrufen',
    failed: 'Ihre Auswahl konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.',
    device: 'KI-Zusammenfassungen für dieses Gerät',
    deviceAllowed: 'Immer erlauben',
    deviceDenied: 'Nie',
    deviceAsk: 'Jedes Mal fragen',
  },
  es: {
    allowed: 'Resumen con IA de esta sesión: permitido.',
    denied: 'Resumen con IA de esta sesión: no permitido.',
    revoke: 'Retirar',
    failed: 'No se pudo guardar su elección. Inténtelo de nuevo.',
    device: 'Resúmenes con IA para este dispositivo',
    deviceAllowed: 'Permitir siempre',
    deviceDenied: 'Nunca',
    deviceAsk: 'Preguntar cada vez',
  },
  pt: {
    allowed: 'Resumo com IA desta sessão: permitido.',
    denied: 'Resumo com IA desta sessão: não permitido.',
    revoke: 'Retirar',
    failed: 'Não foi possível salvar a sua escolha. Tente de novo.',
    device: 'Resumos com IA para este dispositivo',
    deviceAllowed: 'Sempre permitir',
    deviceDenied: 'Nunca',
    deviceAsk: 'Perguntar sempre',
  },
};

export const consentTranslations: Record<Language, ConsentTerms> = perLanguage((lang, t) => ({
  ...shared(t),
  ...own[lang],
}));
