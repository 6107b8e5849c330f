import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { ReadCache } from './read-cache.js';
import type { Database } from './schema.js';
import { tablesWritten, WriteGenerations } from './write-tracking.js';

describe('which tables a statement writes (the read cache expires by them, issue 13)', () => {
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const of = (q: { compile(): { query: Parameters<typeof tablesWritten>[0] } }) =>
    tablesWritten(q.compile().query);

  it('reads write nothing; inserts, updates and deletes write their table', () => {
    expect(of(db.selectFrom('users').selectAll())).toEqual([]);
    expect(
      of(db.insertInto('teams').values({ id: 't', organization_id: 'o', name: 'T', parent_id: null })),
    ).toEqual(['teams']);
    expect(of(db.updateTable('users as u').set({ display_name: 'x' }))).toEqual(['users']);
    expect(of(db.deleteFrom('calls').where('id', '=', 'c'))).toEqual(['calls']);
  });

  it('a data-modifying CTE counts, and raw SQL that is not a read counts for every table', () => {
    const cte = db
      .with('gone', (q) => q.deleteFrom('sessions').returning('id'))
      .selectFrom('gone')
      .selectAll();
    expect(of(cte)).toEqual(['sessions']);
    expect(tablesWritten(sql`select 1`.compile(db).query)).toEqual([]);
    expect(tablesWritten(sql`  SELECT pg_notify('x', '')`.compile(db).query)).toEqual([]);
    expect(tablesWritten(sql`update users set display_name = 'x'`.compile(db).query)).toEqual(['users']);
    expect(
      tablesWritten(sql`insert into settings (key) values ((select max(id) from outbox))`.compile(db).query),
    ).toEqual(['settings']);
    expect(tablesWritten(sql` DELETE FROM "calls" where id in (select 1)`.compile(db).query)).toEqual([
      'calls',
    ]);
    expect(tablesWritten(sql`with x as (delete from calls) select 1`.compile(db).query)).toBe('all');
    expect(tablesWritten(sql`truncate sessions`.compile(db).query)).toBe('all');
  });
});

describe('read cache: memory bounds', () => {
  it('keeps at most its entries and bytes, dropping the oldest first', async () => {
    const cache = new ReadCache(new WriteGenerations(), 3, 1000);
    const put = (key: string, bytes: number) =>
      cache.get(
        key,
        ['users'],
        async () => key,
        () => bytes,
      );
    await put('a', 400);
    await put('b', 400);
    expect(cache.size).toEqual({ entries: 2, bytes: 800 });
    await put('c', 400);
    expect(cache.size).toEqual({ entries: 2, bytes: 800 });
    let loads = 0;
    await cache.get('a', ['users'], async () => {
      loads++;
      return 'a';
    });
    expect(loads).toBe(1);
    for (const k of ['d', 'e', 'f', 'g']) await put(k, 1);
    expect(cache.size.entries).toBe(3);
  });
});

