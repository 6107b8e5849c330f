/** The browser side of recording (VS-10): loaded when a recording starts, not with the call. */
export { RECORDING_DB, RecordingChunkStore, type StoredRecording } from './chunk-store.js';
export * from './envelope.js';
export { type MixedStream, mixCall, type RecordingSources } from './mixer.js';
export { CallRecorder, type CallRecorderOptions, type RecorderProgress } from './recorder.js';
export { uploadRecording } from './upload.js';
