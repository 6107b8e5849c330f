import type { Language } from '../../shared/translations.js';

/** The in-call chat's texts (VS-15). */
export interface ChatTerms {
  chat: string;
  unread: (n: number) => string;
  message: string;
  send: string;
  note: string;
  noteHint: string;
  sending: string;
  failed: string;
  retry: string;
  you: string;
  /** The other side when a line carries no name: the customer (seen by staff) or support (seen by the customer). */
  customer: string;
  support: string;
  empty: string;
}

export const chatTranslations: Record<Language, ChatTerms> = {
  en: {
    chat: 'Chat',
    unread: (n) => `${n} new`,
    message: 'Message',
    send: 'Send',
    note: 'Private note (staff only)',
    noteHint: 'Notes are never shown to the customer.',
    sending: 'sending…',
    failed: 'not sent',
    retry: 'Retry',
    you: 'You',
    customer: 'Customer',
    support: 'Support',
    empty: 'No messages yet.',
  },
  de: {
    chat: 'Chat',
    unread: (n) => `${n} neu`,
    message: 'Nachricht',
    send: 'Senden',
    note: 'Private Notiz (nur Mitarbeiter)',
    noteHint: 'Notizen sieht der Kunde nie.',
    sending: 'wird gesendet…',
    failed: 'nicht gesendet',
    retry: 'Erneut senden',
    you: 'Sie',
    customer: 'Kunde',
    support: 'Support',
    empty: 'Noch keine Nachrichten.',
  },
  es: {
    chat: 'Chat',
    unread: (n) => `${n} nuevos`,
    message: 'Mensaje',
    send: 'Enviar',
    note: 'Nota privada (solo personal)',
    noteHint: 'El cliente nunca ve las notas.',
    sending: 'enviando…',
    failed: 'no enviado',
    retry: 'Reintentar',
    you: 'Tú',
    customer: 'Cliente',
    support: 'Soporte',
    empty: 'Aún no hay mensajes.',
  },
  pt: {
    chat: 'Chat',
    unread: (n) => `${n} novas`,
    message: 'Mensagem',
    send: 'Enviar',
    note: 'Nota privada (só equipe)',
    noteHint: 'O cliente nunca vê as notas.',
    sending: 'enviando…',
    failed: 'não enviada',
    retry: 'Tentar de novo',
    you: 'Você',
    customer: 'Cliente',
    support: 'Suporte',
    empty: 'Ainda sem mensagens.',
  },
};
