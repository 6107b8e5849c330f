import { type Language, perLanguage, type Terms } from '../../shared/translations.js';
import { callTexts } from '../call-translations.js';

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

/** The consent's own texts; each language's are in the call's texts (`../terms/`). */
export type ConsentOwnTerms = Omit<ConsentTerms, 'question' | 'allow' | 'deny'>;

export const consentTranslations: Record<Language, ConsentTerms> = perLanguage((lang, t) => ({
  ...shared(t),
  ...callTexts.table[lang].consent,
}));
