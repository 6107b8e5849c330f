import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { testConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';
import { DEMO, seedDemo } from '../seed.js';
import { forEachBackend, type TestServer } from '../testing/harness.js';
import { migratedDataDir } from '../testing/pglite-template.js';
import { completedSession } from './testing/flow.js';

/** What the child wrote to a marker file, once written (a file just created may still be empty). */
const written = (file: string) => (existsSync(file) && readFileSync(file, 'utf8')) || undefined;

const PG_URL = process.env.TEST_DATABASE_URL;
const CHILD = fileURLToPath(new URL('./testing/kill-child.ts', import.meta.url));

/** Where the killed server and its successor keep their data: a PGlite folder or a PostgreSQL schema. */
interface Place {
  open(): Promise<DatabaseHandle>;
  /** `KILL_CHILD_DATABASE` for the child process. */
  child: string;
  schema?: string;
  drop(): Promise<void>;
}

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  hint: () => string = () => '',
  ms = 60_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${hint()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

forEachBackend('A server killed during a summary job, then restarted (SI-7, SI-11)', (backend) => {
  let place: Place;
  let dir: string;
  let child: ChildProcess | undefined;
  let errors = '';
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sightline-kill-'));
    if (backend === 'pglite') {
      const data = join(dir, 'data');
      // A copy of the migrated template: no initdb and no migrations on a new folder (seconds).
      cpSync(await migratedDataDir(), data, { recursive: true });
      place = {
        open: () => openDatabase({ dataDir: data }),
        child: `pglite:${data}`,
        drop: async () => {},
      };
    } else {
      const schema = `kill_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      place = {
        open: () => openDatabase({ databaseUrl: PG_URL, searchPath: schema }),
        child: `postgres:${schema}:${PG_URL}`,
        schema,
        drop: async () => {
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        },
      };
    }
  }, 60_000);
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
    await place.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A first server: the demo organization and a session completed through the API, its job queued, not run. */
  async function queuedSession(): Promise<string> {
    const handle = await place.open();
    const built = await createApp({ handle, config: testConfig({ authAttemptsPerMinute: 1000 }) });
    built.summaryWorker.stop();
    await seedDemo(handle);
    const server: Pick<TestServer, 'call'> = {
      call: async (method, path, options = {}) =>
        built.app.request(path, {
          method,
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        }),
    };
    const token = async (path: string, body: unknown) =>
      ((await (await server.call('POST', path, { body })).json()) as { token: string }).token;
    const tokens = {
      customer: await token('/v1/auth/access-code', { code: DEMO.accessCode }),
      agent: await token('/v1/auth/login', { email: DEMO.agentEmail, password: DEMO.password }),
    };
    const sessionId = await completedSession(server, tokens);
    built.stop();
    await handle.close();
    return sessionId;
  }

  function startChild(mode: 'hang' | 'return'): string {
    const marker = join(dir, `marker-${mode}`);
    // `source`: the workspace packages from their TypeScript, as `npm start` runs the server.
    child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        KILL_CHILD_DATABASE: place.child,
        KILL_CHILD_MARKER: marker,
        KILL_CHILD_MODE: mode,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    errors = '';
    child.stderr?.on('data', (chunk) => {
      errors += String(chunk);
    });
    return marker;
  }

  const childErrors = () => (errors ? `; the server said: ${errors.slice(0, 2000)}` : '');

  async function kill(): Promise<void> {
    const running = child as ChildProcess;
    running.kill('SIGKILL');
    await once(running, 'exit');
    expect(running.signalCode).toBe('SIGKILL');
  }

  /** The next server: its clock past the dead worker's lease, it runs what is due. */
  async function restartAndRun(sessionId: string) {
    const handle = await place.open();
    const later = () => new Date(Date.now() + 10 * 60_000);
    const built = await createApp({ handle, config: testConfig(), clock: later });
    await built.summaryWorker.drain();
    const { db } = handle;
    const state = {
      summaries: await db.selectFrom('summaries').selectAll().where('session_id', '=', sessionId).execute(),
      debits: await db.selectFrom('credit_ledger').select('session_id').where('type', '=', 'debit').execute(),
      jobs: await db.selectFrom('summary_jobs').select(['status', 'attempts']).execute(),
      events: (
        await db
          .selectFrom('outbox')
          .select('type')
          .where('type', 'like', 'summary.%')
          .orderBy('id')
          .execute()
      ).map((e) => e.type),
    };
    built.stop();
    await handle.close();
    return state;
  }

  it('killed while the summarizer runs: after a restart exactly one summary and one debit', async () => {
    const sessionId = await queuedSession();
    const marker = startChild('hang');
    await until('the summarizer to start', () => (written(marker) ? true : undefined), childErrors);
    expect(readFileSync(marker, 'utf8')).toBe('generating');
    await kill();
    const first = await restartAndRun(sessionId);
    expect(first.summaries.map((s) => [s.status, s.summarizer])).toEqual([['ready', 'builtin']]);
    expect(first.debits.map((d) => d.session_id)).toEqual([sessionId]);
    expect(first.jobs).toEqual([{ status: 'done', attempts: 2 }]);
    expect(first.events).toEqual(['summary.created']);
    // Another restart finds nothing left to do.
    const second = await restartAndRun(sessionId);
    expect(second.summaries).toEqual(first.summaries);
    expect(second.debits).toHaveLength(1);
    expect(second.events).toEqual(['summary.created']);
  }, 120_000);

  // Needs a second process holding a lock on the same database: PostgreSQL only (PGlite is one
  // process's database).
  if (backend === 'postgres')
    it('killed inside the final transaction, after its debit and before its commit: the debit is undone, a restart makes one summary and one debit', async () => {
      const sessionId = await queuedSession();
      // A summary row as a worker leaves it before generating, held by this test's lock so that the
      // child's final transaction (debit, then summary) waits on it.
      const locker = new pg.Client({ connectionString: PG_URL });
      await locker.connect();
      await locker.query(`set search_path to ${place.schema}`);
      await locker.query(
        `insert into summaries (id, organization_id, session_id, status) values ('sum_killed', $1, $2, 'generating')`,
        [DEMO.organizationId, sessionId],
      );
      await locker.query('begin');
      await locker.query('select id from summaries where session_id = $1 for update', [sessionId]);
      // Watched from a connection of its own: inside the locker's transaction pg_stat_activity is a
      // snapshot taken at its first read, so a child that is slow to get there would never show up.
      const observer = new pg.Client({ connectionString: PG_URL });
      await observer.connect();
      try {
        const marker = startChild('return');
        await until('the summary to be written', () => (written(marker) ? true : undefined), childErrors);
        const waiting = await until('the final transaction to wait on the summary row', async () => {
          const { rows } = await observer.query<{ pid: number }>(
            `select pid from pg_stat_activity
             where wait_event_type = 'Lock' and query ilike '%from "summaries"%for update' and pid <> pg_backend_pid()`,
          );
          return rows[0]?.pid;
        });
        // Its debit is written (uncommitted): the transaction holds a write lock on the ledger.
        const { rows: ledgerLocks } = await observer.query(
          `select 1 from pg_locks l join pg_class c on c.oid = l.relation
           where l.pid = $1 and c.relname = 'credit_ledger' and l.mode = 'RowExclusiveLock'`,
          [waiting],
        );
        expect(ledgerLocks).toHaveLength(1);
        await kill();
        await locker.query('rollback');
        // The dead server's connection rolls its transaction back when PostgreSQL notices the end.
        await until('the killed connection to end', async () => {
          const { rows } = await observer.query('select 1 from pg_stat_activity where pid = $1', [waiting]);
          return rows.length === 0 ? true : undefined;
        });
        const { rows: debits } = await locker.query(`select 1 from credit_ledger where type = 'debit'`);
        expect(debits).toEqual([]);
      } finally {
        await Promise.all([locker.end(), observer.end()]);
      }
      const after = await restartAndRun(sessionId);
      expect(after.summaries.map((s) => [s.id, s.status])).toEqual([['sum_killed', 'ready']]);
      expect(after.debits.map((d) => d.session_id)).toEqual([sessionId]);
      expect(after.events).toEqual(['summary.created']);
    }, 120_000);
});