forEachBackend('read cache: a read is kept until a table it read is written (issue 13)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    server.handle.cache.clear();
  });

  const teamName = () =>
    server.handle.db
      .selectFrom('teams')
      .select('name')
      .where('id', '=', FIXTURE.fieldTeamId)
      .executeTakeFirstOrThrow()
      .then((r) => r.name);
  const rename = (name: string, db = server.handle.db) =>
    db.updateTable('teams').set({ name }).where('id', '=', FIXTURE.fieldTeamId).execute();

  it('reads once while nothing is written; a write to its table makes the next read fresh', async () => {
    let loads = 0;
    const read = () =>
      server.handle.cache.get('team', ['teams'], () => {
        loads++;
        return teamName();
      });
    const first = await read();
    expect(await read()).toBe(first);
    expect(loads).toBe(1);
    await server.handle.db
      .updateTable('users')
      .set({ display_name: 'Other' })
      .where('id', '=', FIXTURE.agentId)
      .execute();
    expect(await read()).toBe(first);
    expect(loads).toBe(1);
    await rename('Renamed');
    expect(await read()).toBe('Renamed');
    expect(loads).toBe(2);
  });

  it('concurrent misses share one read; a failed read is not kept', async () => {
    let loads = 0;
    const read = () =>
      server.handle.cache.get('team', ['teams'], () => {
        loads++;
        return teamName();
      });
    const [a, b] = await Promise.all([read(), read()]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    await expect(
      server.handle.cache.get('bad', ['teams'], () => Promise.reject(new Error('no'))),
    ).rejects.toThrow();
    expect(await server.handle.cache.get('bad', ['teams'], async () => 'fine')).toBe('fine');
  });

  it('a read that raced a write is not served after it; a transaction expires reads made while it was open', async () => {
    const read = () => server.handle.cache.get('team', ['teams'], teamName);
    // The write lands while the read is under way: its result must not outlive the write.
    const racing = server.handle.cache.get('team', ['teams'], async () => {
      const name = await teamName();
      await rename('During');
      return name;
    });
    expect(await racing).toBe('Field');
    expect(await read()).toBe('During');
    let inside!: () => void;
    const held = new Promise<void>((r) => {
      inside = r;
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const trx = server.handle.db.transaction().execute(async (t) => {
      await rename('Committed', t);
      inside();
      await gate;
    });
    await held;
    // On PostgreSQL this reads the committed name from another connection; on PGlite it waits.
    const during = read();
    release();
    await trx;
    await during;
    expect(await read()).toBe('Committed');
  });

  it('raw SQL that writes expires its table (or every table, when it cannot tell which); writing no row expires nothing', async () => {
    let loads = 0;
    const read = () =>
      server.handle.cache.get('team', ['teams'], () => {
        loads++;
        return teamName();
      });
    await read();
    await sql`update teams set name = 'Raw' where id = ${FIXTURE.fieldTeamId}`.execute(server.handle.db);
    expect(await read()).toBe('Raw');
    await sql`update teams set name = 'None' where id = 'no-such-team'`.execute(server.handle.db);
    await server.handle.db.deleteFrom('teams').where('id', '=', 'no-such-team').execute();
    const before = loads;
    expect(await read()).toBe('Raw');
    expect(loads).toBe(before);
    // A WITH that writes is a SELECT to the driver (no affected rows): it still counts.
    await server.handle.db
      .with('renamed', (q) =>
        q.updateTable('teams').set({ name: 'Cte' }).where('id', '=', FIXTURE.fieldTeamId).returning('id'),
      )
      .selectFrom('renamed')
      .selectAll()
      .execute();
    expect(await read()).toBe('Cte');
  });

  if (backend === 'postgres') {
    it('other replicas learn at commit which tables were written, and expire what they read of them', async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const listener = new pg.Client({ connectionString: url });
      await listener.connect();
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(server.handle.db))
        .rows[0]!.s;
      const payloads: string[] = [];
      listener.on('notification', (m) => payloads.push(m.payload ?? ''));
      await listener.query(`listen "sightline_writes_${schema}"`);
      try {
        await rename('Notified');
        await expect.poll(() => payloads.some((p) => p.endsWith(' teams'))).toBe(true);
        // A write on another replica: only its notification tells this one.
        const read = () => server.handle.cache.get('team', ['teams'], teamName);
        await read();
        await listener.query(`update "${schema}".teams set name = 'Elsewhere' where id = $1`, [
          FIXTURE.fieldTeamId,
        ]);
        expect(await read()).toBe('Notified');
        await listener.query(`select pg_notify($1, 'another-replica teams')`, [`sightline_writes_${schema}`]);
        await expect.poll(read).toBe('Elsewhere');
      } finally {
        await listener.end();
      }
    });

    it('a commit that wrote events, call signals or an integration token wakes the streams; other writes do not (issue 13)', async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(server.handle.db))
        .rows[0]!.s;
      const { notifier } = server.handle;
      const announce = async (payload: string) => {
        const before = notifier.generation;
        const woken = notifier.wait(500);
        await sql`select pg_notify(${`sightline_writes_${schema}`}, ${payload})`.execute(server.handle.db);
        return (await woken) === 'wake' && notifier.generation > before;
      };
      expect(await announce('another-replica presence,teams')).toBe(false);
      expect(await announce('another-replica sessions,outbox')).toBe(true);
      expect(await announce('another-replica signals')).toBe(true);
      expect(await announce('another-replica integration_tokens')).toBe(true);
      // A write it could not place (raw SQL) counts for every table.
      expect(await announce('another-replica *')).toBe(true);
    });
  }
});
