import type { Actor, TeamNode } from '@sightline/core/domain';
import type { LiveKitConfig, ServerConfig } from './config.js';
import type { DatabaseHandle } from './db/connect.js';
import type { OutboxFeed } from './events/outbox-feed.js';
import type { RequestThrottle } from './throttling/request-throttle.js';
import type { SignInThrottle } from './throttling/sign-in-throttle.js';

/** The authenticated caller of a request. */
export interface Principal {
  actor: Exclude<Actor, { kind: 'system' }>;
  /** `user:<id>` or `customer:<deviceId>`: what a participant id and idempotency keys hang on. */
  subject: string;
  /** Stable opaque id of this subject in calls and signaling. */
  participantId: string;
  /** When the credential stops working (a token's expiry); event streams end then. */
  expiresAt?: Date | undefined;
}

/** Shared services handed to every route module. */
export interface Services {
  handle: DatabaseHandle;
  config: ServerConfig;
  clock: () => Date;
  jwtSecret: Uint8Array;
  rawSecret: string;
  /** Limits on requests that invite guessing or flooding (password reset, bootstrap, chosen codes), shared by every server process through the database. */
  requests: RequestThrottle;
  /** Sign-in throttles shared by every server process through the database. */
  signIns: SignInThrottle;
  livekit: LiveKitConfig | undefined;
  /** Aborted on shutdown: ends every open event stream. */
  shutdown: AbortSignal;
  /** The summary jobs' runner (SI-7): told when a session completes. */
  summaryJobs?: { kick(): void };
  /** The process's one reader of the outbox for event streams, shared per notification (event fan-out). */
  outboxFeed: OutboxFeed;
  /** Teams of an organization, for the domain's hierarchy checks. */
  teamsOf(organizationId: string): Promise<readonly TeamNode[]>;
}

/** Hono environment: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    principal: Principal /** The client behind trusted proxies (http/client-ip.ts). */;
    clientAddress: string;
  };
}
