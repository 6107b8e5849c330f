export type { Result } from './result';
export type { SessionActions } from './session-controller';
export { SessionController, toSessionState } from './session-controller';
export { SessionsStore } from './sessions-store';
export type { AuthState, CreateSessionInput, Me, Sightline, SightlineOptions } from './sightline';
export { actorOf, createSightline } from './sightline';
export type { InvalidEvent, RealtimeEvent, WireCall, WireSession } from './wire';
export { parseRealtimeEvent } from './wire';
