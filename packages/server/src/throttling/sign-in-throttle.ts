import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import { clientNetwork } from './network.js';
import {
  auditPenalties,
  type BackOff,
  type CountedKey,
  countAttempt,
  type KeyOutcome,
  refundAttempt,
  sweep,
} from './store.js';

/** How many attempts each scope admits per window, and the back-off once one trips. */
export interface SignInLimits {
  /** One client network and one email or code. */
  perIdentifier: { attempts: number; windowSeconds: number };
  /** One client network, across every email and code. */
  perClient: { attempts: number; windowSeconds: number };
  /** Every attempt at one organization's accounts and codes, from anywhere. */
  perOrganization: { attempts: number; windowSeconds: number };
  backOff: BackOff;
}

/** The limits a configuration asks for (see `ServerConfig.authAttemptsPerMinute` and after). */
export function signInLimitsOf(config: ServerConfig): SignInLimits {
  const perMinute = Math.max(1, config.authAttemptsPerMinute);
  const window = config.authFailureWindowSeconds ?? 15 * 60;
  return {
    perIdentifier: { attempts: perMinute, windowSeconds: 60 },
    perClient: {
      attempts: Math.max(1, config.authFailuresPerClient ?? Math.max(30, 3 * perMinute)),
      windowSeconds: window,
    },
    perOrganization: {
      attempts: Math.max(1, config.authFailuresPerOrganization ?? Math.max(300, 30 * perMinute)),
      windowSeconds: window,
    },
    backOff: { baseSeconds: 60, maxSeconds: config.authMaxBlockSeconds ?? 60 * 60 },
  };
}

/** One sign-in attempt: a login or an access-code redemption. */
export interface SignInAttempt {
  kind: 'login' | 'access-code' | 'replay-passphrase';
  /** The connecting address (`clientIp`); counted by its network. */
  clientAddress: string;
  /** The email (lower case) or the normalized code; only a keyed hash of it is stored. */
  identifier: string;
  /** The organization whose account or code this is, when it exists. */
  organizationId: string | null;
  /** `user:<id>` or `access-code:<id>` when it exists, for the audit trail. */
  subject: string | null;
}

/** An admitted attempt: report how it ended with {@link SignInThrottle.succeeded} or `failed`. */
export interface AdmittedAttempt {
  readonly attempt: SignInAttempt;
  readonly now: Date;
  readonly client: string;
  readonly keys: readonly CountedKey[];
  readonly outcomes: readonly KeyOutcome[];
}

const SWEEP_EVERY_MS = 60_000;
const KEEP_TRIPS_DAYS = 90;
const LOCAL_BLOCKS_MAX = 10_000;

/**
 * Throttles sign-ins with counters in the database, so every server process counts together.
 * An attempt is counted before the password or code is checked — a burst of parallel attempts
 * cannot slip past the limit — and given back when it signs in. Known and unknown emails and codes
 * are counted and answered alike (the organization ceiling can only count the ones that exist).
 * Blocks this process has seen are also kept in memory, so a client hammering while blocked costs
 * no database round trip.
 */
