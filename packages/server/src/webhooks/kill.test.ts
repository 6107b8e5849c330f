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
import { forEachBackend } from '../testing/harness.js';
import { migratedDataDir } from '../testing/pglite-template.js';
import { type Received, type Receiver, startReceiver } from './testing/receiver.js';
import { verifyAt } from './testing/setup.js';

/** What the child wrote to a marker file, once written (a file just created may still be empty). */
const written = (file: string) => (existsSync(file) && readFileSync(file, 'utf8')) || undefined;

/** Verified as a receiver whose clock agrees with the (later) clock of the restarted server. */
const verify = (secret: string, request: Received) =>
  verifyAt(secret, request, new Date(Number(request.headers['webhook-timestamp']) * 1000));

const PG_URL = process.env.TEST_DATABASE_URL;
const CHILD = fileURLToPath(new URL('./testing/kill-child.ts', import.meta.url));

interface Place {
  open(): Promise<DatabaseHandle>;
  child: string;
  drop(): Promise<void>;
}

async function until<T>(
  what: string,
  probe: () => T | undefined,
  hint: () => string,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${hint()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

forEachBackend('a server killed between a commit and its webhook, then restarted (SI-12)', (backend) => {
  let place: Place;
  let dir: string;
  let child: ChildProcess | undefined;
  let receiver: Receiver;
  let errors = '';
  beforeEach(async () => {
    receiver = await startReceiver();
    dir = mkdtempSync(join(tmpdir(), 'sightline-webhook-kill-'));
    if (backend === 'pglite') {
      const data = join(dir, 'data');
      // A copy of the migrated template: no initdb and no migrations on a new folder (seconds).
      cpSync(await migratedDataDir(), data, { recursive: true });
      place = { open: () => openDatabase({ dataDir: data }), child: `pglite:${data}`, drop: async () => {} };
    } else {
      const schema = `whkill_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      place = {
        open: () => openDatabase({ databaseUrl: PG_URL, searchPath: schema }),
        child: `postgres:${schema}:${PG_URL}`,
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
    await receiver.close();
    await place.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A first server: the demo organization and an endpoint aimed at the receiver; returns its secret. */
  async function endpointReady(): Promise<string> {
    const handle = await place.open();
    const built = await createApp({ handle, config: testConfig({ authAttemptsPerMinute: 1000 }) });
    await seedDemo(handle);
    const post = async (path: string, body: unknown, token?: string) =>
      built.app.request(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const login = await post('/v1/auth/login', { email: DEMO.managerEmail, password: DEMO.password });
    const { token } = (await login.json()) as { token: string };
    const created = await post('/v1/webhooks', { url: receiver.url, events: ['session.requested'] }, token);
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    built.stop();
    await handle.close();
    return secret;
  }

  function startChild(mode: 'commit' | 'deliver'): string {
    const marker = join(dir, `marker-${mode}`);
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

  /** The next server, its clock past any dead worker's lease, sends what is due. */
  async function restartAndDeliver() {
    const handle = await place.open();
    const later = () => new Date(Date.now() + 10 * 60_000);
    const built = await createApp({ handle, config: testConfig(), clock: later });
    await built.webhookWorker.drain();
    const deliveries = await handle.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'status', 'attempts'])
      .execute();
    built.stop();
    await handle.close();
    return deliveries;
  }

  it('killed after the event committed, before any delivery: the restarted server delivers it', async () => {
    const secret = await endpointReady();
    const marker = startChild('commit');
    const sessionId = await until('the session to commit', () => written(marker), childErrors);
    await kill();
    expect(receiver.received).toHaveLength(0);
    const deliveries = await restartAndDeliver();
    expect(deliveries).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    const [request] = await receiver.waitFor(1);
    const payload = verify(secret, request!);
    expect(payload).toMatchObject({ type: 'session.requested', data: { sessionId } });
    // Another restart sends nothing more.
    expect(await restartAndDeliver()).toMatchObject([{ status: 'delivered', attempts: 1 }]);
    expect(receiver.received).toHaveLength(1);
  }, 120_000);

  it('killed while the receiver holds the request: after the lease the same webhook-id is sent again and delivered', async () => {
    const secret = await endpointReady();
    // The event commits on a server that then stops before delivering.
    const marker = startChild('commit');
    await until('the session to commit', () => (written(marker) ? true : undefined), childErrors);
    await kill();
    receiver.script('hang');
    startChild('deliver');
    await until(
      'the delivery to reach the receiver',
      () => (receiver.received.length > 0 ? true : undefined),
      childErrors,
    );
    await kill();
    const deliveries = await restartAndDeliver();
    expect(deliveries).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.headers['webhook-id']).toBe(deliveries[0]!.id);
    expect(verify(secret, second!)).toMatchObject({
      type: 'session.requested',
    });
  }, 120_000);
});
