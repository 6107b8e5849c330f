import type { Language } from '../../shared/translations.js';

/** The texts of a portal's replay passphrase (MC-13). */
export interface PassphraseTerms {
  action: (portal: string) => string;
  title: (portal: string) => string;
  protectedSince: (when: string) => string;
  notProtected: string;
  noReset: string;
  password: string;
  current: string;
  next: string;
  repeat: string;
  mismatch: string;
  set: string;
  change: string;
  remove: string;
  removeHint: string;
  saved: string;
  removed: string;
}

export const passphraseTranslations: Record<Language, PassphraseTerms> = {
  en: {
    action: (p) => `Replay passphrase of ${p}`,
    title: (p) => `Replay passphrase — ${p}`,
    protectedSince: (w) => `Recordings are protected by a replay passphrase (set ${w}).`,
    notProtected: 'Recordings of this portal are not protected by a passphrase.',
    noReset:
      'There is no reset: if the passphrase is lost, the recordings it protects cannot be replayed by anyone.',
    password: 'Your account password',
    current: 'Current passphrase',
    next: 'New passphrase (at least 12 characters)',
    repeat: 'Repeat the new passphrase',
    mismatch: 'The two passphrases differ.',
    set: 'Set passphrase',
    change: 'Change passphrase',
    remove: 'Remove passphrase',
    removeHint: 'Recordings made afterwards are not protected; earlier ones keep their passphrase.',
    saved: 'The replay passphrase was saved.',
    removed: 'The replay passphrase was removed.',
  },
  de: {
    action: (p) => `Wiedergabe-Passphrase von ${p}`,
    title: (p) => `Wiedergabe-Passphrase — ${p}`,
    protectedSince: (w) => `Aufnahmen sind durch eine Wiedergabe-Passphrase geschützt (gesetzt ${w}).`,
    notProtected: 'Aufnahmen dieses Portals sind nicht durch eine Passphrase geschützt.',
    noReset:
      'Es gibt kein Zurücksetzen: Geht die Passphrase verloren, kann niemand die damit geschützten Aufnahmen abspielen.',
    password: 'Ihr Kontopasswort',
    current: 'Aktuelle Passphrase',
    next: 'Neue Passphrase (mindestens 12 Zeichen)',
    repeat: 'Neue Passphrase wiederholen',
    mismatch: 'Die beiden Passphrasen unterscheiden sich.',
    set: 'Passphrase setzen',
    change: 'Passphrase ändern',
    remove: 'Passphrase entfernen',
    removeHint: 'Spätere Aufnahmen sind nicht geschützt; frühere behalten ihre Passphrase.',
    saved: 'Die Wiedergabe-Passphrase wurde gespeichert.',
    removed: 'Die Wiedergabe-Passphrase wurde entfernt.',
  },
  es: {
    action: (p) => `Frase de reproducción de ${p}`,
    title: (p) => `Frase de reproducción — ${p}`,
    protectedSince: (w) => `Las grabaciones están protegidas por una frase de reproducción (desde ${w}).`,
    notProtected: 'Las grabaciones de este portal no están protegidas por una frase.',
    noReset:
      'No se puede restablecer: si se pierde la frase, nadie podrá reproducir las grabaciones que protege.',
    password: 'La contraseña de su cuenta',
    current: 'Frase actual',
    next: 'Nueva frase (12 caracteres como mínimo)',
    repeat: 'Repita la nueva frase',
    mismatch: 'Las dos frases no coinciden.',
    set: 'Establecer la frase',
    change: 'Cambiar la frase',
    remove: 'Quitar la frase',
    removeHint: 'Las grabaciones posteriores no estarán protegidas; las anteriores conservan su frase.',
    saved: 'Se guardó la frase de reproducción.',
    removed: 'Se quitó la frase de reproducción.',
  },
  pt: {
    action: (p) => `Frase de reprodução de ${p}`,
    title: (p) => `Frase de reprodução — ${p}`,
    protectedSince: (w) => `As gravações estão protegidas por uma frase de reprodução (definida ${w}).`,
    notProtected: 'As gravações deste portal não estão protegidas por uma frase.',
    noReset:
      'Não há reposição: se a frase se perder, ninguém poderá reproduzir as gravações que ela protege.',
    password: 'A palavra-passe da sua conta',
    current: 'Frase atual',
    next: 'Nova frase (pelo menos 12 caracteres)',
    repeat: 'Repita a nova frase',
    mismatch: 'As duas frases são diferentes.',
    set: 'Definir a frase',
    change: 'Alterar a frase',
    remove: 'Remover a frase',
    removeHint: 'As gravações feitas depois não ficam protegidas; as anteriores mantêm a sua frase.',
    saved: 'A frase de reprodução foi guardada.',
    removed: 'A frase de reprodução foi removida.',
  },
};
