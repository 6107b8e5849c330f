import { withSharedTerms } from '../shared/translations.js';

// The video call's texts (VS-8, VS-9), in its own module: they load with the call.

const en = {
  callHeading: 'Video call',
  remoteVideo: 'Video of the other participant',
  ownVideo: 'Your camera',
  camera: 'Camera',
  mirror: 'Mirror view',
  microphone: 'Microphone',
  defaultDevice: 'Default',
  enableSound: 'Turn on sound',
  endCall: 'End call',
  connection: {
    idle: 'Waiting to connect…',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Connection lost. Reconnecting…',
    disconnected: 'The call has ended.',
    failed: 'The connection failed.',
  },
  callStarting: 'Starting the call…',
  callEnded: 'The call has ended.',
  callUnavailable: 'Calls are not available here.',
  permissionDenied: 'Access to the camera or microphone was refused. Allow it in your browser and try again.',
  deviceNotFound: 'No camera or microphone was found.',
  deviceInUse: 'The camera or microphone is used by another application.',
};

/** The call texts; every language provides each one. */
export type CallTerms = typeof en;

const de: CallTerms = {
  callHeading: 'Videoanruf',
  remoteVideo: 'Video der anderen Person',
  ownVideo: 'Ihre Kamera',
  camera: 'Kamera',
  mirror: 'Ansicht spiegeln',
  microphone: 'Mikrofon',
  defaultDevice: 'Standard',
  enableSound: 'Ton einschalten',
  endCall: 'Anruf beenden',
  connection: {
    idle: 'Warten auf Verbindung…',
    connecting: 'Verbindung wird hergestellt…',
    connected: 'Verbunden',
    reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
    disconnected: 'Der Anruf ist beendet.',
    failed: 'Die Verbindung ist fehlgeschlagen.',
  },
  callStarting: 'Anruf wird gestartet…',
  callEnded: 'Der Anruf ist beendet.',
  callUnavailable: 'Anrufe sind hier nicht verfügbar.',
  permissionDenied:
    'Der Zugriff auf Kamera oder Mikrofon wurde verweigert. Erlauben Sie ihn im Browser und versuchen Sie es erneut.',
  deviceNotFound: 'Keine Kamera und kein Mikrofon gefunden.',
  deviceInUse: 'Kamera oder Mikrofon werden von einer anderen Anwendung verwendet.',
};

const es: CallTerms = {
  callHeading: 'Videollamada',
  remoteVideo: 'Vídeo del otro participante',
  ownVideo: 'Su cámara',
  camera: 'Cámara',
  mirror: 'Reflejar vista',
  microphone: 'Micrófono',
  defaultDevice: 'Predeterminado',
  enableSound: 'Activar el sonido',
  endCall: 'Finalizar llamada',
  connection: {
    idle: 'Esperando la conexión…',
    connecting: 'Conectando…',
    connected: 'Conectado',
    reconnecting: 'Se perdió la conexión. Reconectando…',
    disconnected: 'La llamada ha terminado.',
    failed: 'La conexión ha fallado.',
  },
  callStarting: 'Iniciando la llamada…',
  callEnded: 'La llamada ha terminado.',
  callUnavailable: 'Las llamadas no están disponibles aquí.',
  permissionDenied:
    'Se denegó el acceso a la cámara o al micrófono. Permítalo en el navegador e inténtelo de nuevo.',
  deviceNotFound: 'No se encontró ninguna cámara ni micrófono.',
  deviceInUse: 'Otra aplicación está usando la cámara o el micrófono.',
};

const pt: CallTerms = {
  callHeading: 'Videochamada',
  remoteVideo: 'Vídeo do outro participante',
  ownVideo: 'A sua câmara',
  camera: 'Câmara',
  mirror: 'Espelhar vista',
  microphone: 'Microfone',
  defaultDevice: 'Predefinido',
  enableSound: 'Ativar o som',
  endCall: 'Terminar chamada',
  connection: {
    idle: 'A aguardar ligação…',
    connecting: 'A ligar…',
    connected: 'Ligado',
    reconnecting: 'Ligação perdida. A restabelecer…',
    disconnected: 'A chamada terminou.',
    failed: 'A ligação falhou.',
  },
  callStarting: 'A iniciar a chamada…',
  callEnded: 'A chamada terminou.',
  callUnavailable: 'As chamadas não estão disponíveis aqui.',
  permissionDenied:
    'O acesso à câmara ou ao microfone foi recusado. Permita-o no navegador e tente novamente.',
  deviceNotFound: 'Não foi encontrada nenhuma câmara nem microfone.',
  deviceInUse: 'A câmara ou o microfone estão a ser usados por outra aplicação.',
};

/** Every text the element shows: the shared terms and its own. */
export const callTerms = withSharedTerms<CallTerms>({ en, de, es, pt });
