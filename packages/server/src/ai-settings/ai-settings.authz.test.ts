import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
 * Authorization matrix of AI settings, device AI consent and AI credits (SI-3, SI-5, SI-11), with
 * the default grants (team managers: view, edit, export; agents: view). Reading the AI settings needs
 * `summaries.view` or `ai.settings`, changing them `ai.settings`; credits are for holders of
 * `ai.settings`; a device's AI consent follows the device: its customer and its editors change it.
 * Add-ons are bought by the billing integration with the bootstrap token, never a user token.
 * Organization-wide routes answer for the caller's own organization; device ids of another one 404.
 */
interface Ctx {
  deviceId: string;
}
type Operation = MatrixOperation<Caller, Ctx>;

const defaults = {
  summariesEnabled: true,
  outgoing: { enabled: true, scope: 'all' },
  incoming: { enabled: false, scope: 'all-devices' },
  language: 'en',
  permissions: {
    'team-manager': ['summaries.view', 'summaries.edit', 'summaries.export'],
    agent: ['summaries.view'],
  },
};

//                                                anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/settings/ai',
    request: () => ({ method: 'GET', path: '/v1/settings/ai' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'PUT /v1/settings/ai (switches)',
    request: () => ({ method: 'PUT', path: '/v1/settings/ai', body: { ...defaults, language: 'es' } }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    name: 'PUT /v1/settings/ai (grants)',
    request: () => ({
      method: 'PUT',
      path: '/v1/settings/ai',
      body: { ...defaults, permissions: { 'team-manager': ['ai.settings'], agent: [] } },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    name: 'GET /v1/devices/{id}/ai-consent',
    request: (ctx) => ({ method: 'GET', path: `/v1/devices/${ctx.deviceId}/ai-consent` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'PUT /v1/devices/{id}/ai-consent',
    request: (ctx) => ({
      method: 'PUT',
      path: `/v1/devices/${ctx.deviceId}/ai-consent`,
      body: { access: 'allowed' },
    }),
    expected: row(401, 403, 403, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'PUT own device’s ai-consent',
    request: () => ({
      method: 'PUT',
      path: `/v1/devices/${FIXTURE.deviceId}/ai-consent`,
      body: { access: 'denied' },
    }),
    expected: row(401, 200, 403, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'GET /v1/credits',
    request: () => ({ method: 'GET', path: '/v1/credits' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    name: 'POST /v1/credits/add-ons (user tokens)',
    request: () => ({
      method: 'POST',
      path: '/v1/credits/add-ons',
      body: { organizationId: FIXTURE.organizationId, amount: 5, purchaseId: randomUUID() },
    }),
    expected: row(401, 401, 401, 401, 401, 401, 401, 401, 401),
  },
];

forEachBackend('AI settings and credits authorization matrix (SI-3, SI-5, SI-11)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend, { bootstrapToken: 'bootstrap-token-for-ai-matrix-0123456789' });
    // Both other team managers hold agents.edit: over Field (and so Heating), and over Sales.
    tokens = await seedCallers(server, { tmRight: ['agents.edit'], tmSales: ['agents.edit'] });
  });
  afterAll(async () => server.close());

  /** Fresh state per cell: both organizations on the default AI settings, and a new device of the Heating team. */
  async function fresh(): Promise<Ctx> {
    const { db } = server.handle;
    await db
      .updateTable('organizations')
      .set({
        summary_language: 'en',
        summary_permissions: JSON.stringify(defaults.permissions),
        ai_settings: JSON.stringify({
          summariesEnabled: true,
          outgoing: defaults.outgoing,
          incoming: defaults.incoming,
        }),
      })
      .where('id', 'in', [FIXTURE.organizationId, FIXTURE.otherOrgId])
      .execute();
    const deviceId = randomUUID();
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
    return { deviceId };
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, { setup: fresh });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization’s manager changing “the” AI settings changes only their own', async () => {
    await fresh();
    const res = await server.call('PUT', '/v1/settings/ai', {
      token: tokens.otherOrg,
      body: { ...defaults, summariesEnabled: false, language: 'pt' },
    });
    expect(res.status).toBe(200);
    const own = await server.call('GET', '/v1/settings/ai', { token: tokens.companyManager });
    expect(await own.json()).toMatchObject({ summariesEnabled: true, language: 'en' });
    const rows = await server.handle.db
      .selectFrom('organizations')
      .select(['id', 'summary_language'])
      .where('id', 'in', [FIXTURE.organizationId, FIXTURE.otherOrgId])
      .orderBy('id')
      .execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.summary_language]))).toEqual({
      [FIXTURE.organizationId]: 'en',
      [FIXTURE.otherOrgId]: 'pt',
    });
  });

  it('a company manager naming another organization’s device gets 404 on read and change, nothing changed', async () => {
    await server.handle.db
      .updateTable('devices')
      .set({ summary_access: 'denied' })
      .where('id', '=', FIXTURE.otherOrgDeviceId)
      .execute();
    const path = `/v1/devices/${FIXTURE.otherOrgDeviceId}/ai-consent`;
    const read = await server.call('GET', path, { token: tokens.companyManager });
    expect(read.status).toBe(404);
    const write = await server.call('PUT', path, {
      token: tokens.companyManager,
      body: { access: 'allowed' },
    });
    expect(write.status).toBe(404);
    expect(write.headers.get('content-type')).toContain('application/problem+json');
    const device = await server.handle.db
      .selectFrom('devices')
      .select('summary_access')
      .where('id', '=', FIXTURE.otherOrgDeviceId)
      .executeTakeFirstOrThrow();
    expect(device.summary_access).toBe('denied');
  });

  it('each organization sees its own credits: another organization’s purchase does not show', async () => {
    await server.handle.db
      .updateTable('organizations')
      .set({ licence_renews_at: '2099-01-01' })
      .where('id', '=', FIXTURE.otherOrgId)
      .execute();
    const bought = await server.call('POST', '/v1/credits/add-ons', {
      headers: { authorization: 'Bearer bootstrap-token-for-ai-matrix-0123456789' },
      body: { organizationId: FIXTURE.otherOrgId, amount: 40, purchaseId: randomUUID() },
    });
    expect(bought.status).toBe(201);
    const own = (await (
      await server.call('GET', '/v1/credits', { token: tokens.companyManager })
    ).json()) as {
      addons: unknown[];
    };
    const theirs = (await (await server.call('GET', '/v1/credits', { token: tokens.otherOrg })).json()) as {
      addons: { left: number }[];
    };
    expect(own.addons).toEqual([]);
    expect(theirs.addons).toEqual([expect.objectContaining({ left: 40 })]);
  });
});
