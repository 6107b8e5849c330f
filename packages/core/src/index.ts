export type {
  CallResult,
  CallRole,
  CallStats,
  CaptureKind,
  DataMessage,
  DataMessageSchema,
  LiveKitTransportOptions,
  LocalMediaState,
  LoopbackSignaling,
  MediaConfig,
  MediaTransport,
  MirrorState,
  NormalizedPoint,
  P2PTransport,
  P2PTransportDeps,
  P2PTransportOptions,
  ReceivedMessage,
  ReconnectPolicy,
  SignalingChannel,
  SignalMessage,
  SignalPayload,
  TransportDeps,
} from './call/index.js';
export {
  CallError,
  CallErrorCode,
  ConnectionState,
  createLiveKitTransport,
  createLoopbackSignaling,
  createP2PTransport,
  createTransport,
  dataMessageSchema,
  exponentialBackoff,
  initialMirrorState,
  looksLikePhone,
  mirrorPoint,
  mirrorTransform,
  parseSignalMessage,
  signalMessageSchema,
  toggleMirror,
  viewToFrame,
} from './call/index.js';
export type { EventStream, EventStreamOptions, StreamClosed } from './realtime/event-stream.js';
export { connectEventStream, StreamStatus } from './realtime/event-stream.js';
export type { ServerSentEvent, SseParser } from './realtime/sse-parser.js';
export { createSseParser } from './realtime/sse-parser.js';
export type {
  AuthState,
  CreateSessionInput,
  InvalidEvent,
  Me,
  RealtimeEvent,
  Result,
  SessionActions,
  Sightline,
  SightlineOptions,
  WireCall,
  WireSession,
} from './sdk/index.js';
export {
  actorOf,
  createSightline,
  parseRealtimeEvent,
  SessionController,
  SessionsStore,
  toSessionState,
} from './sdk/index.js';
export type { Store, StoreOptions } from './store/index.js';
export { createStore } from './store/index.js';
