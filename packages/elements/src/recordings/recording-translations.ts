import type { Language } from '../shared/translations.js';

/** The texts of a session's recordings and their replay (VS-15, MC-12, MC-13). */
export interface RecordingListTerms {
  loading: string;
  none: string;
  item: (when: string, length: string) => string;
  onServer: string;
  local: string;
  uploading: string;
  running: string;
  protected: string;
  play: string;
  passphrase: string;
  unlock: string;
  cancel: string;
  opening: string;
  wrong: string;
  tooMany: string;
  failed: string;
  download: string;
  player: (when: string) => string;
}

export const recordingListTerms: Record<Language, RecordingListTerms> = {
  en: {
    loading: 'Loading the recordings…',
    none: 'No recordings.',
    item: (when, length) => `Recording of ${when} (${length})`,
    onServer: 'Stored',
    local: 'Kept on the recording computer only',
    uploading: 'Upload not finished',
    running: 'Recording now',
    protected: 'Protected by the replay passphrase',
    play: 'Play',
    passphrase: 'Replay passphrase',
    unlock: 'Open recording',
    cancel: 'Cancel',
    opening: 'Opening the recording…',
    wrong: 'The replay passphrase is wrong.',
    tooMany: 'Too many wrong passphrases. Try again later.',
    failed: 'The recording could not be opened.',
    download: 'Download',
    player: (when) => `Recording of ${when}`,
  },
  de: {
    loading: 'Aufnahmen werden geladen …',
    none: 'Keine Aufnahmen.',
    item: (when, length) => `Aufnahme vom ${when} (${length})`,
    onServer: 'Gespeichert',
    local: 'Nur auf dem aufnehmenden Computer gespeichert',
    uploading: 'Hochladen nicht abgeschlossen',
    running: 'Aufnahme läuft',
    protected: 'Durch die Wiedergabe-Passphrase geschützt',
    play: 'Abspielen',
    passphrase: 'Wiedergabe-Passphrase',
    unlock: 'Aufnahme öffnen',
    cancel: 'Abbrechen',
    opening: 'Aufnahme wird geöffnet …',
    wrong: 'Die Wiedergabe-Passphrase ist falsch.',
    tooMany: 'Zu viele falsche Passphrasen. Bitte später erneut versuchen.',
    failed: 'Die Aufnahme konnte nicht geöffnet werden.',
    download: 'Herunterladen',
    player: (when) => `Aufnahme vom ${when}`,
  },
  es: {
    loading: 'Cargando las grabaciones…',
    none: 'No hay grabaciones.',
    item: (when, length) => `Grabación del ${when} (${length})`,
    onServer: 'Guardada',
    local: 'Guardada solo en el ordenador que grabó',
    uploading: 'Subida sin terminar',
    running: 'Grabando ahora',
    protected: 'Protegida por la frase de reproducción',
    play: 'Reproducir',
    passphrase: 'Frase de reproducción',
    unlock: 'Abrir la grabación',
    cancel: 'Cancelar',
    opening: 'Abriendo la grabación…',
    wrong: 'La frase de reproducción no es correcta.',
    tooMany: 'Demasiados intentos fallidos. Inténtelo más tarde.',
    failed: 'No se pudo abrir la grabación.',
    download: 'Descargar',
    player: (when) => `Grabación del ${when}`,
  },
  pt: {
    loading: 'A carregar as gravações…',
    none: 'Sem gravações.',
    item: (when, length) => `Gravação de ${when} (${length})`,
    onServer: 'Guardada',
    local: 'Guardada apenas no computador que gravou',
    uploading: 'Carregamento por concluir',
    running: 'A gravar agora',
    protected: 'Protegida pela frase de reprodução',
    play: 'Reproduzir',
    passphrase: 'Frase de reprodução',
    unlock: 'Abrir a gravação',
    cancel: 'Cancelar',
    opening: 'A abrir a gravação…',
    wrong: 'A frase de reprodução está errada.',
    tooMany: 'Demasiadas tentativas erradas. Tente mais tarde.',
    failed: 'Não foi possível abrir a gravação.',
    download: 'Transferir',
    player: (when) => `Gravação de ${when}`,
  },
};
