import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, type MatrixRequest, matrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Webhooks (SI-12): company managers and integration tokens holding `webhooks:manage` manage them;
 * everyone else in the organization gets 403; another organization's ids do not exist (404).
 */
const { callers, row, runMatrix } = matrix([
  'anonymous',
  'customer',
  'agent',
  'teamManager',
  'tmRight',
  'companyManager',
  'apiKey',
  'otherOrg',
  'integration',
  'integrationRead',
  'integrationElsewhere',
]);

interface Ctx {
  endpointId: string;
  deliveryId: string;
}

const W = (c: Ctx) => `/v1/webhooks/${c.endpointId}`;
const D = (c: Ctx) => `${W(c)}/deliveries/${c.deliveryId}`;

//                                           anon cust agent  tm tmR   cm  api  org  int intR intE
const OPERATIONS: { name: string; request: (c: Ctx) => MatrixRequest; expected: ReturnType<typeof row> }[] = [
  {
    name: 'GET /v1/webhooks',
    request: () => ({ method: 'GET', path: '/v1/webhooks' }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 200, 200, 403, 403),
  },
  {
    name: 'POST /v1/webhooks',
    request: () => ({
      method: 'POST',
      path: '/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hooks', events: ['*'] },
    }),
    expected: row(401, 403, 403, 403, 403, 201, 403, 201, 201, 403, 403),
  },
  {
    name: 'GET /v1/webhooks/{id}',
    request: (c: Ctx) => ({ method: 'GET', path: W(c) }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'PATCH /v1/webhooks/{id}',
    request: (c: Ctx) => ({ method: 'PATCH', path: W(c), body: { description: 'changed' } }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'DELETE /v1/webhooks/{id}',
    request: (c: Ctx) => ({ method: 'DELETE', path: W(c) }),
    expected: row(401, 403, 403, 403, 403, 204, 403, 404, 204, 403, 403),
  },
  {
    name: 'POST /v1/webhooks/{id}/rotate-secret',
    request: (c: Ctx) => ({ method: 'POST', path: `${W(c)}/rotate-secret`, body: { overlapSeconds: 60 } }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'POST /v1/webhooks/{id}/test',
    request: (c: Ctx) => ({ method: 'POST', path: `${W(c)}/test` }),
    expected: row(401, 403, 403, 403, 403, 202, 403, 404, 202, 403, 403),
  },
  {
    name: 'GET /v1/webhooks/{id}/deliveries',
    request: (c: Ctx) => ({ method: 'GET', path: `${W(c)}/deliveries` }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'GET /v1/webhooks/{id}/deliveries/{deliveryId}',
    request: (c: Ctx) => ({ method: 'GET', path: D(c) }),
    expected: row(401, 403, 403, 403, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry',
    request: (c: Ctx) => ({ method: 'POST', path: `${D(c)}/retry` }),
    expected: row(401, 403, 403, 403, 403, 202, 403, 404, 202, 403, 403),
  },
];

forEachBackend('webhooks: authorization matrix and organization boundaries (SI-12)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  /** A fresh endpoint of the demo organization with one queued test delivery. */
  async function endpointWithDelivery(token = tokens.companyManager): Promise<Ctx> {
    const created = await server.call('POST', '/v1/webhooks', {
      token,
      body: { url: 'http://127.0.0.1:9/hooks', events: ['*'] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const ping = await server.call('POST', `/v1/webhooks/${id}/test`, { token });
    expect(ping.status).toBe(202);
    return { endpointId: id, deliveryId: ((await ping.json()) as { id: string }).id };
  }

  it(`${OPERATIONS.length} operations × ${callers.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: () => endpointWithDelivery(),
    });
    expect(mismatches).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * callers.length);
  });

  it('another organization’s endpoints and deliveries are 404 every way, and absent from lists', async () => {
    const foreign = await endpointWithDelivery(tokens.otherOrg);
    const own = await endpointWithDelivery();
    for (const [token, ctx] of [
      [tokens.companyManager, foreign],
      [tokens.integration, foreign],
      [tokens.otherOrg, own],
    ] as const) {
      for (const op of OPERATIONS.slice(2)) {
        const { method, path, body } = op.request(ctx);
        const res = await server.call(method, path, { token, body });
        expect(res.status, `${op.name}`).toBe(404);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      // A delivery id of another endpoint under one's own endpoint is not found either.
      const mixed = await server.call(
        'GET',
        `/v1/webhooks/${own.endpointId}/deliveries/${foreign.deliveryId}`,
        {
          token: tokens.companyManager,
        },
      );
      expect(mixed.status).toBe(404);
    }
    const list = async (token: string | undefined) =>
      (
        (await (await server.call('GET', '/v1/webhooks', { token })).json()) as { items: { id: string }[] }
      ).items.map((e) => e.id);
    expect(await list(tokens.companyManager)).not.toContain(foreign.endpointId);
    expect(await list(tokens.otherOrg)).toContain(foreign.endpointId);
    expect(await list(tokens.otherOrg)).not.toContain(own.endpointId);
    // The foreign endpoint is untouched.
    const still = await server.handle.db
      .selectFrom('webhook_endpoints')
      .select(['organization_id', 'description'])
      .where('id', '=', foreign.endpointId)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ organization_id: FIXTURE.otherOrgId, description: '' });
  });
});
