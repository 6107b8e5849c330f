import type { Terms } from './en.js';

// The shared and request-flow texts in Spanish, a chunk of its own: a page loads only its language.

export const terms: Terms = {
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
