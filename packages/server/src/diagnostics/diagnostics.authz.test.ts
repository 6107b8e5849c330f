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
import { REPORT } from './sample-report.js';

/**
 * Authorization matrix of call diagnostics (MC-10) on a running call of the fixture's device (team
 * Heating, held by the demo agent): the call's participants report (its customer, the agent, the
 * managers above Heating, the company manager); staff who see the session read; the manager of
 * Sales neither; another organization gets 404.
 */
type Operation = MatrixOperation<Caller, { sessionId: string; callId: string }>;

//                                               anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'POST /v1/sessions/{id}/calls/{callId}/diagnostics',
    request: (ctx) => ({
      method: 'POST',
      path: `/v1/sessions/${ctx.sessionId}/calls/${ctx.callId}/diagnostics`,
      body: REPORT,
    }),
    expected: row(401, 201, 201, 201, 201, 403, 201, 403, 404),
  },
  {
    name: 'GET /v1/sessions/{id}/diagnostics',
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}/diagnostics` }),
    expected: row(401, 403, 200, 200, 200, 403, 200, 403, 404),
  },
];

forEachBackend('Call diagnostics authorization matrix and organizations (MC-10)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let ctx: { sessionId: string; callId: string };
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
    const created = await server.call('POST', '/v1/sessions', {
      token: tokens.customer,
      body: { reason: 'Boiler shows E42' },
    });
    const sessionId = ((await created.json()) as { id: string }).id;
    expect(
      (await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: tokens.agent })).status,
    ).toBe(200);
    const call = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: tokens.agent });
    ctx = { sessionId, callId: ((await call.json()) as { call: { id: string } }).call.id };
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      // Each reporting caller is a new participant: a first report, 201.
      setup: () => ctx,
      after: async () => {
        await server.handle.db.deleteFrom('call_diagnostics').execute();
      },
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization naming this call: 404, nothing stored, nothing read', async () => {
    const { db } = server.handle;
    await server.call('POST', `/v1/sessions/${ctx.sessionId}/calls/${ctx.callId}/diagnostics`, {
      token: tokens.customer,
      body: REPORT,
    });
    const foreignCustomer = await server.customer(FIXTURE.otherOrgAccessCode);
    for (const token of [tokens.otherOrg, foreignCustomer]) {
      const posted = await server.call(
        'POST',
        `/v1/sessions/${ctx.sessionId}/calls/${ctx.callId}/diagnostics`,
        {
          token,
          body: { ...REPORT, samples: 99 },
        },
      );
      expect(posted.status).toBe(404);
      const read = await server.call('GET', `/v1/sessions/${ctx.sessionId}/diagnostics`, { token });
      expect(read.status).toBe(404);
      expect(await read.text()).not.toContain('1250000');
    }
    const stored = await db.selectFrom('call_diagnostics').select(['role', 'summary']).execute();
    expect(stored.map((r) => [r.role, r.summary.samples])).toEqual([['customer', REPORT.samples]]);
  });
});
