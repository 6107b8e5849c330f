import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  CALLER_FIXTURE,
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
 * Authorization matrix of presence and dashboards (MC-7). Presence: every staff member with a
 * presence (not customers, not API keys); another organization's manager gets their own. Dashboards:
 * managers keep them; each cell works on a fresh dashboard of the manager of Field (`tm-`) shared
 * by name with the manager of Sales (`tmO`) — the other manager of Field (`tm+`) and the company
 * manager see it only when shared with them (403); another organization gets 404.
 */
type Operation = MatrixOperation<Caller, { id: string }>;
const D = (ctx: { id: string }) => `/v1/dashboards/${ctx.id}`;

//                                         anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/presence',
    request: () => ({ method: 'GET', path: '/v1/presence' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/me/presence',
    request: () => ({ method: 'GET', path: '/v1/me/presence' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'PUT /v1/me/presence',
    request: () => ({ method: 'PUT', path: '/v1/me/presence', body: { status: 'available' } }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'GET /v1/dashboards',
    request: () => ({ method: 'GET', path: '/v1/dashboards' }),
    expected: row(401, 403, 403, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'POST /v1/dashboards',
    request: () => ({
      method: 'POST',
      path: '/v1/dashboards',
      body: { name: 'Mine', monitors: [{ type: 'incoming' }] },
    }),
    expected: row(401, 403, 403, 201, 201, 201, 201, 403, 201),
  },
  {
    name: 'GET /v1/dashboards/{id}',
    request: (ctx) => ({ method: 'GET', path: D(ctx) }),
    expected: row(401, 403, 403, 200, 403, 200, 403, 403, 404),
  },
  {
    name: 'PATCH /v1/dashboards/{id}',
    request: (ctx) => ({ method: 'PATCH', path: D(ctx), body: { name: 'Renamed' } }),
    expected: row(401, 403, 403, 200, 403, 403, 403, 403, 404),
  },
  {
    name: 'DELETE /v1/dashboards/{id}',
    request: (ctx) => ({ method: 'DELETE', path: D(ctx) }),
    expected: row(401, 403, 403, 204, 403, 403, 403, 403, 404),
  },
  {
    name: 'GET /v1/dashboards/{id}/snapshot',
    request: (ctx) => ({ method: 'GET', path: `${D(ctx)}/snapshot` }),
    expected: row(401, 403, 403, 200, 403, 200, 403, 403, 404),
  },
  {
    name: 'GET /v1/dashboards/{id}/stream',
    request: (ctx) => ({ method: 'GET', path: `${D(ctx)}/stream` }),
    expected: row(401, 403, 403, 200, 403, 200, 403, 403, 404),
  },
];

forEachBackend('Presence and dashboards authorization matrix and organizations (MC-7)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  const dashboard = async (): Promise<string> => {
    const res = await server.call('POST', '/v1/dashboards', {
      token: tokens.teamManager,
      body: {
        name: 'Field floor',
        monitors: [{ type: 'incoming' }, { type: 'agents' }],
        sharedWith: [CALLER_FIXTURE.tmSalesId],
      },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: async () => ({ id: await dashboard() }),
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization naming this dashboard: 404, nothing changed, nothing listed, not shareable with them', async () => {
    const id = await dashboard();
    const before = await server.handle.db
      .selectFrom('dashboards')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    const foreign = tokens.otherOrg;
    for (const [method, path, body] of [
      ['GET', `/v1/dashboards/${id}`, undefined],
      ['GET', `/v1/dashboards/${id}/snapshot`, undefined],
      ['GET', `/v1/dashboards/${id}/stream`, undefined],
      ['PATCH', `/v1/dashboards/${id}`, { name: 'Taken over', sharedWithOrganization: true }],
      ['DELETE', `/v1/dashboards/${id}`, undefined],
    ] as const) {
      const res = await server.call(method, path, { token: foreign, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.text()).not.toContain('Field floor');
    }
    const listed = await server.call('GET', '/v1/dashboards', { token: foreign });
    expect(JSON.stringify(await listed.json())).not.toContain(id);
    const after = await server.handle.db
      .selectFrom('dashboards')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(after).toEqual(before);
    // Their people are not managers here: a share naming them is refused.
    const { id: foreignId } = await server.handle.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', FIXTURE.otherOrgManagerEmail)
      .executeTakeFirstOrThrow();
    const share = await server.call('PATCH', `/v1/dashboards/${id}`, {
      token: tokens.teamManager,
      body: { sharedWith: [foreignId] },
    });
    expect(share.status).toBe(400);
    // Their presence list names nobody of this organization.
    const presence = await server.call('GET', '/v1/presence', { token: foreign });
    const items = ((await presence.json()) as { items: { userId: string }[] }).items.map((p) => p.userId);
    expect(items).not.toContain(CALLER_FIXTURE.salesAgentId);
    expect(items.length).toBeGreaterThan(0);
  });
});
