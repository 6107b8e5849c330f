// The user-visible text of every element, in each supported language. `en` defines the terms; the
// other tables must provide every term (the `Terms` type enforces it), so no text stays English-only.
// Terms that take values are functions (shoelace `src/utilities/localize.ts`).

const en = {
  loading: 'Loading…',
  notConnected: 'Not connected to the support service.',
  signInFailed: 'Could not sign in to the support service.',
  networkError: 'The support service cannot be reached. Check your connection and try again.',
  forbidden: 'You are not allowed to do this.',
  conflict: 'This session has changed in the meantime; the action is no longer possible.',
  invalid: 'Please correct the marked fields.',
  genericError: 'Something went wrong. Please try again.',
  dismiss: 'Dismiss',
  status: {
    requested: 'Requested',
    confirmed: 'Confirmed',
    running: 'In a call',
    completed: 'Completed',
    closed: 'Closed',
    cancelled: 'Cancelled',
  },
  // request flow
  requestHeading: 'Request a video call',
  device: 'Device',
  reason: 'What do you need help with?',
  reasonRequired: 'Please describe what you need help with.',
  reasonTooLong: 'Please keep the description under 2000 characters.',
  tickets: 'Linked tickets (optional)',
  ticketsHint: 'One link per line, for example https://tickets.example.com/123',
  ticketInvalid: (line: number) =>
    `Line ${line} is not a valid link (it must start with https:// or http://).`,
  tooManyTickets: 'Please link at most 20 tickets.',
  consentQuestion: 'Video calls through this service may be recorded. May we record yours?',
  consentYes: 'Yes, the call may be recorded',
  consentNo: 'No, do not record the call',
  consentRequired: 'Please choose whether the call may be recorded.',
  summaryConsentQuestion: 'May we write an AI summary of this support session for our support team?',
  summaryConsentYes: 'Allow',
  summaryConsentNo: 'Don’t allow',
  submit: 'Request video call',
  submitting: 'Sending…',
  requestsDisabled:
    'Video calls cannot be requested for this device. Please contact the support team another way.',
  staffBackAt: (time: string) =>
    `The support team is not available right now. Staff are back at ${time} — please request the call again then.`,
  staffUnavailable: 'The support team cannot be reached through this service at the moment.',
  queuedUntil: (time: string) =>
    `The support team is not available right now; your request waits until they are back at ${time}.`,
  flowStatus: {
    requested: 'Your request has been sent. The support team will confirm it shortly.',
    confirmed: 'The support team has confirmed your request. You can start the call now.',
    running: 'The call is running.',
    completed: 'The call has ended. Thank you!',
    closed: 'This session is closed.',
    cancelled: 'This request has been cancelled.',
  },
  startCall: 'Start call',
  joinCall: 'Join call',
  cancelRequest: 'Cancel request',
  newRequest: 'New request',
  deviceRequired: 'Please choose a device.',
};

/** Every term of the translation table. */
export type Terms = typeof en;

