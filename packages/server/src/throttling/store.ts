import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** What was attempted: a sign-in, or a request throttled like one. */
export type AttemptKind =
  | 'login'
  | 'access-code'
  | 'password-reset'
  | 'password-reset-confirm'
  | 'bootstrap'
  | 'custom-access-code'
  | 'replay-passphrase';

/** What one counted key of an attempt is, and how much it may take. */
export interface CountedKey {
  key: string;
  scope: 'client' | 'identifier' | 'organization';
  /** Attempts admitted per window before the key blocks. */
  maxAttempts: number;
  windowSeconds: number;
  /** For the audit trail: the organization and the account or code concerned, when known. */
  organizationId: string | null;
  subject: string | null;
}

/** The back-off: the first block, doubled by every further block in a row, never longer than the cap. */
export interface BackOff {
  baseSeconds: number;
  maxSeconds: number;
}

/**
 * What counting an attempt did to one key: `admitted` (under the limit), `penalty` (admitted, the
 * first attempt after a block, which starts the next, doubled block at once), `tripped` (over the
 * limit: refused, the block starts) or `blocked` (refused, a block was already in force).
 */
export interface KeyOutcome {
  key: string;
  outcome: 'admitted' | 'penalty' | 'tripped' | 'blocked';
  attempts: number;
  strikes: number;
  blockedUntil: Date | null;
  blockedSeconds: number;
}

export interface CountResult {
  /** Set when a key was blocked before this attempt: nothing was counted. */
  blockedUntil: Date | null;
  /** The keys that were blocked before this attempt, with their ends. */
  blockedKeys: { key: string; until: Date }[];
  keys: KeyOutcome[];
}

interface Row {
  pre_blocked: Date | string | null;
  pre_blocked_keys: BlockedKey[] | string | null;
  key: string | null;
  outcome: KeyOutcome['outcome'] | null;
  attempts: number | null;
  strikes: number | null;
  blocked_until: Date | string | null;
  blocked_seconds: number | null;
}

interface BlockedKey {
  key: string;
  until: string;
}

const keyList = (value: BlockedKey[] | string | null): { key: string; until: Date }[] =>
  (value === null ? [] : Array.isArray(value) ? value : (JSON.parse(value) as BlockedKey[])).map((b) => ({
    key: b.key,
    until: new Date(b.until),
  }));

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * Counts one attempt on every key in ONE statement, atomically per key, so concurrent attempts on
 * any number of server processes share the same counters: when a key of the attempt is blocked,
 * nothing is counted and the block is returned; otherwise every key is upserted (a fresh window
 * when the last one ended, the block and back-off when over the limit) and a trip writes its audit
 * row in the same statement.
 */
export async function countAttempt(
  db: Kysely<Database>,
  attempt: { kind: AttemptKind; client: string; now: Date },
  keys: readonly CountedKey[],
  backOff: BackOff,
): Promise<CountResult> {
  const { now } = attempt;
  const at = sql`${now}::timestamptz`;
  const values = sql.join(
    keys.map(
      (k) =>
        sql`(${k.key}::text, ${k.scope}::text, ${k.maxAttempts}::integer, ${k.windowSeconds}::integer, ${k.organizationId}::text, ${k.subject}::text)`,
    ),
  );
  const rows = await sql<Row>`
    with input (key, scope, max_attempts, window_seconds, organization_id, subject) as (values ${values}),
    blocked as (
      select max(blocked_until) as until, json_agg(json_build_object('key', key, 'until', blocked_until)) as keys from auth_throttles
      where key in (select key from input) and blocked_until > ${at} and expires_at > ${at}),
    up as (
      insert into auth_throttles as t (key, window_start, window_seconds, max_attempts, attempts, strikes,
        blocked_until, blocked_seconds, tripped_at, outcome, expires_at)
      select key, ${at}, window_seconds, max_attempts, 1, 0, null, 0, null, 'admitted',
        ${at} + window_seconds * interval '1 second'
      from input where (select until from blocked) is null
      order by key
      on conflict (key) do update set ${upsertSet(backOff)}
      returning t.key, t.outcome, t.attempts, t.strikes, t.blocked_until, t.blocked_seconds),
    audit as (
      insert into auth_throttle_trips (at, kind, scope, client, organization_id, subject, attempts, strike, blocked_seconds)
      select ${at}, ${attempt.kind}, i.scope, ${attempt.client}, i.organization_id, i.subject,
        up.attempts, up.strikes, up.blocked_seconds
      from up join input i on i.key = up.key where up.outcome = 'tripped')
    select b.until as pre_blocked, b.keys as pre_blocked_keys, up.key, up.outcome, up.attempts, up.strikes, up.blocked_until, up.blocked_seconds
    from blocked b left join up on true`.execute(db);
  const first = rows.rows[0];
  return {
    blockedUntil: toDate(first?.pre_blocked ?? null),
    blockedKeys: keyList(first?.pre_blocked_keys ?? null),
    keys: rows.rows
      .filter((r) => r.key !== null)
      .map((r) => ({
        key: r.key as string,
        outcome: r.outcome as KeyOutcome['outcome'],
        attempts: Number(r.attempts),
        strikes: Number(r.strikes),
        blockedUntil: toDate(r.blocked_until),
        blockedSeconds: Number(r.blocked_seconds),
      })),
  };
}

