import { button, mailLayout, paragraph } from '../mail/html.js';
import type { MailMessage } from '../mail/mailer.js';

/** Languages the mails are written in (MC-2); anything else falls back to English. */
export type MailLanguage = 'en' | 'de' | 'es' | 'pt';

interface Texts {
  resetSubject: string;
  greeting: (name: string) => string;
  resetAsked: (email: string) => string;
  resetHow: string;
  resetButton: string;
  resetIgnore: string;
  changedSubject: string;
  changedBody: (email: string, when: string) => string;
  changedNotYou: string;
}

const TEXTS: Record<MailLanguage, Texts> = {
  en: {
    resetSubject: 'Reset your Sightline password',
    greeting: (name) => `Hello ${name},`,
    resetAsked: (email) =>
      `someone, hopefully you, asked to reset the password of the Sightline account ${email}.`,
    resetHow: 'Choose a new password with the link below. It works once and expires in 1 hour.',
    resetButton: 'Choose a new password',
    resetIgnore: 'If you did not ask for this, ignore this mail: your password stays as it is.',
    changedSubject: 'Your Sightline password was changed',
    changedBody: (email, when) => `the password of the Sightline account ${email} was changed on ${when}.`,
    changedNotYou: 'If this was not you, reset your password at once and tell your company manager.',
  },
  de: {
    resetSubject: 'Sightline-Passwort zurücksetzen',
    greeting: (name) => `Hallo ${name},`,
    resetAsked: (email) =>
      `jemand, hoffentlich Sie, hat angefordert, das Passwort des Sightline-Kontos ${email} zurückzusetzen.`,
    resetHow:
      'Wählen Sie über den Link unten ein neues Passwort. Er funktioniert einmal und läuft nach 1 Stunde ab.',
    resetButton: 'Neues Passwort wählen',
    resetIgnore:
      'Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
    changedSubject: 'Ihr Sightline-Passwort wurde geändert',
    changedBody: (email, when) => `das Passwort des Sightline-Kontos ${email} wurde am ${when} geändert.`,
    changedNotYou:
      'Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und informieren Sie Ihre Unternehmensverwaltung.',
  },
  es: {
    resetSubject: 'Restablece tu contraseña de Sightline',
    greeting: (name) => `Hola, ${name}:`,
    resetAsked: (email) =>
      `alguien, esperamos que tú, ha pedido restablecer la contraseña de la cuenta de Sightline ${email}.`,
    resetHow: 'Elige una contraseña nueva con el enlace de abajo. Funciona una sola vez y caduca en 1 hora.',
    resetButton: 'Elegir una contraseña nueva',
    resetIgnore: 'Si no lo has pedido tú, ignora este correo: tu contraseña sigue igual.',
    changedSubject: 'Se ha cambiado tu contraseña de Sightline',
    changedBody: (email, when) => `la contraseña de la cuenta de Sightline ${email} se cambió el ${when}.`,
    changedNotYou:
      'Si no has sido tú, restablece tu contraseña enseguida y avisa a tu responsable de empresa.',
  },
  pt: {
    resetSubject: 'Redefinir a sua palavra-passe do Sightline',
    greeting: (name) => `Olá, ${name}:`,
    resetAsked: (email) =>
      `alguém, esperamos que tenha sido o próprio, pediu para redefinir a palavra-passe da conta Sightline ${email}.`,
    resetHow:
      'Escolha uma nova palavra-passe com a ligação abaixo. Funciona uma única vez e expira dentro de 1 hora.',
    resetButton: 'Escolher uma nova palavra-passe',
    resetIgnore: 'Se não fez este pedido, ignore este e-mail: a sua palavra-passe mantém-se.',
    changedSubject: 'A sua palavra-passe do Sightline foi alterada',
    changedBody: (email, when) => `a palavra-passe da conta Sightline ${email} foi alterada em ${when}.`,
    changedNotYou: 'Se não foi o próprio, redefina já a sua palavra-passe e avise o gestor da sua empresa.',
  },
};

/** The language to write in: the user's, if the mails exist in it, else English. */
export function mailLanguage(language: string | null | undefined): MailLanguage {
  return language === 'de' || language === 'es' || language === 'pt' ? language : 'en';
}

/** Who a mail goes to. */
export interface Recipient {
  organizationId: string;
  email: string;
  name: string;
  language: MailLanguage;
  /** IANA time zone, for the times a mail states. */
  timeZone: string;
}

/**
 * The mail carrying a reset link, in the recipient's language: a text part and an HTML part.
 * @example
 * const mail = resetMail(recipient, 'https://app.example.com/reset/#token=…');
 */
export function resetMail(to: Recipient, link: string): MailMessage {
  const t = TEXTS[to.language];
  const lines = [t.greeting(to.name), '', t.resetAsked(to.email), t.resetHow, '', link, '', t.resetIgnore];
  const html = mailLayout(
    to.language,
    t.resetSubject,
    paragraph(t.greeting(to.name)) +
      paragraph(t.resetAsked(to.email)) +
      paragraph(t.resetHow) +
      button(t.resetButton, link) +
      paragraph(t.resetIgnore),
  );
  return {
    organizationId: to.organizationId,
    kind: 'password-reset',
    to: to.email,
    subject: t.resetSubject,
    text: `${lines.join('\n')}\n`,
    html,
  };
}

/** The notice after a password was changed through a reset link (it names when, in the user's zone). */
export function passwordChangedMail(to: Recipient, at: Date): MailMessage {
  const t = TEXTS[to.language];
  const when = formatWhen(at, to.language, to.timeZone);
  const lines = [t.greeting(to.name), '', t.changedBody(to.email, when), '', t.changedNotYou];
  const html = mailLayout(
    to.language,
    t.changedSubject,
    paragraph(t.greeting(to.name)) + paragraph(t.changedBody(to.email, when)) + paragraph(t.changedNotYou),
  );
  return {
    organizationId: to.organizationId,
    kind: 'password-changed',
    to: to.email,
    subject: t.changedSubject,
    text: `${lines.join('\n')}\n`,
    html,
  };
}

function formatWhen(at: Date, language: MailLanguage, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(at);
  }
}
