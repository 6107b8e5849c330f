export type { CallDiagnosticsSummary } from './call-diagnostics';
export type { CallMonitor, CallMonitorDeps, MonitoredParticipant } from './call-monitor';
export { monitorCall } from './call-monitor';
export type { CallPresenceView } from './call-presence';
export type { DiagnosticsOptions } from './call-reporting';
export { createCallSession } from './call-session';
export type { CallPhase, CallSession } from './call-session.types';
export type { HttpSignalingOptions } from './http-signaling';
export { createHttpSignaling } from './http-signaling';
export type { ChatDataMessage } from './messages';
export {
  chatDataMessageSchema,
  MAX_MESSAGE_TEXT,
  MESSAGE_ID_PATTERN,
  newMessageId,
  parseChatDataMessage,
  unreadableText,
} from './messages';
export type { ParticipantState } from './participant-state';
export { parseParticipantState, participantStateSchema } from './participant-state';
export type { Result } from './result';
export type { SessionActions } from './session-controller';
export { SessionController, toSessionState } from './session-controller';
export { SessionsStore } from './sessions-store';
export type { AuthState, CreateSessionInput, Me, Sightline, SightlineOptions } from './sightline';
export { actorOf, createSightline } from './sightline';
export type { InvalidEvent, RealtimeEvent, WireCall, WireSession } from './wire';
export { parseRealtimeEvent } from './wire';