const de: Terms = {
  loading: 'Wird geladen…',
  notConnected: 'Keine Verbindung zum Support-Dienst.',
  signInFailed: 'Die Anmeldung beim Support-Dienst ist fehlgeschlagen.',
  networkError:
    'Der Support-Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  forbidden: 'Dazu sind Sie nicht berechtigt.',
  conflict: 'Diese Sitzung hat sich inzwischen geändert; die Aktion ist nicht mehr möglich.',
  invalid: 'Bitte korrigieren Sie die markierten Felder.',
  genericError: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  dismiss: 'Schließen',
  status: {
    requested: 'Angefragt',
    confirmed: 'Bestätigt',
    running: 'Im Gespräch',
    completed: 'Abgeschlossen',
    closed: 'Geschlossen',
    cancelled: 'Abgebrochen',
  },
  requestHeading: 'Videoanruf anfordern',
  device: 'Gerät',
  reason: 'Wobei brauchen Sie Hilfe?',
  reasonRequired: 'Bitte beschreiben Sie, wobei Sie Hilfe brauchen.',
  reasonTooLong: 'Bitte fassen Sie sich kürzer als 2000 Zeichen.',
  tickets: 'Verknüpfte Tickets (optional)',
  ticketsHint: 'Ein Link pro Zeile, zum Beispiel https://tickets.example.com/123',
  ticketInvalid: (line) =>
    `Zeile ${line} ist kein gültiger Link (er muss mit https:// oder http:// beginnen).`,
  tooManyTickets: 'Bitte verknüpfen Sie höchstens 20 Tickets.',
  consentQuestion:
    'Videoanrufe über diesen Dienst können aufgezeichnet werden. Dürfen wir Ihren aufzeichnen?',
  consentYes: 'Ja, der Anruf darf aufgezeichnet werden',
  consentNo: 'Nein, nicht aufzeichnen',
  consentRequired: 'Bitte wählen Sie, ob der Anruf aufgezeichnet werden darf.',
  summaryConsentQuestion:
    'Dürfen wir für unser Support-Team eine KI-Zusammenfassung dieser Sitzung erstellen?',
  summaryConsentYes: 'Erlauben',
  summaryConsentNo: 'Nicht erlauben',
  submit: 'Videoanruf anfordern',
  submitting: 'Wird gesendet…',
  requestsDisabled:
    'Für dieses Gerät können keine Videoanrufe angefordert werden. Bitte wenden Sie sich auf anderem Weg an den Support.',
  staffBackAt: (time) =>
    `Das Support-Team ist gerade nicht erreichbar. Es ist ab ${time} wieder da – bitte fordern Sie den Anruf dann erneut an.`,
  staffUnavailable: 'Das Support-Team ist über diesen Dienst derzeit nicht erreichbar.',
  queuedUntil: (time) =>
    `Das Support-Team ist gerade nicht erreichbar; Ihre Anfrage wartet, bis es ab ${time} wieder da ist.`,
  flowStatus: {
    requested: 'Ihre Anfrage wurde gesendet. Das Support-Team bestätigt sie in Kürze.',
    confirmed: 'Das Support-Team hat Ihre Anfrage bestätigt. Sie können den Anruf jetzt starten.',
    running: 'Der Anruf läuft.',
    completed: 'Der Anruf ist beendet. Vielen Dank!',
    closed: 'Diese Sitzung ist geschlossen.',
    cancelled: 'Diese Anfrage wurde abgebrochen.',
  },
  startCall: 'Anruf starten',
  joinCall: 'Anruf beitreten',
  cancelRequest: 'Anfrage abbrechen',
  newRequest: 'Neue Anfrage',
  deviceRequired: 'Bitte wählen Sie ein Gerät.',
};

const es: Terms = {
  loading: 'Cargando…',
  notConnected: 'Sin conexión con el servicio de asistencia.',
  signInFailed: 'No se pudo iniciar sesión en el servicio de asistencia.',
  networkError: 'No se puede acceder al servicio de asistencia. Compruebe su conexión e inténtelo de nuevo.',
  forbidden: 'No tiene permiso para hacer esto.',
  conflict: 'Esta sesión ha cambiado mientras tanto; la acción ya no es posible.',
  invalid: 'Corrija los campos marcados.',
  genericError: 'Algo salió mal. Inténtelo de nuevo.',
  dismiss: 'Cerrar',
  status: {
    requested: 'Solicitada',
    confirmed: 'Confirmada',
    running: 'En llamada',
    completed: 'Completada',
    closed: 'Cerrada',
    cancelled: 'Cancelada',
  },
  requestHeading: 'Solicitar una videollamada',
  device: 'Dispositivo',
  reason: '¿Con qué necesita ayuda?',
  reasonRequired: 'Describa con qué necesita ayuda.',
  reasonTooLong: 'La descripción debe tener menos de 2000 caracteres.',
  tickets: 'Tickets vinculados (opcional)',
  ticketsHint: 'Un enlace por línea, por ejemplo https://tickets.example.com/123',
  ticketInvalid: (line) => `La línea ${line} no es un enlace válido (debe empezar por https:// o http://).`,
  tooManyTickets: 'Vincule como máximo 20 tickets.',
  consentQuestion: 'Las videollamadas de este servicio pueden grabarse. ¿Podemos grabar la suya?',
  consentYes: 'Sí, la llamada puede grabarse',
  consentNo: 'No, no grabar la llamada',
  consentRequired: 'Indique si la llamada puede grabarse.',
  summaryConsentQuestion: '¿Podemos crear un resumen con IA de esta sesión para nuestro equipo de soporte?',
  summaryConsentYes: 'Permitir',
  summaryConsentNo: 'No permitir',
  submit: 'Solicitar videollamada',
  submitting: 'Enviando…',
  requestsDisabled:
    'No se pueden solicitar videollamadas para este dispositivo. Póngase en contacto con el equipo de asistencia por otra vía.',
  staffBackAt: (time) =>
    `El equipo de asistencia no está disponible ahora. Vuelve el ${time}; solicite la llamada de nuevo entonces.`,
  staffUnavailable:
    'En este momento no se puede contactar con el equipo de asistencia a través de este servicio.',
  queuedUntil: (time) =>
    `El equipo de asistencia no está disponible ahora; su solicitud espera hasta que vuelva el ${time}.`,
  flowStatus: {
    requested: 'Su solicitud se ha enviado. El equipo de asistencia la confirmará en breve.',
    confirmed: 'El equipo de asistencia ha confirmado su solicitud. Ya puede iniciar la llamada.',
    running: 'La llamada está en curso.',
    completed: 'La llamada ha terminado. ¡Gracias!',
    closed: 'Esta sesión está cerrada.',
    cancelled: 'Esta solicitud se ha cancelado.',
  },
  startCall: 'Iniciar llamada',
  joinCall: 'Unirse a la llamada',
  cancelRequest: 'Cancelar solicitud',
  newRequest: 'Nueva solicitud',
  deviceRequired: 'Elija un dispositivo.',
};

