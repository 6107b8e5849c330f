export type { CallResult } from './call-error.js';
export { CallError, CallErrorCode } from './call-error.js';
export type { MediaConfig, TransportDeps } from './create-transport.js';
export { createTransport } from './create-transport.js';
export type { DataMessageSchema } from './data-message.js';
export { decodeDataMessage, encodeDataMessage, MAX_DATA_MESSAGE_BYTES } from './data-message.js';
export type { LiveKitCameraOptions } from './livekit-mapping.js';
export {
  LIVEKIT_DATA_TOPIC,
  liveKitCameraOptions,
  mapLiveKitConnectionState,
  mapLiveKitError,
} from './livekit-mapping.js';
export type {
  LiveKitDiagnostics,
  LiveKitModule,
  LiveKitTransport,
  LiveKitTransportOptions,
} from './livekit-transport.js';
export { createLiveKitTransport } from './livekit-transport.js';
export type { DeviceHints, VideoChoice } from './local-media.js';
export { audioConstraints, looksLikePhone, videoConstraints } from './local-media.js';
export type {
  CallRole,
  CallStats,
  CaptureKind,
  DataMessage,
  LocalMediaState,
  MediaTransport,
  ReceivedMessage,
} from './media-transport.js';
export { ConnectionState, dataMessageSchema } from './media-transport.js';
export type { MirrorState, NormalizedPoint } from './mirror.js';
export { initialMirrorState, mirrorPoint, mirrorTransform, toggleMirror, viewToFrame } from './mirror.js';
export { onConnected } from './on-connected.js';
export type {
  P2PDiagnostics,
  P2PTransport,
  P2PTransportDeps,
  P2PTransportOptions,
  Timers,
} from './p2p-transport.js';
export { createP2PTransport } from './p2p-transport.js';
export type {
  NegotiationCounters,
  NegotiationPayload,
  PerfectNegotiation,
  PerfectNegotiationOptions,
} from './perfect-negotiation.js';
export { attachPerfectNegotiation, isPolite, needsNegotiation } from './perfect-negotiation.js';
export type { ReconnectPolicy } from './reconnect-policy.js';
export { exponentialBackoff } from './reconnect-policy.js';
export type { LoopbackSignaling, SignalingChannel, SignalMessage, SignalPayload } from './signaling.js';
export {
  createLoopbackSignaling,
  parseSignalMessage,
  signalMessageSchema,
  signalPayloadSchema,
} from './signaling.js';
export type { StatsEntry } from './stats.js';
export { summarizeStats } from './stats.js';
