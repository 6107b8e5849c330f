import { type Kysely, sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../db/schema.js';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';
import { type CountedKey, countAttempt, sweep } from './store.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;
const BACK_OFF = { baseSeconds: 60, maxSeconds: 3600 };
const counted = (key: string, scope: CountedKey['scope']): CountedKey => ({
  key,
  scope,
  maxAttempts: 20,
  windowSeconds: 900,
  organizationId: null,
  subject: null,
});
const CLIENT = counted('client:192.0.2.1', 'client');
const ORGANIZATION = counted('organization:org_demo', 'organization');

/** A counter whose window ended `hoursAgo` hours before {@link NOW}: the sweep deletes it. */
async function staleCounter(db: Kysely<Database>, key: string, hoursAgo: number): Promise<void> {
  const ended = new Date(NOW.getTime() - hoursAgo * HOUR);
  await db
    .insertInto('auth_throttles')
    .values({
      key,
      window_start: new Date(ended.getTime() - 900_000),
      window_seconds: 900,
      max_attempts: 20,
      attempts: 3,
      strikes: 0,
      blocked_until: null,
      blocked_seconds: 0,
      tripped_at: null,
      outcome: 'admitted',
      expires_at: ended,
    })
    .execute();
}

forEachBackend('sign-in counters: the sweep of stale ones', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.handle.db.deleteFrom('auth_throttles').execute();
  });
  const keys = async () =>
    (await server.handle.db.selectFrom('auth_throttles').select('key').orderBy('key').execute()).map(
      (r) => r.key,
    );

  it('deletes the counters whose window ended and keeps the live ones', async () => {
    const { db } = server.handle;
    await staleCounter(db, 'client:198.51.100.1', 2);
    await countAttempt(db, { kind: 'login', client: '192.0.2.1', now: NOW }, [CLIENT], BACK_OFF);
    await sweep(db, NOW, 90);
    expect(await keys()).toEqual([CLIENT.key]);
  });

  // Only PostgreSQL has two connections at once; PGlite runs one statement after the other.
  if (backend === 'postgres') {
    it('a sweep and an attempt holding one of its counters never deadlock: the held counter is left for the next sweep', async () => {
      const { db } = server.handle;
      // The organization's counter comes first on disk and in expiry order, the client's second: a
      // sweep takes the organization's before it reaches the client's. Counting goes in key order:
      // the client's, then the organization's.
      await staleCounter(db, ORGANIZATION.key, 3);
      await staleCounter(db, CLIENT.key, 2);
      const replica = await server.replica();
      try {
        // An attempt on another server process has locked the client's counter, and goes on to the
        // organization's once the sweep has started.
        const attempt = holdCounter(replica.services.handle.db, CLIENT.key, (trx) =>
          countAttempt(
            trx,
            { kind: 'login', client: '192.0.2.1', now: NOW },
            [CLIENT, ORGANIZATION],
            BACK_OFF,
          ),
        );
        await attempt.locked;
        const swept = sweep(db, NOW, 90);
        const sweepEnded = await endsWithoutWaiting(db, swept);
        attempt.release();
        // Before, the sweep waited for the client's counter holding the organization's, which the
        // attempt then waited for: PostgreSQL ended one of the two (40P01).
        const [result] = await Promise.all([attempt.result, swept]);
        expect(sweepEnded).toBe(true);
        expect(result.keys.map((k) => [k.key, k.outcome, k.attempts])).toEqual([
          [CLIENT.key, 'admitted', 1],
          [ORGANIZATION.key, 'admitted', 1],
        ]);
        // The client's counter was held, so this sweep left it; the attempt started a new window on it.
        expect(await keys()).toEqual([CLIENT.key, ORGANIZATION.key]);
      } finally {
        await replica.close();
      }
    });

    it('a counter held while the sweep ran is deleted by the next sweep', async () => {
      const { db } = server.handle;
      await staleCounter(db, CLIENT.key, 2);
      const replica = await server.replica();
      try {
        const holder = holdCounter(replica.services.handle.db, CLIENT.key, async () => {});
        await holder.locked;
        // Before, the sweep waited for the held counter, as long as the attempt held it.
        const swept = sweep(db, NOW, 90);
        const ended = await endsWithoutWaiting(db, swept);
        const left = await keys();
        holder.release();
        await Promise.all([holder.result, swept]);
        expect(ended).toBe(true);
        expect(left).toEqual([CLIENT.key]);
        await sweep(db, NOW, 90);
        expect(await keys()).toEqual([]);
      } finally {
        await replica.close();
      }
    });
  }
});

/**
 * An attempt of another server process: it locks `key`'s counter, then waits for `release()`
 * before it runs `then` in the same transaction.
 */
function holdCounter<T>(
  db: Kysely<Database>,
  key: string,
  then: (trx: Transaction<Database>) => Promise<T>,
): { locked: Promise<void>; release(): void; result: Promise<T> } {
  let locked!: () => void;
  let release!: () => void;
  const isLocked = new Promise<void>((r) => {
    locked = r;
  });
  const released = new Promise<void>((r) => {
    release = r;
  });
  const result = db.transaction().execute(async (trx) => {
    await sql`select key from auth_throttles where key = ${key} for update`.execute(trx);
    locked();
    await released;
    return then(trx);
  });
  return { locked: isLocked, release, result };
}

/**
 * Whether `swept` ends before the sweep waits for a row lock (as `pg_stat_activity` shows it); a
 * sweep still running after 5 s counts as waiting.
 */
async function endsWithoutWaiting(db: Kysely<Database>, swept: Promise<void>): Promise<boolean> {
  const polling = new AbortController();
  try {
    return await Promise.race([
      swept.then(() => true),
      sweepWaitsForALock(db, polling.signal).then(() => false),
    ]);
  } finally {
    polling.abort();
  }
}

/** Resolves once a DELETE on `auth_throttles` waits for a row lock, after 5 s, or when aborted. */
async function sweepWaitsForALock(db: Kysely<Database>, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && !signal.aborted) {
    const waiting = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where wait_event_type = 'Lock' and query ~* 'delete[[:space:]]+from[[:space:]]+"?auth_throttles'`.execute(
      db,
    );
    if (Number(waiting.rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
