// The one place the elements import the SDK from, so a move inside @sightline/core touches one file.
// Types only, except `createSightline` (used where an element builds its own instance from attributes).
import type { components, Problem } from '@sightline/api-client';
import type { Observable } from 'rxjs';

export type {
  AuthState,
  CallRole,
  ConnectionState,
  CreateSessionInput,
  LocalMediaState,
  Me,
  MediaTransport,
  SessionController,
  Sightline,
  SightlineOptions,
  WireCall,
  WireSession,
} from '@sightline/core';
export { createSightline } from '@sightline/core';
export type { Problem };

/** A session with every field the API documents (the SDK's `WireSession` validates only the core ones). */
export type ApiSession = components['schemas']['Session'];

import type { ConnectionState, MediaTransport, Result, Sightline } from '@sightline/core';

export type { Result };

/** Where a call stands (the SDK's `CallPhase`, restated so the elements build against any core). */
export type CallPhase =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'in-call'; callId: string; connection: ConnectionState }
  | { phase: 'ended'; callId: string }
  | { phase: 'failed'; reason: string };

/** The SDK's `CallSession` contract (`sightline.call(sessionId)`), as the video-call element uses it. */
export interface CallSession {
  readonly sessionId: string;
  readonly phase$: Observable<CallPhase>;
  readonly transport$: Observable<MediaTransport | undefined>;
  readonly mirrored$: Observable<boolean>;
  setMirrored(mirrored: boolean): void;
  start(): Promise<Result<{ callId: string }>>;
  end(): Promise<Result<void>>;
}

/** The lifecycle actions the session controller reports in `actions$`. */
export type SessionAction = 'confirm' | 'cancel' | 'start-call' | 'end-call' | 'close' | 'reopen';

/** An SDK instance that may or may not carry `call()` (older cores do not). */
export type SightlineWithCall = Sightline & { call?: (sessionId: string) => CallSession };

/** The call of a session, when the SDK instance offers calls. */
export function callOf(sightline: Sightline | undefined, sessionId: string): CallSession | undefined {
  const s = sightline as SightlineWithCall | undefined;
  return typeof s?.call === 'function' ? s.call(sessionId) : undefined;
}

/** Makes an `Observable` type usable without importing rxjs at runtime. */
export type { Observable };
