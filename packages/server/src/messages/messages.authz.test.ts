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
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of chat and staff notes (VS-15) on a confirmed session of the fixture's
 * device (team Heating): its customer, the agent, the managers of Field above Heating and the
 * company manager may chat; notes are staff only; the manager of Sales does not see the session
 * (403); another organization gets 404.
 */
type Operation = MatrixOperation<Caller, { sessionId: string }>;

let counter = 0;
const nextId = () => `m${++counter}`;

//                                             anon cust agnt tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/sessions/{id}/messages',
    request: (ctx) => ({ method: 'GET', path: `/v1/sessions/${ctx.sessionId}/messages` }),
    expected: row(401, 200, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST /v1/sessions/{id}/messages (chat)',
    request: (ctx) => ({
      method: 'POST',
      path: `/v1/sessions/${ctx.sessionId}/messages`,
      body: { id: nextId(), kind: 'chat', text: 'Is the light green now?' },
    }),
    expected: row(401, 201, 201, 201, 201, 403, 201, 403, 404),
  },
  {
    name: 'POST /v1/sessions/{id}/messages (note)',
    request: (ctx) => ({
      method: 'POST',
      path: `/v1/sessions/${ctx.sessionId}/messages`,
      body: { id: nextId(), kind: 'note', text: 'Check the cable next time.' },
    }),
    expected: row(401, 403, 201, 201, 201, 403, 201, 403, 404),
    // A customer may chat but not write notes: the body's kind decides.
    bodyDecidesAccess: true,
  },
];

forEachBackend('Messages authorization matrix and organizations (VS-15)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let sessionId: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
    const created = await server.call('POST', '/v1/sessions', {
      token: tokens.customer,
      body: { reason: 'Boiler shows E42' },
    });
    sessionId = ((await created.json()) as { id: string }).id;
    const confirmed = await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: tokens.agent });
    expect(confirmed.status).toBe(200);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, {
      setup: () => ({ sessionId }),
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('another organization naming this session: 404, nothing stored, no event, nothing listed', async () => {
    const { db } = server.handle;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('session_messages')
            .select(({ fn }) => fn.countAll().as('n'))
            .where('session_id', '=', sessionId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      messages: await count(),
      outbox: (await db.selectFrom('outbox').select('id').execute()).length,
    };
    for (const kind of ['chat', 'note']) {
      const res = await server.call('POST', `/v1/sessions/${sessionId}/messages`, {
        token: tokens.otherOrg,
        body: { id: `foreign-${kind}`, kind, text: 'Taken over' },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await count()).toBe(before.messages);
    expect(await db.selectFrom('outbox').select('id').execute()).toHaveLength(before.outbox);
    // The customer of another device of the same organization neither reads nor writes here.
    const neighbour = await Promise.all([
      server.call('GET', `/v1/sessions/${sessionId}/messages`, { token: tokens.otherCustomer }),
      server.call('POST', `/v1/sessions/${sessionId}/messages`, {
        token: tokens.otherCustomer,
        body: { id: 'neighbour', text: 'Hello?' },
      }),
    ]);
    expect(neighbour.map((r) => r.status)).toEqual([403, 403]);
    expect(await count()).toBe(before.messages);
  });

  it('a message id used in one session is free in another (ids are per session)', async () => {
    const other = await server.call('POST', '/v1/sessions', {
      token: tokens.customer,
      body: { reason: 'Second request' },
    });
    const otherId = ((await other.json()) as { id: string }).id;
    await server.call('POST', `/v1/sessions/${otherId}/confirm`, { token: tokens.agent });
    const body = { id: 'shared-id', text: 'Same id, other session' };
    const first = await server.call('POST', `/v1/sessions/${sessionId}/messages`, {
      token: tokens.agent,
      body,
    });
    const second = await server.call('POST', `/v1/sessions/${otherId}/messages`, {
      token: tokens.agent,
      body,
    });
    expect([first.status, second.status]).toEqual([201, 201]);
  });
});
