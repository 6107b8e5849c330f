// The video call's own texts in English (VS-8 … VS-15): the call, the AR tools, recording and chat.
// Every language is a chunk of its own, loaded with the call (`callTexts`); this table defines the
// terms, the others must provide every one.
import type { ChatTerms } from '../chat/chat-translations.js';
import type { ConsentOwnTerms } from '../chat/consent-translations.js';
import { clock, type PresenceTerms } from '../presence/presence-translations.js';
import type { RecordingTerms } from '../recording/recording-translations.js';

const call = {
  callHeading: 'Video call',
  remoteVideo: 'Video of the other participant',
  ownVideo: 'Your camera',
  camera: 'Camera',
  mirror: 'Mirror view',
  microphone: 'Microphone',
  defaultDevice: 'Default',
  enableSound: 'Turn on sound',
  endCall: 'End call',
  controls: 'Call controls',
  fullscreen: 'Full screen',
  more: 'More',
  flipCamera: 'Switch camera',
  flipHint: 'Use the next camera (front or back)',
  pictureInPicture: 'Picture in picture',
  cameraOnHint: 'Turn the camera on',
  cameraOffHint: 'Turn the camera off',
  microphoneOnHint: 'Unmute the microphone',
  microphoneOffHint: 'Mute the microphone',
  inCallFor: (time: string) => `In call · ${time}`,
  quality: (q: 'good' | 'fair' | 'poor') => `Connection: ${{ good: 'good', fair: 'fair', poor: 'poor' }[q]}`,
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
  signalingBlocked:
    'The call cannot reach the server: this browser holds too many connections to it. Close other tabs of this site.',
};

const ar = {
  toolbar: 'Drawing tools',
  pen: 'Draw',
  penColor: 'Pen colour',
  screenshot: 'Take screenshot',
  marker: 'Place marker',
  markerLabel: 'Marker label',
  markerDefault: (n: number) => `Marker ${n}`,
  lost: (label: string) => `${label} (lost)`,
  overlay: 'Drawings and markers on the video',
  annotationHeading: 'Screenshot',
  annotationHint: 'Draw on the screenshot. The other participant sees your drawing.',
  screenshotImage: 'Captured screenshot with drawings',
  receiving: 'Receiving the screenshot…',
  close: 'Close screenshot',
  saving: 'Saving screenshot',
  saved: 'Screenshot saved.',
  waiting: 'Screenshot saved on this device; it is uploaded when the connection is back.',
  failed: 'The screenshot could not be saved.',
  notReady: 'There is no video picture to capture yet.',
  needsPicture: 'Needs the customer’s camera picture',
  undo: 'Undo',
  redo: 'Redo',
  clear: 'Clear drawings',
  gallery: 'Screenshots of this call',
  galleryItem: (n: number, time: string) => `Screenshot ${n}, ${time}`,
  unseen: 'new',
  shared: 'The other side shared a screenshot. Open it from the screenshots below the video.',
};

const recording: RecordingTerms = {
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
};

const chat: ChatTerms = {
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
};

const consent: ConsentOwnTerms = {
  allowed: 'AI summary of this session: allowed.',
  denied: 'AI summary of this session: not allowed.',
  revoke: 'Withdraw',
  failed: 'Your choice could not be saved. Please try again.',
  device: 'AI summaries for this device',
  deviceAllowed: 'Always allow',
  deviceDenied: 'Never',
  deviceAsk: 'Ask each time',
};

const presence: PresenceTerms = {
  who: { customer: 'The customer', staff: 'Support' },
  away: (who, secondsLeft) =>
    secondsLeft === undefined
      ? `${who} has left the call.`
      : `${who} has left the call. It ends in ${clock(secondsLeft)} unless they come back.`,
  back: (who) => `${who} is back.`,
  abandoned: (who) => `The call has ended: ${who.toLowerCase()} was gone too long.`,
  abandonedNobody: 'The call has ended: nobody was left in it.',
  cameraOff: 'Camera off',
  muted: 'Muted',
};

/** The call's own texts, by feature. */
export interface CallTexts {
  readonly call: typeof call;
  readonly ar: typeof ar;
  readonly recording: RecordingTerms;
  readonly chat: ChatTerms;
  /** The summary consent's own texts (the question and its answers are the request flow's). */
  readonly consent: ConsentOwnTerms;
  /** Who is still in the call (VS-9). */
  readonly presence: PresenceTerms;
}

export const texts: CallTexts = { call, ar, recording, chat, consent, presence };
