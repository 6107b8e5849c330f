import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../events/outbox.js';
import { type DatabaseHandle, openDatabase } from './connect.js';
import { migrate } from './migrations.js';
import { atCommit, PGliteDialect } from './pglite-dialect.js';
import { PGliteThread } from './pglite-thread.js';
import type { WorkerRequest } from './pglite-worker.js';

// PGlite on a worker thread (issue 13, MC-7): a statement marked `atCommit` inside a transaction
// goes to the worker with the COMMIT, one round trip less, and keeps the transaction all or nothing.

type KV = { kv: { k: string; v: string } };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('PGlite on a worker thread: statements that go with the COMMIT', () => {
  let thread: PGliteThread;
  let db: Kysely<KV>;
  const messages: string[] = [];
  const short = (sql: string) => sql.replace(/ values .*/, '');
  beforeAll(async () => {
    thread = await PGliteThread.open();
    await thread.query('create table kv (k text primary key, v text not null)');
    const post = thread.worker.postMessage.bind(thread.worker);
    // What reached the worker (a message structured clone refuses does not).
    thread.worker.postMessage = (message: WorkerRequest) => {
      post(message);
      if (message.kind === 'query') messages.push(`${message.begin ? 'begin + ' : ''}${short(message.sql)}`);
      if (message.kind === 'commit')
        messages.push(
          `${message.begin ? 'begin + ' : ''}${message.statements.map((s) => `${short(s.sql)} + `).join('')}commit`,
        );
    };
    db = new Kysely({ dialect: new PGliteDialect(thread) });
  });
  afterAll(() => thread.close());
  beforeEach(async () => {
    await db.deleteFrom('kv').execute();
    messages.splice(0);
  });
  const keys = async () => (await db.selectFrom('kv').select('k').orderBy('k').execute()).map((r) => r.k);
  const insert = (trx: Kysely<KV>, k: string, v: unknown = k) =>
    trx.executeQuery(
      atCommit(
        trx
          .insertInto('kv')
          .values({ k, v: v as string })
          .compile(),
      ),
    );

  it('a statement, then one marked atCommit: two round trips, the second with the COMMIT; both rows there', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('kv').values({ k: 'a', v: '1' }).execute();
      // Answered at once, with no rows: nobody waits for it.
      expect(await insert(trx, 'b')).toEqual({ rows: [] });
    });
    expect(messages).toEqual(['begin + insert into "kv" ("k", "v")', 'insert into "kv" ("k", "v") + commit']);
    expect(await keys()).toEqual(['a', 'b']);
  });

  it('a transaction of atCommit statements alone is one round trip: BEGIN, them in order, COMMIT', async () => {
    await db.transaction().execute(async (trx) => {
      await insert(trx, 'x');
      await insert(trx, 'y');
    });
    expect(messages).toEqual(['begin + insert into "kv" ("k", "v") + insert into "kv" ("k", "v") + commit']);
    expect(await keys()).toEqual(['x', 'y']);
  });

  it('an atCommit statement that fails rolls the whole transaction back and names its own parameters', async () => {
    await db.insertInto('kv').values({ k: 'taken', v: '0' }).execute();
    messages.splice(0);
    const error = await failure(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kv').values({ k: 'first', v: '1' }).execute();
        await insert(trx, 'fine');
        await insert(trx, 'taken', 'again');
      }),
    );
    expect((error as { code?: string }).code).toBe('23505');
    expect((error as { params?: unknown[] }).params).toEqual(['taken', 'again']);
    // The worker rolled back: no second ROLLBACK is sent after the failed COMMIT.
    expect(messages).toEqual([
      'begin + insert into "kv" ("k", "v")',
      'insert into "kv" ("k", "v") + insert into "kv" ("k", "v") + commit',
    ]);
    expect(await keys()).toEqual(['taken']);
    // Not left inside an aborted transaction: this commits by itself and is seen.
    await db.insertInto('kv').values({ k: 'after', v: '2' }).execute();
    expect(await keys()).toEqual(['after', 'taken']);
  });

  it('a transaction that throws after an atCommit statement never sends it, and rolls back', async () => {
    await failure(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kv').values({ k: 'a', v: '1' }).execute();
        await insert(trx, 'b');
        throw new Error('changed my mind');
      }),
    );
    expect(messages).toEqual(['begin + insert into "kv" ("k", "v")', 'rollback']);
    expect(await keys()).toEqual([]);
  });

  it('an atCommit parameter that cannot cross threads fails the transaction; nothing stays written', async () => {
    const error = await failure(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kv').values({ k: 'a', v: '1' }).execute();
        await trx.executeQuery(
          atCommit(CompiledQuery.raw('insert into kv (k, v) values ($1, $2)', ['b', () => 'a function'])),
        );
      }),
    );
    expect((error as Error).name).toBe('DataCloneError');
    // The COMMIT never left: the worker's open transaction was rolled back instead.
    expect(messages).toEqual(['begin + insert into "kv" ("k", "v")', 'rollback']);
    expect(await keys()).toEqual([]);
    await db.insertInto('kv').values({ k: 'c', v: '3' }).execute();
    expect(await keys()).toEqual(['c']);
  });

  it('outside a transaction an atCommit statement runs at once, like any other', async () => {
    await insert(db, 'now');
    expect(messages).toEqual(['insert into "kv" ("k", "v")']);
    expect(await keys()).toEqual(['now']);
  });
});

describe('PGlite on this thread: atCommit statements run where they stand', () => {
  it('in order with the others, and roll back with their transaction', async () => {
    const pglite = new PGlite();
    const db = new Kysely<KV>({ dialect: new PGliteDialect(pglite) });
    try {
      await pglite.query('create table kv (k text primary key, v text not null)');
      await db.transaction().execute(async (trx) => {
        const result = await trx.executeQuery(
          atCommit(trx.insertInto('kv').values({ k: 'a', v: '1' }).returning('k').compile()),
        );
        // Run where it stands: its rows are there.
        expect(result.rows).toEqual([{ k: 'a' }]);
      });
      await failure(
        db.transaction().execute(async (trx) => {
          await trx.executeQuery(atCommit(trx.insertInto('kv').values({ k: 'b', v: '2' }).compile()));
          throw new Error('changed my mind');
        }),
      );
      expect(await db.selectFrom('kv').select('k').execute()).toEqual([{ k: 'a' }]);
    } finally {
      await db.destroy();
      await pglite.close();
    }
  });
});

describe('events appended on PGlite go with their change’s COMMIT', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({});
    await migrate(handle.db);
  });
  afterAll(() => handle.close());
  const event = {
    organizationId: '00000000-0000-4000-8000-000000000001',
    type: 'session.created' as const,
    sessionId: '00000000-0000-4000-8000-000000000002',
    scope: { deviceId: '00000000-0000-4000-8000-000000000003', teamId: null, assigneeIds: [] },
    data: { note: 'appended' },
  };
  const count = async (db = handle.db) =>
    Number(
      (
        await db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('an event exists if and only if its transaction committed', async () => {
    const before = await count();
    await failure(
      handle.db.transaction().execute(async (trx) => {
        await appendEvent(trx, handle, event);
        throw new Error('the change failed after its event was appended');
      }),
    );
    expect(await count()).toBe(before);
    await handle.db.transaction().execute(async (trx) => {
      await appendEvent(trx, handle, event);
      // Not written yet inside the transaction: it goes with the COMMIT.
      expect(await count(trx)).toBe(before);
    });
    expect(await count()).toBe(before + 1);
  });
});
