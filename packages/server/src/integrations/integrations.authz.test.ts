import { afterAll, beforeAll, expect, it } from 'vitest';
import { completedSession } from '../summaries/testing/flow.js';
import {
  type CallerTokens,
  INTEGRATION_CALLERS,
  type MatrixOperation,
  matrix,
  seedCallers,
} from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of integration tokens (SI-12): the token operations for every caller, and
 * what each kind of integration token may do with sessions and summaries. `integration` holds every
 * scope, `integrationRead` only `summaries:read`, `integrationElsewhere` read scopes limited to a
 * portal the session is not in. Another organization's manager gets 404 for this organization's ids.
 */
const { row, runMatrix, callers } = matrix(INTEGRATION_CALLERS);
type Caller = (typeof callers)[number];
interface Ctx {
  sessionId: string;
  summaryId: string;
  etag: string;
  tokenId: string;
}
type Operation = MatrixOperation<Caller, Ctx>;

//                                 anon cust agnt tm-  tm+  tmO  cm   api  org  int  intR intE
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/integrations/tokens',
    request: () => ({ method: 'GET', path: '/v1/integrations/tokens' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403),
  },
  {
    name: 'POST /v1/integrations/tokens',
    request: () => ({
      method: 'POST',
      path: '/v1/integrations/tokens',
      body: { name: 'CRM', scopes: ['summaries:read'] },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 201, 403, 403, 403),
  },
  {
    name: 'POST /v1/integrations/tokens limited to this organization’s portal',
    request: () => ({
      method: 'POST',
      path: '/v1/integrations/tokens',
      body: { name: 'CRM', scopes: ['summaries:read'], portalIds: [FIXTURE.portalId] },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 400, 403, 403, 403),
  },
  {
    name: 'DELETE /v1/integrations/tokens/{id}',
    request: (ctx) => ({ method: 'DELETE', path: `/v1/integrations/tokens/${ctx.tokenId}` }),
    expected: row(401, 403, 403, 403, 403, 403, 204, 403, 404, 403, 403, 403),
  },
  {
    name: 'GET /v1/me',
    request: () => ({ method: 'GET', path: '/v1/me' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'POST /v1/integrations/tokens/exchange',
    request: (ctx) => ({
      method: 'POST',
      path: '/v1/integrations/tokens/exchange',
      body: { sessionId: ctx.sessionId },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 404),
    // The token's reach over the session the body names decides (404 elsewhere).
    bodyDecidesAccess: true,
  },
  {
    name: 'GET /v1/summaries/{id}',
    request: (ctx) => ({ method: 'GET', path: `/v1/summaries/${ctx.summaryId}` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404, 200, 200, 403),
  },
  {
    name: 'GET /v1/summaries/{id}/export',
    request: (ctx) => ({ method: 'GET', path: `/v1/summaries/${ctx.summaryId}/export?format=json` }),
    expected: row(401, 403, 403, 200, 200, 403, 200, 403, 404, 200, 200, 403),
  },
  {
    name: 'PATCH /v1/summaries/{id}',
    request: (ctx) => ({
      method: 'PATCH',
      path: `/v1/summaries/${ctx.summaryId}`,
      headers: { 'if-match': ctx.etag },
      body: { title: 'Edited in the matrix' },
    }),
    expected: row(401, 403, 403, 200, 200, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'DELETE /v1/summaries/{id}',
    request: (ctx) => ({ method: 'DELETE', path: `/v1/summaries/${ctx.summaryId}` }),
    expected: row(401, 403, 403, 403, 403, 403, 204, 403, 404, 403, 403, 403),
  },
  {
    name: 'GET /v1/sessions/{id}/summary',
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}/summary` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404, 200, 200, 403),
  },
  {
    name: 'GET /v1/sessions/{id}',
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}` }),
    expected: row(401, 200, 200, 200, 200, 403, 200, 403, 404, 200, 403, 403),
  },
  {
    name: 'GET /v1/sessions',
    request: () => ({ method: 'GET', path: '/v1/sessions' }),
    expected: row(401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'POST /v1/sessions/{id}/reopen',
    request: (ctx) => ({ method: 'POST', path: `/v1/sessions/${ctx.sessionId}/reopen` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404, 403, 403, 403),
  },
  {
    name: 'GET /v1/users',
    request: () => ({ method: 'GET', path: '/v1/users' }),
    expected: row(401, 403, 403, 200, 200, 200, 200, 200, 200, 403, 403, 403),
  },
];

forEachBackend('Integration tokens: authorization matrix and organizations (SI-12)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let sessionId: string;
  let summaryId: string;
  let version = 0;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server, { tmRight: ['agents.edit'], tmSales: ['agents.edit'] });
    sessionId = await completedSession(server, {
      customer: tokens.customer as string,
      agent: tokens.agent as string,
    });
    await server.runSummaryJobs();
    const made = await server.handle.db
      .selectFrom('summaries')
      .select(['id', 'version'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    summaryId = made.id;
    version = made.version;
  });
  afterAll(async () => server.close());

  /** Every cell starts from the summary as made, the session completed and a fresh token to revoke. */
  async function fresh(): Promise<Ctx> {
    const { db } = server.handle;
    await db
      .updateTable('summaries')
      .set({ deleted_at: null, deleted_by: null, edited_by: null, edited_by_integration: null, version })
      .where('id', '=', summaryId)
      .execute();
    await db.updateTable('sessions').set({ status: 'completed' }).where('id', '=', sessionId).execute();
    const res = await server.call('POST', '/v1/integrations/tokens', {
      token: tokens.companyManager,
      body: { name: 'to revoke', scopes: ['summaries:read'] },
    });
    const { id } = (await res.json()) as { id: string };
    return { sessionId, summaryId, etag: `"${version}"`, tokenId: id };
  }

  it(`${OPERATIONS.length} operations × ${INTEGRATION_CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, { setup: fresh });
    expect(cells).toBe(OPERATIONS.length * INTEGRATION_CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization’s tokens are invisible: its list holds none of ours, and ours none of theirs', async () => {
    const mine = (await (
      await server.call('GET', '/v1/integrations/tokens', { token: tokens.companyManager })
    ).json()) as { items: { id: string }[] };
    const theirs = (await (
      await server.call('GET', '/v1/integrations/tokens', { token: tokens.otherOrg })
    ).json()) as { items: { id: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    const overlap = theirs.items.filter((t) => mine.items.some((m) => m.id === t.id));
    expect(overlap).toEqual([]);
    // A token of the other organization reads none of this organization's summaries.
    const created = (await (
      await server.call('POST', '/v1/integrations/tokens', {
        token: tokens.otherOrg,
        body: { name: 'Their CRM', scopes: ['summaries:write', 'sessions:read'] },
      })
    ).json()) as { token: string };
    expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: created.token })).status).toBe(
      404,
    );
    expect((await server.call('GET', `/v1/sessions/${sessionId}`, { token: created.token })).status).toBe(
      404,
    );
    const list = (await (await server.call('GET', '/v1/summaries', { token: created.token })).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    const exchange = await server.call('POST', '/v1/integrations/tokens/exchange', {
      token: created.token,
      body: { sessionId },
    });
    expect(exchange.status).toBe(404);
  });
});
