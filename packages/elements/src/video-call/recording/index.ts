/** Recording in the call (VS-10), loaded by the call element only where the portal records. */
export { CallRecording, type RecordingContext } from './call-recording.js';
export type { RecordingTerms } from './recording-translations.js';
export { recordButton, recordingConsentView, recordingStatus } from './recording-view.js';
