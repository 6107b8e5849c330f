import type { Language } from '../shared/translations.js';

// The invitation's texts (VS-5), in their own module so pages load them only with the element.

const en = {
  invite: 'Invite customer',
  inviting: 'Creating link…',
  heading: 'Invitation link',
  explain: 'Whoever opens this link joins this session only, without an access code.',
  link: 'Invitation link',
  copy: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Copy it by hand: the link is selected.',
  share: 'Share…',
  email: 'Send by email',
  emailSubject: 'Your support session',
  emailBody: (link: string) => `Please open this link to join the video support session:\n\n${link}`,
  validUntil: (when: string) => `Works until ${when}.`,
  active: 'Active links',
  made: (when: string) => `made ${when}`,
  revoke: 'Revoke',
  revokeLabel: (hint: string) => `Revoke the link ending in ${hint}`,
  revoked: 'Link revoked: whoever signed in with it is signed out.',
};

/** The invitation's terms; every language provides each one. */
export type InviteTerms = typeof en;

const de: InviteTerms = {
  invite: 'Kunden einladen',
  inviting: 'Link wird erstellt…',
  heading: 'Einladungslink',
  explain: 'Wer diesen Link öffnet, nimmt nur an dieser Sitzung teil, ohne Zugangscode.',
  link: 'Einladungslink',
  copy: 'Link kopieren',
  copied: 'Link kopiert.',
  copyFailed: 'Bitte von Hand kopieren: Der Link ist markiert.',
  share: 'Teilen…',
  email: 'Per E-Mail senden',
  emailSubject: 'Ihre Support-Sitzung',
  emailBody: (link: string) =>
    `Bitte öffnen Sie diesen Link, um an der Video-Support-Sitzung teilzunehmen:\n\n${link}`,
  validUntil: (when: string) => `Gültig bis ${when}.`,
  active: 'Aktive Links',
  made: (when: string) => `erstellt ${when}`,
  revoke: 'Widerrufen',
  revokeLabel: (hint: string) => `Den Link mit Endung ${hint} widerrufen`,
  revoked: 'Link widerrufen: Wer damit angemeldet ist, wird abgemeldet.',
};

const es: InviteTerms = {
  invite: 'Invitar al cliente',
  inviting: 'Creando enlace…',
  heading: 'Enlace de invitación',
  explain: 'Quien abra este enlace se une solo a esta sesión, sin código de acceso.',
  link: 'Enlace de invitación',
  copy: 'Copiar enlace',
  copied: 'Enlace copiado.',
  copyFailed: 'Cópielo a mano: el enlace está seleccionado.',
  share: 'Compartir…',
  email: 'Enviar por correo',
  emailSubject: 'Su sesión de soporte',
  emailBody: (link: string) => `Abra este enlace para unirse a la sesión de soporte por vídeo:\n\n${link}`,
  validUntil: (when: string) => `Válido hasta ${when}.`,
  active: 'Enlaces activos',
  made: (when: string) => `creado ${when}`,
  revoke: 'Revocar',
  revokeLabel: (hint: string) => `Revocar el enlace que termina en ${hint}`,
  revoked: 'Enlace revocado: quien inició sesión con él queda desconectado.',
};

const pt: InviteTerms = {
  invite: 'Convidar cliente',
  inviting: 'Criando link…',
  heading: 'Link de convite',
  explain: 'Quem abrir este link entra apenas nesta sessão, sem código de acesso.',
  link: 'Link de convite',
  copy: 'Copiar link',
  copied: 'Link copiado.',
  copyFailed: 'Copie manualmente: o link está selecionado.',
  share: 'Compartilhar…',
  email: 'Enviar por e-mail',
  emailSubject: 'Sua sessão de suporte',
  emailBody: (link: string) => `Abra este link para entrar na sessão de suporte por vídeo:\n\n${link}`,
  validUntil: (when: string) => `Válido até ${when}.`,
  active: 'Links ativos',
  made: (when: string) => `criado ${when}`,
  revoke: 'Revogar',
  revokeLabel: (hint: string) => `Revogar o link que termina em ${hint}`,
  revoked: 'Link revogado: quem entrou com ele é desconectado.',
};

export const inviteTranslations: Record<Language, InviteTerms> = { en, de, es, pt };