/**
 * The `on conflict` update. `excluded.window_start` is the attempt's time. A stale row (past
 * `expires_at`) starts over; a blocked one is left as it is; in a row after a block every attempt
 * starts the next block (doubled) at once; else the attempt counts in the window and the one past
 * `max_attempts` trips.
 */
function upsertSet(backOff: BackOff): RawBuilder<unknown> {
  const now = 'excluded.window_start';
  const stale = `(t.expires_at <= ${now})`;
  const blockedNow = `(not ${stale} and t.blocked_until is not null and t.blocked_until > ${now})`;
  const freshWindow = `(${stale} or t.window_start + excluded.window_seconds * interval '1 second' <= ${now})`;
  const attempts = `(case when ${freshWindow} then 1 else t.attempts + 1 end)`;
  const strikes = `(case when ${stale} then 0 else t.strikes end)`;
  const outcome = `(case when ${blockedNow} then 'blocked' when ${strikes} > 0 then 'penalty' when ${attempts} > excluded.max_attempts then 'tripped' else 'admitted' end)`;
  const blocks = `(${outcome} in ('penalty', 'tripped'))`;
  const base = Math.max(1, Math.floor(backOff.baseSeconds));
  const cap = Math.max(base, Math.floor(backOff.maxSeconds));
  const seconds = `least(${cap}, (${base} * power(2, least(${strikes}, 24)))::bigint)::integer`;
  const windowStart = `(case when ${blockedNow} then t.window_start when ${freshWindow} then ${now} else t.window_start end)`;
  return sql.raw(`
    outcome = ${outcome},
    window_start = ${windowStart},
    attempts = case when ${blockedNow} then t.attempts else ${attempts} end,
    strikes = case when ${blocks} then ${strikes} + 1 else ${strikes} end,
    blocked_until = case when ${blocks} then ${now} + ${seconds} * interval '1 second'
      when ${stale} then null else t.blocked_until end,
    blocked_seconds = case when ${blocks} then ${seconds} else t.blocked_seconds end,
    tripped_at = case when ${blocks} then ${now} else t.tripped_at end,
    expires_at = case when ${blocks} then ${now} + (${seconds} + ${cap}) * interval '1 second'
      when ${blockedNow} then t.expires_at else ${windowStart} + excluded.window_seconds * interval '1 second' end,
    window_seconds = excluded.window_seconds,
    max_attempts = excluded.max_attempts`);
}

/**
 * A signed-in attempt gives back what it took: the identifier's counter ends (a user who typed
 * their password wrong a few times starts clean), the client's and organization's count one less,
 * and a block this very attempt started after an earlier block is lifted (the strike with it).
 * One statement; rows are locked in key order, as the counting statement takes them, so the two
 * never wait on each other in a circle.
 */
export async function refundAttempt(
  db: Kysely<Database>,
  now: Date,
  identifierKey: string,
  sharedKeys: readonly string[],
): Promise<void> {
  const at = sql`${now}::timestamptz`;
  const own = sql`t.outcome = 'penalty' and t.tripped_at = ${at}`;
  await sql`
    update auth_throttles t set
      attempts = case when t.key = ${identifierKey} then 0 else greatest(t.attempts - 1, 0) end,
      strikes = case when t.key = ${identifierKey} then 0 when ${own} then greatest(t.strikes - 1, 0) else t.strikes end,
      blocked_until = case when t.key = ${identifierKey} or ${own} then null else t.blocked_until end,
      outcome = case when t.key = ${identifierKey} or ${own} then 'admitted' else t.outcome end,
      expires_at = case when t.key = ${identifierKey} then ${at} else t.expires_at end
    from (select key from auth_throttles where key in (${sql.join([identifierKey, ...sharedKeys])})
          order by key for update) locked
    where t.key = locked.key and t.expires_at > ${at}`.execute(db);
}

/** Audit rows for the blocks that attempts admitted after a block started once they failed. */
export async function auditPenalties(
  db: Kysely<Database>,
  attempt: { kind: AttemptKind; client: string; now: Date },
  trips: readonly { key: CountedKey; outcome: KeyOutcome }[],
): Promise<void> {
  if (trips.length === 0) return;
  await db
    .insertInto('auth_throttle_trips')
    .values(
      trips.map(({ key, outcome }) => ({
        at: attempt.now,
        kind: attempt.kind,
        scope: key.scope,
        client: attempt.client,
        organization_id: key.organizationId,
        subject: key.subject,
        attempts: outcome.attempts,
        strike: outcome.strikes,
        blocked_seconds: outcome.blockedSeconds,
      })),
    )
    .execute();
}

/**
 * Deletes stale counters and audit rows older than `keepTripsDays`. The sweep never waits for a
 * counter: one that an attempt holds is left for the next sweep. A plain DELETE locked the rows in
 * the order it found them on disk, not in key order as attempts do, so a sweep and an attempt could
 * each hold a row the other waited for: PostgreSQL ended one of them as a deadlock, and a sign-in
 * answered 500.
 */
export async function sweep(db: Kysely<Database>, now: Date, keepTripsDays: number): Promise<void> {
  await sql`
    delete from auth_throttles t
    using (select key from auth_throttles where expires_at <= ${now}::timestamptz for update skip locked) stale
    where t.key = stale.key`.execute(db);
  await db
    .deleteFrom('auth_throttle_trips')
    .where('at', '<', new Date(now.getTime() - keepTripsDays * 86_400_000))
    .execute();
}