const pt: Terms = {
  loading: 'A carregar…',
  notConnected: 'Sem ligação ao serviço de suporte.',
  signInFailed: 'Não foi possível iniciar sessão no serviço de suporte.',
  networkError: 'Não é possível contactar o serviço de suporte. Verifique a ligação e tente novamente.',
  forbidden: 'Não tem permissão para fazer isto.',
  conflict: 'Esta sessão foi alterada entretanto; a ação já não é possível.',
  invalid: 'Corrija os campos assinalados.',
  genericError: 'Ocorreu um erro. Tente novamente.',
  dismiss: 'Fechar',
  status: {
    requested: 'Pedida',
    confirmed: 'Confirmada',
    running: 'Em chamada',
    completed: 'Concluída',
    closed: 'Fechada',
    cancelled: 'Cancelada',
  },
  requestHeading: 'Pedir uma videochamada',
  device: 'Dispositivo',
  reason: 'Com o que precisa de ajuda?',
  reasonRequired: 'Descreva com o que precisa de ajuda.',
  reasonTooLong: 'A descrição deve ter menos de 2000 caracteres.',
  tickets: 'Tickets associados (opcional)',
  ticketsHint: 'Um link por linha, por exemplo https://tickets.example.com/123',
  ticketInvalid: (line) => `A linha ${line} não é um link válido (deve começar por https:// ou http://).`,
  tooManyTickets: 'Associe no máximo 20 tickets.',
  consentQuestion: 'As videochamadas deste serviço podem ser gravadas. Podemos gravar a sua?',
  consentYes: 'Sim, a chamada pode ser gravada',
  consentNo: 'Não, não gravar a chamada',
  consentRequired: 'Indique se a chamada pode ser gravada.',
  summaryConsentQuestion: 'Podemos criar um resumo com IA desta sessão para a nossa equipe de suporte?',
  summaryConsentYes: 'Permitir',
  summaryConsentNo: 'Não permitir',
  submit: 'Pedir videochamada',
  submitting: 'A enviar…',
  requestsDisabled:
    'Não é possível pedir videochamadas para este dispositivo. Contacte a equipa de suporte por outra via.',
  staffBackAt: (time) =>
    `A equipa de suporte não está disponível neste momento. Volta a ${time}; peça a chamada de novo nessa altura.`,
  staffUnavailable: 'De momento não é possível contactar a equipa de suporte através deste serviço.',
  queuedUntil: (time) =>
    `A equipa de suporte não está disponível neste momento; o seu pedido aguarda até ela voltar, a ${time}.`,
  flowStatus: {
    requested: 'O seu pedido foi enviado. A equipa de suporte vai confirmá-lo em breve.',
    confirmed: 'A equipa de suporte confirmou o seu pedido. Já pode iniciar a chamada.',
    running: 'A chamada está a decorrer.',
    completed: 'A chamada terminou. Obrigado!',
    closed: 'Esta sessão está fechada.',
    cancelled: 'Este pedido foi cancelado.',
  },
  startCall: 'Iniciar chamada',
  joinCall: 'Entrar na chamada',
  cancelRequest: 'Cancelar pedido',
  newRequest: 'Novo pedido',
  deviceRequired: 'Escolha um dispositivo.',
};

/** The supported languages and their tables. */
export const translations = { en, de, es, pt } as const;

/** A supported language code. */
export type Language = keyof typeof translations;

/**
 * An element's own texts joined with the shared ones, one table per language, built once: features
 * keep their texts in their own modules, so a page loads only the texts of what it shows.
 * @example
 * export const inboxTerms = withSharedTerms({ en, de, es, pt });
 */
export function withSharedTerms<T extends object>(own: Record<Language, T>): Record<Language, Terms & T> {
  return {
    en: { ...translations.en, ...own.en },
    de: { ...translations.de, ...own.de },
    es: { ...translations.es, ...own.es },
    pt: { ...translations.pt, ...own.pt },
  };
}
