import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from './connect.js';
import { migrate } from './migrations.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { PGliteQueryable } from './pglite-thread.js';
import { PGliteThread } from './pglite-thread.js';
import type { WorkerRequest } from './pglite-worker.js';
import type { Database } from './schema.js';

// PGlite on a worker thread (issue 13, MC-7) answers exactly as PGlite on this thread does, and
// leaves the event loop free while it works. Each case runs the same statements on both.

const TABLE = `create table kinds (
  id int primary key, name text not null, n numeric, f double precision, big bigint, flag boolean,
  at timestamptz, day date, doc jsonb, raw bytea, tags text[], counts int[], maybe text,
  constraint positive check (f is null or f >= 0)
)`;
const INSERT = `insert into kinds (id, name, n, f, big, flag, at, day, doc, raw, tags, counts, maybe)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;
const ROWS: unknown[][] = [
  [
    1,
    'één ✓',
    '12.50',
    1.25,
    9007199254740993n,
    true,
    new Date('2026-01-02T03:04:05.678Z'),
    '2026-02-03',
    { a: [1, 'x', null], nested: { b: true } },
    Buffer.from([0, 1, 254, 255]),
    ['a', 'b,c', ''],
    [1, 2, 3],
    null,
  ],
  [2, '', 0, 0, -1, false, new Date(0), new Date('2026-03-04T00:00:00Z'), [], new Uint8Array(), [], [], 'x'],
];

/** Runs `run` on both clients; their results (or errors) must be the same. */
async function both<T>(clients: PGliteQueryable[], run: (c: PGliteQueryable) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const client of clients) out.push(await run(client));
  return out;
}

/** The fields server code and logs read from a database error. */
function fieldsOf(error: unknown) {
  const e = error as Record<string, unknown>;
  const keys = ['message', 'name', 'code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema'];
  const more = ['severity', 'position', 'dataType', 'where', 'routine', 'query', 'params'];
  return Object.fromEntries([...keys, ...more].map((k) => [k, e[k]]));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the statement to fail');
    },
    (error: unknown) => error,
  );
}

/** The longest gap between ticks of a 10 ms interval on this thread while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  await work();
  clearInterval(timer);
  return Math.max(longest, performance.now() - last);
}

describe('PGlite on a worker thread: same results as on this thread', () => {
  let local: PGlite;
  let thread: PGliteThread;
  let clients: PGliteQueryable[];
  beforeAll(async () => {
    [local, thread] = await Promise.all([new PGlite(), PGliteThread.open()]);
    clients = [local, thread];
    await both(clients, (c) => c.query(TABLE));
  });
  afterAll(async () => {
    await Promise.all([local.close(), thread.close()]);
  });

  it('rows of every type the server uses, and affected rows, are equal', async () => {
    const inserted = await both(clients, async (c) => {
      const counts = [];
      for (const row of ROWS) counts.push((await c.query(INSERT, row)).affectedRows);
      return counts;
    });
    expect(inserted).toEqual([
      [1, 1],
      [1, 1],
    ]);
    const [mine, theirs] = await both(clients, (c) => c.query('select * from kinds order by id'));
    expect(theirs?.rows).toStrictEqual(mine?.rows);
    const first = theirs?.rows[0] as Record<string, unknown>;
    expect(first.at).toBeInstanceOf(Date);
    expect(first.raw).toBeInstanceOf(Uint8Array);
    expect(first.big).toBe(9007199254740993n);
    expect(first.doc).toEqual({ a: [1, 'x', null], nested: { b: true } });
    const [a, b] = await both(clients, (c) =>
      c.query('update kinds set maybe = $1 where id = any($2) returning id', ['y', [1, 2, 3]]),
    );
    expect(b?.rows).toStrictEqual(a?.rows);
    expect(b?.affectedRows).toBe(a?.affectedRows);
    expect(b?.affectedRows).toBe(2);
    const [none, none2] = await both(clients, (c) => c.query('delete from kinds where id = $1', [99]));
    expect(none2?.affectedRows).toBe(none?.affectedRows);
  });

  it('a failing statement rejects with the same error fields (code, detail, constraint, position, …)', async () => {
    const cases: [string, unknown[]][] = [
      [INSERT, ROWS[0]!],
      ['insert into kinds (id, name, f) values ($1, $2, $3)', [7, 'n', -1]],
      ['insert into kinds (id) values ($1)', [8]],
      ['select nonsense from kinds', []],
      ['select 1 / $1::int', [0]],
    ];
    const codes = [];
    for (const [text, params] of cases) {
      const [mine, theirs] = await both(clients, (c) => failure(c.query(text, params)));
      expect(theirs).toBeInstanceOf(Error);
      expect(fieldsOf(theirs)).toEqual(fieldsOf(mine));
      codes.push((theirs as { code: string }).code);
    }
    expect(codes).toEqual(['23505', '23514', '23502', '42703', '22012']);
    expect(fieldsOf(await failure(thread.query(INSERT, ROWS[0]!)))).toMatchObject({
      constraint: 'kinds_pkey',
      table: 'kinds',
      detail: 'Key (id)=(1) already exists.',
    });
  });

  it('a parameter that cannot cross threads fails its statement only', async () => {
    const error = await failure(thread.query('select $1::text', [() => 1]));
    expect(error).toBeInstanceOf(Error);
    expect((await thread.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('PGlite on a worker thread: the event loop stays free', () => {
  it('timers keep ticking while a statement runs on the worker, not on this thread', async () => {
    const [local, thread] = await Promise.all([new PGlite(), PGliteThread.open()]);
    try {
      const heavy = 'select pg_sleep(0.3)';
      const onWorker = await longestStall(() => thread.query(heavy));
      const onThisThread = await longestStall(() => local.query(heavy));
      // The control: on this thread PGlite holds the event loop for the whole statement.
      expect(onThisThread).toBeGreaterThan(250);
      expect(onWorker).toBeLessThan(150);
    } finally {
      await Promise.all([local.close(), thread.close()]);
    }
  });
});

describe('openDatabase on a worker thread (the default for a PGlite the server opens)', () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  beforeAll(async () => {
    handle = await openDatabase({});
    db = handle.db;
    await migrate(db);
  });
  afterAll(() => handle.close());

  it('a transaction holds the connection: a statement from outside waits for COMMIT', async () => {
    const seen: string[] = [];
    let began!: () => void;
    const started = new Promise<void>((resolve) => {
      began = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'tx-a', value: '1' }).execute();
      began();
      await sql`select pg_sleep(0.1)`.execute(trx);
      await trx.insertInto('settings').values({ key: 'tx-b', value: '2' }).execute();
      seen.push('commit');
    });
    await started;
    const outside = db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'tx-%')
      .executeTakeFirstOrThrow()
      .then((row) => {
        seen.push(`outside saw ${row.n}`);
      });
    await Promise.all([transaction, outside]);
    expect(seen).toEqual(['commit', 'outside saw 2']);
  });

  it('a failed transaction rolls back, and its error carries the code', async () => {
    const error = await failure(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'rb', value: '1' }).execute();
        await trx.insertInto('settings').values({ key: 'rb', value: '2' }).execute();
      }),
    );
    expect((error as { code?: string }).code).toBe('23505');
    const rows = await db.selectFrom('settings').selectAll().where('key', '=', 'rb').execute();
    expect(rows).toEqual([]);
  });

  it('writes through the worker expire the read cache of the tables they write', async () => {
    await db.insertInto('settings').values({ key: 'cached', value: 'old' }).execute();
    const read = () =>
      handle.cache.get('setting:cached', ['settings'], async () => {
        const row = await db
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'cached')
          .executeTakeFirst();
        return row?.value;
      });
    expect(await read()).toBe('old');
    await db.updateTable('settings').set({ value: 'new' }).where('key', '=', 'cached').execute();
    expect(await read()).toBe('new');
  });
});

describe('PGlite on a worker thread: opening, closing, crashing', () => {
  it('a data folder PGlite cannot open rejects openDatabase', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sightline-worker-'));
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, 'x');
    try {
      await expect(openDatabase({ dataDir: join(file, 'data') })).rejects.toThrow();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps its data in a folder across close and open, and ends the worker on close', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sightline-worker-'));
    try {
      const first = await PGliteThread.open(folder);
      await first.query('create table kept (v text)');
      await first.query('insert into kept values ($1)', ['still here']);
      const exited = new Promise<number>((resolve) => first.worker.once('exit', resolve));
      await first.close();
      await exited;
      await expect(first.query('select 1')).rejects.toThrow(/closed/);
      const second = await PGliteThread.open(folder);
      expect((await second.query('select v from kept')).rows).toEqual([{ v: 'still here' }]);
      await second.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a worker that dies rejects the pending statement and every later one, without hanging', async () => {
    const thread = await PGliteThread.open();
    const pending = thread.query('select pg_sleep(5)');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await thread.worker.terminate();
    await expect(pending).rejects.toThrow(/worker stopped/);
    await expect(thread.query('select 1')).rejects.toThrow(/worker stopped/);
    await thread.close();
  });
});

describe("PGlite on a worker thread: a transaction's BEGIN travels with its first statement", () => {
  let thread: PGliteThread;
  let db: Kysely<{ kv: { k: string; v: string } }>;
  const messages: string[] = [];
  beforeAll(async () => {
    thread = await PGliteThread.open();
    await thread.query('create table kv (k text primary key, v text not null)');
    const post = thread.worker.postMessage.bind(thread.worker);
    thread.worker.postMessage = (message: WorkerRequest) => {
      if (message.kind === 'query') messages.push(`${message.begin ? 'begin + ' : ''}${message.sql}`);
      post(message);
    };
    db = new Kysely({ dialect: new PGliteDialect(thread) });
  });
  afterAll(() => thread.close());
  const sent = () => messages.splice(0).map((m) => m.replace(/ values .*/, ''));

  it('two statements and COMMIT are three round trips, not four; both rows are there after', async () => {
    sent();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('kv').values({ k: 'a', v: '1' }).execute();
      await trx.insertInto('kv').values({ k: 'b', v: '2' }).execute();
    });
    expect(sent()).toEqual(['begin + insert into "kv" ("k", "v")', 'insert into "kv" ("k", "v")', 'commit']);
    expect(await db.selectFrom('kv').select('k').orderBy('k').execute()).toEqual([{ k: 'a' }, { k: 'b' }]);
  });

  it('a first statement that fails rolls its transaction back; the connection is usable at once', async () => {
    sent();
    const error = await failure(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('kv').values({ k: 'a', v: 'again' }).execute();
      }),
    );
    expect((error as { code?: string }).code).toBe('23505');
    expect(sent()).toEqual(['begin + insert into "kv" ("k", "v")', 'rollback']);
    // Not left inside an aborted transaction: this commits by itself and is seen.
    await db.insertInto('kv').values({ k: 'c', v: '3' }).execute();
    expect(await db.selectFrom('kv').select('v').where('k', '=', 'c').execute()).toEqual([{ v: '3' }]);
  });

  it('statements outside a transaction go out without waiting for the answers before them', async () => {
    sent();
    const slow = sql`select pg_sleep(0.3)`.execute(db);
    const next = db.selectFrom('kv').select('k').where('k', '=', 'a').execute();
    await new Promise((r) => setTimeout(r, 100));
    // Both are on the worker's queue while the first still runs there.
    expect(sent()).toEqual(['select pg_sleep(0.3)', 'select "k" from "kv" where "k" = $1']);
    expect(await next).toEqual([{ k: 'a' }]);
    await slow;
  });

  it('a transaction that runs no statement sends nothing, committed or thrown', async () => {
    sent();
    await db.transaction().execute(async () => {});
    await failure(
      db.transaction().execute(async () => {
        throw new Error('changed my mind');
      }),
    );
    expect(sent()).toEqual([]);
    await db.insertInto('kv').values({ k: 'd', v: '4' }).execute();
    expect(sent()).toEqual(['insert into "kv" ("k", "v")']);
  });
});
