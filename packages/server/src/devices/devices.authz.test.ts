import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of devices and access codes (MC-1, VS-1, SI-3): every operation × every kind
 * of caller. Company managers administer devices; team managers granted `agents.edit` edit devices of
 * teams they manage and their codes; a device's customer may change its summary access; API keys
 * provision users and teams only. Other organizations get 404.
 */
const CALLERS = [
  'anonymous',
  'customer',
  'agent',
  'tmWithoutRight',
  'tmWithRight',
  'tmOtherTeam',
  'companyManager',
  'apiKey',
  'otherOrg',
] as const;
type Caller = (typeof CALLERS)[number];

interface Ctx {
  deviceId: string;
  codeId: string;
}
interface Operation {
  name: string;
  request(ctx: Ctx): { method: string; path: string; body?: unknown };
  expected: Record<Caller, number>;
}

const row = (...statuses: number[]): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Record<Caller, number>;

const D = (ctx: Ctx) => `/v1/devices/${ctx.deviceId}`;

//                                                anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/devices',
    request: () => ({ method: 'GET', path: '/v1/devices' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'GET /v1/devices?includeDeleted=true',
    request: () => ({ method: 'GET', path: '/v1/devices?includeDeleted=true' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    name: 'GET /v1/devices/{id}',
    request: (ctx) => ({ method: 'GET', path: D(ctx) }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST /v1/devices',
    request: () => ({
      method: 'POST',
      path: '/v1/devices',
      body: { name: 'Matrix', portalId: FIXTURE.portalId, teamId: FIXTURE.heatingTeamId },
    }),
    // The other organization has no such portal: a 400 naming body.portalId.
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 400),
  },
  {
    name: 'PATCH /v1/devices/{id} (name)',
    request: (ctx) => ({ method: 'PATCH', path: D(ctx), body: { name: 'Renamed' } }),
    expected: row(401, 403, 403, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/devices/{id} (managed, policy)',
    request: (ctx) => ({
      method: 'PATCH',
      path: D(ctx),
      body: { managed: true, policy: { summaries: true, enforced: false } },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
  },
  {
    name: 'PATCH own device (summaryAccess)',
    request: () => ({
      method: 'PATCH',
      path: `/v1/devices/${FIXTURE.deviceId}`,
      body: { summaryAccess: 'denied' },
    }),
    expected: row(401, 200, 403, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'DELETE /v1/devices/{id}',
    request: (ctx) => ({ method: 'DELETE', path: D(ctx) }),
    expected: row(401, 403, 403, 403, 403, 403, 204, 403, 404),
  },
  {
    name: 'GET …/access-codes',
    request: (ctx) => ({ method: 'GET', path: `${D(ctx)}/access-codes` }),
    expected: row(401, 403, 403, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST …/access-codes',
    request: (ctx) => ({ method: 'POST', path: `${D(ctx)}/access-codes`, body: { rotate: true } }),
    expected: row(401, 403, 403, 403, 201, 403, 201, 403, 404),
  },
  {
    name: 'DELETE …/access-codes/{codeId}',
    request: (ctx) => ({ method: 'DELETE', path: `${D(ctx)}/access-codes/${ctx.codeId}` }),
    expected: row(401, 403, 403, 403, 204, 403, 204, 403, 404),
  },
];

forEachBackend('devices authorization matrix (MC-1, VS-1, SI-3)', (backend) => {
  let server: TestServer;
  const tokens = {} as Record<Caller, string | undefined>;
  beforeAll(async () => {
    server = await createTestServer(backend);
    const { db } = server.handle;
    await db
      .insertInto('teams')
      .values({ id: 'team_sales', organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
      .execute();
    const hash = (
      await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', FIXTURE.managerId)
        .executeTakeFirstOrThrow()
    ).password_hash;
    const tm = (id: string, email: string, rights: string[]) => ({
      id,
      organization_id: FIXTURE.organizationId,
      email,
      password_hash: hash,
      role: 'team-manager' as const,
      team_id: null,
      display_name: id,
      rights: JSON.stringify(rights),
    });
    await db
      .insertInto('users')
      .values([
        tm('user_tm_right', 'tm-right@demo.test', ['agents.edit']),
        tm('user_tm_sales', 'tm-sales@demo.test', ['agents.edit']),
      ])
      .execute();
    await db
      .insertInto('team_managers')
      .values([
        { user_id: 'user_tm_right', team_id: FIXTURE.fieldTeamId },
        { user_id: 'user_tm_sales', team_id: 'team_sales' },
      ])
      .execute();
    await db
      .insertInto('api_keys')
      .values({
        id: 'devkey',
        organization_id: FIXTURE.organizationId,
        user_id: FIXTURE.apiManagerId,
        key_hash: sha256('s3cret'),
      })
      .execute();
    tokens.anonymous = undefined;
    tokens.customer = await server.customer(FIXTURE.accessCode);
    tokens.agent = await server.login(FIXTURE.agentEmail);
    tokens.tmWithoutRight = await server.login(FIXTURE.teamManagerEmail);
    tokens.tmWithRight = await server.login('tm-right@demo.test');
    tokens.tmOtherTeam = await server.login('tm-sales@demo.test');
    tokens.companyManager = await server.login(FIXTURE.managerEmail);
    tokens.apiKey = `${API_KEY_PREFIX}devkey_s3cret`;
    tokens.otherOrg = await server.login(FIXTURE.otherOrgManagerEmail);
  });
  afterAll(async () => server.close());

  /** A fresh device of the Heating team with one access code, so every cell starts alike. */
  async function freshDevice(): Promise<Ctx> {
    const deviceId = randomUUID();
    const { db } = server.handle;
    await db
      .insertInto('devices')
      .values({
        id: deviceId,
        organization_id: FIXTURE.organizationId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        name: 'Matrix device',
        summary_access: 'after-confirmation',
      })
      .execute();
    const code = await db
      .insertInto('access_codes')
      .values({
        code_hash: sha256(randomUUID()),
        organization_id: FIXTURE.organizationId,
        device_id: deviceId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { deviceId, codeId: code.id };
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const mismatches: string[] = [];
    for (const op of OPERATIONS) {
      for (const caller of CALLERS) {
        const { method, path, body } = op.request(await freshDevice());
        const res = await server.call(method, path, { token: tokens[caller], body });
        if (
          res.status >= 400 &&
          !(res.headers.get('content-type') ?? '').includes('application/problem+json')
        ) {
          mismatches.push(`${op.name} as ${caller}: ${res.status} without a problem document`);
        }
        await res.body?.cancel();
        if (res.status !== op.expected[caller]) {
          mismatches.push(`${op.name} as ${caller}: expected ${op.expected[caller]}, got ${res.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('a company manager swapping in another organization’s device or code id gets 404 on every id route', async () => {
    const foreignCode = await server.handle.db
      .selectFrom('access_codes')
      .select('id')
      .where('device_id', '=', FIXTURE.otherOrgDeviceId)
      .executeTakeFirstOrThrow();
    const own = await freshDevice();
    const token = tokens.companyManager;
    const foreign = `/v1/devices/${FIXTURE.otherOrgDeviceId}`;
    const attempts: [string, string, unknown?][] = [
      ['GET', foreign],
      ['PATCH', foreign, { name: 'x' }],
      ['DELETE', foreign],
      ['GET', `${foreign}/access-codes`],
      ['POST', `${foreign}/access-codes`, {}],
      ['DELETE', `${foreign}/access-codes/${foreignCode.id}`],
      ['DELETE', `/v1/devices/${own.deviceId}/access-codes/${foreignCode.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await server.call(method, path, { token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });
});
