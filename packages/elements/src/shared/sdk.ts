// The one place the elements import the SDK from, so a move inside @sightline/core touches one file.
// Types only, except `createSightline` (used where an element builds its own instance from attributes).
import type { components, Problem } from '@sightline/api-client';

export type {
  AuthState,
  CallPhase,
  CallPresenceView,
  CallRole,
  CallSession,
  ConnectionState,
  CreateSessionInput,
  LocalMediaState,
  Me,
  MediaTransport,
  Result,
  SessionController,
  Sightline,
  SightlineOptions,
  TrackingWorker,
  UploadQueue,
  WireCall,
  WireSession,
} from '@sightline/core';
export { createSightline } from '@sightline/core/client';
export type { Actor, Capability, PortalFeatures } from '@sightline/core/domain';
export type { Problem };

/** A session with every field the API documents (the SDK's `WireSession` validates only the core ones). */
export type ApiSession = components['schemas']['Session'];

/** The lifecycle actions the session controller reports in `actions$`. */
export type SessionAction = 'confirm' | 'cancel' | 'start-call' | 'end-call' | 'close' | 'reopen';
