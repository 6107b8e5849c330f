import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { describe } from 'vitest';
import { createApp, type SightlineApp } from '../app.js';
import { hashPassword } from '../auth/passwords.js';
import { sha256 } from '../auth/secrets.js';
import { type ServerConfig, testConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';
import { createPortal } from '../portals/service.js';
import { DEMO, seedDemo } from '../seed.js';
import { migratedTar } from './pglite-template.js';

/** Where a suite runs: embedded PGlite, or the real PostgreSQL of `TEST_DATABASE_URL`. */
export type Backend = 'pglite' | 'postgres';

const PG_URL = process.env.TEST_DATABASE_URL;

/**
 * Declares a suite once per backend. The PostgreSQL variant is skipped, visibly, when
 * `TEST_DATABASE_URL` is unset.
 */
export function forEachBackend(name: string, body: (backend: Backend) => void): void {
  describe(`${name} [pglite]`, () => body('pglite'));
  describe.skipIf(!PG_URL)(`${name} [postgres]`, () => body('postgres'));
}

/** Extra people and devices on top of the demo seed, for authorization tests. */
export const FIXTURE = {
  ...DEMO,
  agent2Id: 'user_agent2',
  agent2Email: 'agent2@demo.test',
  teamManagerId: 'user_tm',
  teamManagerEmail: 'tm@demo.test',
  otherDeviceId: 'dev_other',
  otherAccessCode: 'DEMO-0002',
  closedPortalId: 'portal_closed',
  closedDeviceId: 'dev_closed',
  closedAccessCode: 'DEMO-0003',
  otherOrgId: 'org_other',
  otherOrgManagerEmail: 'boss@other.test',
  otherOrgDeviceId: 'dev_foreign',
  otherOrgAccessCode: 'OTHER-0001',
} as const;

let passwordHash: Promise<string> | undefined;

async function seedFixture(handle: DatabaseHandle): Promise<void> {
  const { db } = handle;
  passwordHash ??= hashPassword(DEMO.password);
  const hash = await passwordHash;
  await seedDemo(handle, { passwordHash: hash });
  const f = FIXTURE;
  await db
    .insertInto('users')
    .values([
      {
        id: f.agent2Id,
        organization_id: f.organizationId,
        email: f.agent2Email,
        password_hash: hash,
        role: 'agent',
        team_id: f.heatingTeamId,
        display_name: 'Second Agent',
      },
      {
        id: f.teamManagerId,
        organization_id: f.organizationId,
        email: f.teamManagerEmail,
        password_hash: hash,
        role: 'team-manager',
        team_id: null,
        display_name: 'Field Lead',
      },
    ])
    .execute();
  await db.insertInto('team_managers').values({ user_id: f.teamManagerId, team_id: f.fieldTeamId }).execute();
  await createPortal(
    db,
    f.organizationId,
    { name: 'No requests', slug: 'no-requests', features: { requests: 'off' } },
    { id: f.closedPortalId, now: new Date() },
  );
  await db
    .insertInto('devices')
    .values([
      {
        id: f.otherDeviceId,
        organization_id: f.organizationId,
        portal_id: f.portalId,
        team_id: f.heatingTeamId,
        name: 'Boiler 13',
        summary_access: 'after-confirmation',
      },
      {
        id: f.closedDeviceId,
        organization_id: f.organizationId,
        portal_id: f.closedPortalId,
        team_id: f.heatingTeamId,
        name: 'Pump 1',
        summary_access: 'after-confirmation',
      },
    ])
    .execute();
  await db
    .insertInto('organizations')
    .values({ id: f.otherOrgId, name: 'Other Co', plan: 'business' })
    .execute();
  await createPortal(
    db,
    f.otherOrgId,
    { name: 'Foreign', slug: 'foreign', features: { recording: 'on' } },
    { id: 'portal_foreign', now: new Date() },
  );
  await db
    .insertInto('teams')
    .values({ id: 'team_foreign', organization_id: f.otherOrgId, parent_id: null, name: 'Foreign' })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: 'user_foreign',
      organization_id: f.otherOrgId,
      email: f.otherOrgManagerEmail,
      password_hash: hash,
      role: 'company-manager',
      team_id: null,
      display_name: 'Other Boss',
    })
    .execute();
  await db
    .insertInto('devices')
    .values({
      id: f.otherOrgDeviceId,
      organization_id: f.otherOrgId,
      portal_id: 'portal_foreign',
      team_id: 'team_foreign',
      name: 'Foreign boiler',
      summary_access: 'allowed',
    })
    .execute();
  await db
    .insertInto('access_codes')
    .values([
      {
        id: 'acc_other',
        code_hash: sha256(f.otherAccessCode),
        organization_id: f.organizationId,
        device_id: f.otherDeviceId,
      },
      {
        id: 'acc_closed',
        code_hash: sha256(f.closedAccessCode),
        organization_id: f.organizationId,
        device_id: f.closedDeviceId,
      },
      {
        id: 'acc_foreign',
        code_hash: sha256(f.otherOrgAccessCode),
        organization_id: f.otherOrgId,
        device_id: f.otherOrgDeviceId,
      },
    ])
    .execute();
}

let sharedPglite: { client: Promise<PGlite>; users: number } | undefined;

