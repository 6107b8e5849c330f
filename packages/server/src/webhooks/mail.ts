import { mailLayout, paragraph } from '../mail/html.js';
import type { MailMessage } from '../mail/mailer.js';

type Language = 'en' | 'de' | 'es' | 'pt';
type Reason = 'endpoint-gone' | 'failing';

interface Texts {
  subject: string;
  greeting: (name: string) => string;
  disabled: (url: string) => string;
  reasons: Record<Reason, (days: number) => string>;
  howToFix: (id: string) => string;
}

const TEXTS: Record<Language, Texts> = {
  en: {
    subject: 'A Sightline webhook endpoint was disabled',
    greeting: (name) => `Hello ${name},`,
    disabled: (url) => `Sightline stopped sending webhooks to ${url}.`,
    reasons: {
      'endpoint-gone': () => 'The receiver answered 410 Gone, which means it no longer wants them.',
      failing: (days) => `Every delivery to it has failed for ${days} days.`,
    },
    howToFix: (id) =>
      `Once the receiver works again, enable the endpoint ${id} (PATCH /v1/webhooks/${id} with {"enabled": true}) and retry the deliveries you need.`,
  },
  de: {
    subject: 'Ein Sightline-Webhook-Endpunkt wurde deaktiviert',
    greeting: (name) => `Hallo ${name},`,
    disabled: (url) => `Sightline sendet keine Webhooks mehr an ${url}.`,
    reasons: {
      'endpoint-gone': () =>
        'Der Empfänger hat mit 410 Gone geantwortet, er möchte sie also nicht mehr erhalten.',
      failing: (days) => `Jede Zustellung dorthin ist seit ${days} Tagen fehlgeschlagen.`,
    },
    howToFix: (id) =>
      `Sobald der Empfänger wieder funktioniert, aktivieren Sie den Endpunkt ${id} (PATCH /v1/webhooks/${id} mit {"enabled": true}) und wiederholen Sie die benötigten Zustellungen.`,
  },
  es: {
    subject: 'Se ha desactivado un endpoint de webhooks de Sightline',
    greeting: (name) => `Hola, ${name}:`,
    disabled: (url) => `Sightline ha dejado de enviar webhooks a ${url}.`,
    reasons: {
      'endpoint-gone': () => 'El receptor respondió 410 Gone, es decir, ya no quiere recibirlos.',
      failing: (days) => `Todas las entregas han fallado durante ${days} días.`,
    },
    howToFix: (id) =>
      `Cuando el receptor vuelva a funcionar, activa el endpoint ${id} (PATCH /v1/webhooks/${id} con {"enabled": true}) y reintenta las entregas que necesites.`,
  },
  pt: {
    subject: 'Um endpoint de webhooks do Sightline foi desativado',
    greeting: (name) => `Olá, ${name},`,
    disabled: (url) => `O Sightline deixou de enviar webhooks para ${url}.`,
    reasons: {
      'endpoint-gone': () => 'O recetor respondeu 410 Gone, ou seja, já não os quer receber.',
      failing: (days) => `Todas as entregas falharam durante ${days} dias.`,
    },
    howToFix: (id) =>
      `Quando o recetor voltar a funcionar, ative o endpoint ${id} (PATCH /v1/webhooks/${id} com {"enabled": true}) e repita as entregas de que precisar.`,
  },
};

/**
 * The mail telling a company manager that an endpoint was disabled automatically (SI-12), in the
 * manager's language (English for any other).
 */
export function endpointDisabledMail(options: {
  organizationId: string;
  to: { email: string; name: string; language: string };
  endpoint: { id: string; url: string };
  reason: Reason;
  failingDays: number;
}): MailMessage {
  const language: Language =
    (['en', 'de', 'es', 'pt'] as const).find((l) => l === options.to.language) ?? 'en';
  const t = TEXTS[language];
  const lines = [
    t.greeting(options.to.name),
    t.disabled(options.endpoint.url),
    t.reasons[options.reason](options.failingDays),
    t.howToFix(options.endpoint.id),
  ];
  return {
    organizationId: options.organizationId,
    kind: 'webhook-endpoint-disabled',
    to: options.to.email,
    subject: t.subject,
    text: `${lines.join('\n\n')}\n`,
    html: mailLayout(language, t.subject, lines.map(paragraph).join('')),
  };
}
