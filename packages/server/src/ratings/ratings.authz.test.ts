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
 * Authorization matrix of session ratings (MC-15) on a session of the fixture's device (team
 * Heating) held by the agent: after its call the customer and the agent rate; the managers of Field
 * above Heating and the company manager see the ratings but give none (403); the manager of Sales
 * and the API key do not see the session (403); another organization gets 404. Each cell rates a
 * fresh session, so "once per rater" never hides a status.
 */
type Operation = MatrixOperation<Caller, { sessionId: string }>;

//                                             anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: (Operation & { afterCall: boolean })[] = [
  {
    name: 'GET /v1/sessions/{id}/ratings',
    afterCall: true,
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}/ratings` }),
    expected: row(401, 200, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST /v1/sessions/{id}/ratings (after the call)',
    afterCall: true,
    request: (ctx) => ({
      method: 'POST',
      path: `/v1/sessions/${ctx.sessionId}/ratings`,
      body: { score: 4, comment: 'Quick and friendly.' },
    }),
    expected: row(401, 201, 201, 403, 403, 403, 403, 403, 404),
  },
  {
    name: 'POST /v1/sessions/{id}/ratings (during the call)',
    afterCall: false,
    request: (ctx) => ({
      method: 'POST',
      path: `/v1/sessions/${ctx.sessionId}/ratings`,
      body: { score: 4 },
    }),
    expected: row(401, 409, 409, 403, 403, 403, 403, 403, 404),
  },
];

forEachBackend('Ratings authorization matrix and organizations (MC-15)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  /** A session the agent holds, in a call; ended when `afterCall`. */
  async function session(afterCall: boolean): Promise<string> {
    const created = await server.call('POST', '/v1/sessions', {
      token: tokens.agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'Boiler shows E42' },
    });
    const id = ((await created.json()) as { id: string }).id;
    const started = await server.call('POST', `/v1/sessions/${id}/calls`, { token: tokens.agent });
    const callId = ((await started.json()) as { call: { id: string } }).call.id;
    if (afterCall) {
      const ended = await server.call('POST', `/v1/sessions/${id}/calls/${callId}/end`, {
        token: tokens.agent,
      });
      expect(ended.status).toBe(200);
    }
    return id;
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: async (op) => ({ sessionId: await session(op.afterCall) }),
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization naming this session: 404, nothing stored, no event, nothing listed', async () => {
    const id = await session(true);
    expect(
      (
        await server.call('POST', `/v1/sessions/${id}/ratings`, {
          token: tokens.customer,
          body: { score: 5 },
        })
      ).status,
    ).toBe(201);
    const { db } = server.handle;
    const before = {
      ratings: (await db.selectFrom('session_ratings').select('id').execute()).length,
      outbox: (await db.selectFrom('outbox').select('id').where('type', '=', 'rating.created').execute())
        .length,
    };
    const foreignCustomer = await server.customer(FIXTURE.otherOrgAccessCode);
    for (const token of [tokens.otherOrg, foreignCustomer]) {
      const posted = await server.call('POST', `/v1/sessions/${id}/ratings`, {
        token,
        body: { score: 1, comment: 'Taken over' },
      });
      expect(posted.status).toBe(404);
      expect(posted.headers.get('content-type')).toContain('application/problem+json');
      const listed = await server.call('GET', `/v1/sessions/${id}/ratings`, { token });
      expect(listed.status).toBe(404);
      expect(await listed.text()).not.toContain('Boiler');
    }
    expect((await db.selectFrom('session_ratings').select('id').execute()).length).toBe(before.ratings);
    expect(
      (await db.selectFrom('outbox').select('id').where('type', '=', 'rating.created').execute()).length,
    ).toBe(before.outbox);
    // The customer of another device of the same organization neither reads nor rates here.
    const neighbour = await Promise.all([
      server.call('GET', `/v1/sessions/${id}/ratings`, { token: tokens.otherCustomer }),
      server.call('POST', `/v1/sessions/${id}/ratings`, { token: tokens.otherCustomer, body: { score: 2 } }),
    ]);
    expect(neighbour.map((r) => r.status)).toEqual([403, 403]);
    expect((await db.selectFrom('session_ratings').select('id').execute()).length).toBe(before.ratings);
  });
});
