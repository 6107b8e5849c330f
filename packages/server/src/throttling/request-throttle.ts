import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import { clientNetwork } from './network.js';
import { type BackOff, type CountedKey, countAttempt } from './store.js';

/** Requests counted like sign-ins, in the database, so every server process counts together. */
export type ThrottledRequest =
  | 'password-reset'
  | 'password-reset-confirm'
  | 'bootstrap'
  | 'custom-access-code';

/** One counter a request takes from: per client network, or per something it names (an address, a user). */
export interface RequestLimit {
  scope: 'client' | 'identifier';
  /** For `identifier`: what is counted (an email, a user id); only a keyed hash of it is stored. */
  identifier?: string;
  maxAttempts: number;
  windowSeconds: number;
}

/**
 * Throttles requests that are not sign-ins but invite guessing or flooding — password-reset
 * requests and confirmations, the operator's bootstrap, chosen access codes — with the sign-in
 * counters in the database (`auth_throttles`): shared by every server process, doubling back-off
 * once a limit trips, 429 with `Retry-After`, an audit row per trip (`auth_throttle_trips`).
 * @example
 * await throttle.hit('password-reset', clientIp(c), [{ scope: 'client', maxAttempts: 20, windowSeconds: 60 }]);
 */
export class RequestThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
    private readonly clock: () => Date,
    private readonly backOff: BackOff = { baseSeconds: 60, maxSeconds: 60 * 60 },
  ) {}

  /** Counts one request on every limit; refuses it (429) when one is over its limit. */
  async hit(kind: ThrottledRequest, clientAddress: string, limits: readonly RequestLimit[]): Promise<void> {
    const now = this.clock();
    const client = clientNetwork(clientAddress);
    const keys: CountedKey[] = limits.map((l) => ({
      key:
        l.scope === 'client'
          ? `request:${kind}:${client}`
          : `request:${kind}:${createHmac('sha256', this.secret)
              .update(`${kind}\n${l.identifier ?? ''}`)
              .digest('base64url')
              .slice(0, 32)}`,
      scope: l.scope,
      maxAttempts: l.maxAttempts,
      windowSeconds: l.windowSeconds,
      organizationId: null,
      subject: null,
    }));
    const result = await countAttempt(this.db, { kind, client, now }, keys, this.backOff);
    const refused = result.keys.filter((o) => o.outcome === 'tripped' || o.outcome === 'blocked');
    const until =
      result.blockedUntil ??
      (refused.length ? new Date(Math.max(...refused.map((o) => o.blockedUntil?.getTime() ?? 0))) : null);
    if (until)
      throw ProblemError.tooManyRequests(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
  }
}