/**
 * An in-memory PGlite with every migration applied, loaded from the tests' template (initdb and the
 * migrations run once per PGlite version and set of migrations: testing/pglite-template.ts).
 */
async function freshPglite(): Promise<PGlite> {
  const client = new PGlite({ loadDataDir: await migratedTar() });
  await client.waitReady;
  return client;
}

/**
 * A database for one test file: in-memory PGlite (one per file, shared by its servers: starting
 * PGlite costs seconds), or a fresh schema in the test PostgreSQL.
 */
export async function openTestDatabase(
  backend: Backend,
): Promise<{ open: () => Promise<DatabaseHandle>; drop: () => Promise<void> }> {
  if (backend === 'pglite') {
    // Taken before the first await, so servers started together share one database.
    sharedPglite ??= { client: freshPglite(), users: 0 };
    const shared = sharedPglite;
    shared.users++;
    const client = await shared.client;
    return {
      open: () => openDatabase({ pglite: client }),
      drop: async () => {
        if (--shared.users === 0) {
          sharedPglite = undefined;
          await client.close();
        }
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  return {
    open: () => openDatabase({ databaseUrl: PG_URL, searchPath: schema }),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

/** An app on a test database plus request helpers. */
export interface TestServer extends SightlineApp {
  handle: DatabaseHandle;
  /** Sends a JSON request; `body` is serialized unless it is a string. */
  call(
    method: string,
    path: string,
    options?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  login(email: string): Promise<string>;
  customer(code: string): Promise<string>;
  /** Wipes every table and seeds the fixture again; tokens stay valid (same ids, same secret). */
  reset(): Promise<void>;
  /** A second app on its own connection to the same database: another replica. */
  replica(overrides?: Partial<ServerConfig>): Promise<SightlineApp & { close(): Promise<void> }>;
  /** Restarts the app on the same database (what a server restart does). */
  restart(): Promise<void>;
  /** Runs every summary job due now and waits for them (SI-7; the poll timer is off in tests). */
  runSummaryJobs(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = [
  'summary_jobs',
  'summaries',
  'credit_ledger',
  'session_messages',
  'signals',
  'outbox',
  'idempotency_keys',
  'consents',
  'calls',
  'sessions',
  'access_codes',
  'api_keys',
  'devices',
  'team_managers',
  'users',
  'teams',
  'portals',
  'organizations',
];

async function wipe(handle: DatabaseHandle): Promise<void> {
  // An event stream of the test before may still be writing its console's heartbeat: PostgreSQL
  // can pick the truncate as a deadlock's victim (40P01). It only has to run again.
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.raw(`truncate ${TABLES.join(', ')} restart identity cascade`).execute(handle.db);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
  await sql`delete from settings where key <> 'jwt_secret'`.execute(handle.db);
}

/**
 * Builds the app on a fresh database seeded with {@link FIXTURE}.
 * @example
 * const server = await createTestServer('pglite');
 * const res = await server.call('GET', '/v1/me', { token: await server.login(FIXTURE.agentEmail) });
 */
export async function createTestServer(
  backend: Backend,
  overrides: Partial<ServerConfig> = {},
  clock?: () => Date,
): Promise<TestServer> {
  const database = await openTestDatabase(backend);
  let handle = await database.open();
  const config = testConfig({ authAttemptsPerMinute: 1000, ...overrides });
  let built = await createApp({ handle, config, ...(clock ? { clock } : {}) });
  await wipe(handle);
  await seedFixture(handle);
  // Tokens outlive resets (same ids and secret): log in once per caller, argon2 is slow on purpose.
  const tokens = new Map<string, Promise<string>>();
  async function loginOnce(email: string): Promise<string> {
    const res = await server.call('POST', '/v1/auth/login', { body: { email, password: DEMO.password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }
  async function exchangeOnce(code: string): Promise<string> {
    const res = await server.call('POST', '/v1/auth/access-code', { body: { code } });
    if (res.status !== 200) throw new Error(`access code ${code}: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }
  const server: TestServer = {
    ...built,
    handle,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      return server.app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    },
    login(email) {
      const key = `login:${email}`;
      if (!tokens.has(key)) tokens.set(key, loginOnce(email));
      return tokens.get(key)!;
    },
    customer(code) {
      const key = `code:${code}`;
      if (!tokens.has(key)) tokens.set(key, exchangeOnce(code));
      return tokens.get(key)!;
    },
    async reset() {
      await wipe(handle);
      await seedFixture(handle);
    },
    async replica(more = {}) {
      const replicaHandle = await database.open();
      // Another process on the same machine: the same clock.
      const app = await createApp({
        handle: replicaHandle,
        config: { ...config, ...more },
        ...(clock ? { clock } : {}),
      });
      return {
        ...app,
        async close() {
          app.stop();
          await replicaHandle.close();
        },
      };
    },
    async restart() {
      built.stop();
      await handle.close();
      handle = await database.open();
      built = await createApp({ handle, config, ...(clock ? { clock } : {}) });
      Object.assign(server, built, { handle });
    },
    runSummaryJobs: () => server.summaryWorker.drain(),
    async close() {
      server.stop();
      await handle.close();
      await database.drop();
    },
  };
  return server;
}
