import type { Language } from '../../shared/translations.js';

/** The texts of recording in the call (VS-10, MC-12). */
export interface RecordingTerms {
  record: string;
  stop: string;
  /** Why Record is not offered yet. */
  waitingForConsent: string;
  recording: string;
  /** The indicator, with the elapsed time. */
  recordingFor: (time: string) => string;
  uploading: (percent: number) => string;
  uploaded: string;
  local: string;
  save: string;
  failed: string;
  sizeLimit: string;
  consentRevoked: string;
  question: string;
  allow: string;
  deny: string;
  allowed: string;
  denied: string;
  withdraw: string;
  allowAgain: string;
}

export const recordingTranslations: Record<Language, RecordingTerms> = {
  en: {
    record: 'Record',
    stop: 'Stop recording',
    waitingForConsent: 'Recording needs the customer’s consent.',
    recording: 'Recording',
    recordingFor: (t) => `Recording ${t}`,
    uploading: (p) => `Uploading the recording… ${p} %`,
    uploaded: 'The recording is saved.',
    local: 'This portal keeps recordings on this computer only.',
    save: 'Save recording',
    failed: 'The recording could not be started or saved.',
    sizeLimit: 'The recording reached its size limit and stopped.',
    consentRevoked: 'The customer withdrew consent; the recording stopped.',
    question: 'May this call be recorded?',
    allow: 'Allow recording',
    deny: 'No recording',
    allowed: 'Recording allowed.',
    denied: 'Recording not allowed.',
    withdraw: 'Withdraw consent',
    allowAgain: 'Allow recording',
  },
  de: {
    record: 'Aufnehmen',
    stop: 'Aufnahme beenden',
    waitingForConsent: 'Für eine Aufnahme braucht es die Zustimmung des Kunden.',
    recording: 'Aufnahme',
    recordingFor: (t) => `Aufnahme läuft ${t}`,
    uploading: (p) => `Aufnahme wird hochgeladen … ${p} %`,
    uploaded: 'Die Aufnahme ist gespeichert.',
    local: 'Dieses Portal speichert Aufnahmen nur auf diesem Computer.',
    save: 'Aufnahme speichern',
    failed: 'Die Aufnahme konnte nicht gestartet oder gespeichert werden.',
    sizeLimit: 'Die Aufnahme hat ihre Größengrenze erreicht und wurde beendet.',
    consentRevoked: 'Der Kunde hat die Zustimmung widerrufen; die Aufnahme wurde beendet.',
    question: 'Darf dieses Gespräch aufgezeichnet werden?',
    allow: 'Aufnahme erlauben',
    deny: 'Keine Aufnahme',
    allowed: 'Aufnahme erlaubt.',
    denied: 'Aufnahme nicht erlaubt.',
    withdraw: 'Zustimmung widerrufen',
    allowAgain: 'Aufnahme erlauben',
  },
  es: {
    record: 'Grabar',
    stop: 'Detener la grabación',
    waitingForConsent: 'Grabar requiere el consentimiento del cliente.',
    recording: 'Grabando',
    recordingFor: (t) => `Grabando ${t}`,
    uploading: (p) => `Subiendo la grabación… ${p} %`,
    uploaded: 'La grabación está guardada.',
    local: 'Este portal guarda las grabaciones solo en este ordenador.',
    save: 'Guardar la grabación',
    failed: 'No se pudo iniciar o guardar la grabación.',
    sizeLimit: 'La grabación alcanzó su tamaño máximo y se detuvo.',
    consentRevoked: 'El cliente retiró su consentimiento; la grabación se detuvo.',
    question: '¿Se puede grabar esta llamada?',
    allow: 'Permitir la grabación',
    deny: 'Sin grabación',
    allowed: 'Grabación permitida.',
    denied: 'Grabación no permitida.',
    withdraw: 'Retirar el consentimiento',
    allowAgain: 'Permitir la grabación',
  },
  pt: {
    record: 'Gravar',
    stop: 'Parar a gravação',
    waitingForConsent: 'Gravar requer o consentimento do cliente.',
    recording: 'A gravar',
    recordingFor: (t) => `A gravar ${t}`,
    uploading: (p) => `A carregar a gravação… ${p} %`,
    uploaded: 'A gravação está guardada.',
    local: 'Este portal guarda as gravações apenas neste computador.',
    save: 'Guardar a gravação',
    failed: 'Não foi possível iniciar ou guardar a gravação.',
    sizeLimit: 'A gravação atingiu o tamanho máximo e parou.',
    consentRevoked: 'O cliente retirou o consentimento; a gravação parou.',
    question: 'Esta chamada pode ser gravada?',
    allow: 'Permitir a gravação',
    deny: 'Sem gravação',
    allowed: 'Gravação permitida.',
    denied: 'Gravação não permitida.',
    withdraw: 'Retirar o consentimento',
    allowAgain: 'Permitir a gravação',
  },
};