export class SignInThrottle {
  readonly #localBlocks = new Map<string, number>();
  #lastSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly limits: SignInLimits,
    private readonly secret: string,
    private readonly clock: () => Date,
  ) {}

  /** Counts the attempt, or refuses it with 429 and `Retry-After` while a limit holds. */
  async admit(attempt: SignInAttempt): Promise<AdmittedAttempt> {
    const now = this.clock();
    const client = clientNetwork(attempt.clientAddress);
    const keys = this.#keysOf(attempt, client);
    this.#refuseIfBlockedLocally(keys, now);
    await this.#sweepIfDue(now);
    const result = await countAttempt(
      this.db,
      { kind: attempt.kind, client, now },
      keys,
      this.limits.backOff,
    );
    if (result.blockedUntil) {
      for (const b of result.blockedKeys) this.#remember(b.key, b.until);
      throw tooMany(result.blockedUntil, now);
    }
    const refusing = result.keys.filter((o) => o.outcome === 'tripped' || o.outcome === 'blocked');
    if (refusing.length > 0) {
      const until = new Date(Math.max(...refusing.map((o) => o.blockedUntil?.getTime() ?? 0)));
      for (const o of refusing) if (o.blockedUntil) this.#remember(o.key, o.blockedUntil);
      await this.#auditPenalties({ attempt, now, client, keys, outcomes: result.keys });
      throw tooMany(until, now);
    }
    return { attempt, now, client, keys, outcomes: result.keys };
  }

  /** The attempt signed in: it does not count against anyone. */
  async succeeded(admitted: AdmittedAttempt): Promise<void> {
    const [identifier, ...shared] = admitted.keys;
    if (!identifier) return;
    await refundAttempt(
      this.db,
      admitted.now,
      identifier.key,
      shared.map((k) => k.key),
    );
  }

  /** The attempt failed: it stays counted; a block it started after an earlier one is audited. */
  async failed(admitted: AdmittedAttempt): Promise<void> {
    for (const o of admitted.outcomes) {
      if (o.outcome === 'penalty' && o.blockedUntil) this.#remember(o.key, o.blockedUntil);
    }
    await this.#auditPenalties(admitted);
  }

  async #auditPenalties(admitted: AdmittedAttempt): Promise<void> {
    const trips = admitted.outcomes
      .filter((o) => o.outcome === 'penalty')
      .flatMap((outcome) => {
        const key = admitted.keys.find((k) => k.key === outcome.key);
        return key ? [{ key, outcome }] : [];
      });
    await auditPenalties(
      this.db,
      { kind: admitted.attempt.kind, client: admitted.client, now: admitted.now },
      trips,
    );
  }

  /** The identifier's key first (a success deletes it), then the client's and the organization's. */
  #keysOf(attempt: SignInAttempt, client: string): CountedKey[] {
    const { perIdentifier, perClient, perOrganization } = this.limits;
    const known = { organizationId: attempt.organizationId, subject: attempt.subject };
    const identifier = createHmac('sha256', this.secret)
      .update(`${attempt.kind}\n${attempt.identifier}`)
      .digest('base64url')
      .slice(0, 32);
    const keys: CountedKey[] = [
      {
        key: `identifier:${attempt.kind}:${client}:${identifier}`,
        scope: 'identifier',
        maxAttempts: perIdentifier.attempts,
        windowSeconds: perIdentifier.windowSeconds,
        ...known,
      },
      {
        key: `client:${client}`,
        scope: 'client',
        maxAttempts: perClient.attempts,
        windowSeconds: perClient.windowSeconds,
        organizationId: null,
        subject: null,
      },
    ];
    if (attempt.organizationId) {
      keys.push({
        key: `organization:${attempt.organizationId}`,
        scope: 'organization',
        maxAttempts: perOrganization.attempts,
        windowSeconds: perOrganization.windowSeconds,
        organizationId: attempt.organizationId,
        subject: null,
      });
    }
    return keys;
  }

  #refuseIfBlockedLocally(keys: readonly CountedKey[], now: Date): void {
    let until = 0;
    for (const k of keys) {
      const blocked = this.#localBlocks.get(k.key);
      if (blocked === undefined) continue;
      if (blocked > now.getTime()) until = Math.max(until, blocked);
      else this.#localBlocks.delete(k.key);
    }
    if (until > 0) throw tooMany(new Date(until), now);
  }

  #remember(key: string, until: Date): void {
    if (this.#localBlocks.size >= LOCAL_BLOCKS_MAX) {
      const now = this.clock().getTime();
      for (const [k, t] of this.#localBlocks) if (t <= now) this.#localBlocks.delete(k);
      if (this.#localBlocks.size >= LOCAL_BLOCKS_MAX) this.#localBlocks.clear();
    }
    this.#localBlocks.set(key, until.getTime());
  }

  async #sweepIfDue(now: Date): Promise<void> {
    if (now.getTime() - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now.getTime();
    await sweep(this.db, now, KEEP_TRIPS_DAYS);
  }
}

/** The one answer for every limit: it does not tell which limit held, nor whether the account exists. */
function tooMany(until: Date, now: Date): ProblemError {
  return ProblemError.tooManyRequests(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
}
