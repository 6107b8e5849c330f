import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.js';
import {
  CALLERS,
  type Caller,
  type CallerTokens,
  type MatrixOperation,
  row,
  runMatrix,
  seedCallers,
} from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of devices and access codes (MC-1, VS-1, SI-3): every operation × every kind
 * of caller. Company managers administer devices; team managers granted `agents.edit` edit devices of
 * teams they manage and their codes; a device's customer may change its summary access; API keys
 * provision users and teams only. Other organizations get 404.
 */
interface Ctx {
  deviceId: string;
  codeId: string;
}
type Operation = MatrixOperation<Caller, Ctx>;

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
    // Only company managers change these fields: the body decides.
    bodyDecidesAccess: true,
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
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    // Both other team managers hold agents.edit: over Field (and so Heating), and over Sales.
    tokens = await seedCallers(server, { tmRight: ['agents.edit'], tmSales: ['agents.edit'] });
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
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, { setup: freshDevice });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
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
