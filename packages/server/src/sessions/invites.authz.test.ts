import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, type MatrixOperation, matrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of session invitations (VS-5, VS-7): staff who may act on the session invite
 * (its team's agents while nobody holds it, the managers above it); customers, other teams' staff and
 * API keys do not; other organizations get 404.
 */
const {
  callers: CALLERS,
  row,
  runMatrix,
} = matrix([
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'salesAgent',
  'teamManager',
  'tmSales',
  'companyManager',
  'apiKey',
  'integration',
  'otherOrg',
]);
type Caller = (typeof CALLERS)[number];
type Ctx = { sessionId: string; inviteId: string };

//                                                      anon cust othC agnt agS  tm   tmS  cm   api  int  org
const OPERATIONS: MatrixOperation<Caller, Ctx>[] = [
  {
    name: 'GET …/invites',
    request: ({ sessionId }) => ({ method: 'GET', path: `/v1/sessions/${sessionId}/invites` }),
    expected: row(401, 403, 403, 200, 403, 200, 403, 200, 403, 403, 404),
  },
  {
    name: 'POST …/invites',
    request: ({ sessionId }) => ({
      method: 'POST',
      path: `/v1/sessions/${sessionId}/invites`,
      body: { expiresInMinutes: 60 },
    }),
    expected: row(401, 403, 403, 201, 403, 201, 403, 201, 403, 403, 404),
  },
  {
    name: 'DELETE …/invites/{inviteId}',
    request: ({ sessionId, inviteId }) => ({
      method: 'DELETE',
      path: `/v1/sessions/${sessionId}/invites/${inviteId}`,
    }),
    expected: row(401, 403, 403, 204, 403, 204, 403, 204, 403, 403, 404),
  },
];

forEachBackend('session invitation authorization matrix (VS-5, VS-7)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedCallers(server);
    manager = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  async function invited(): Promise<Ctx> {
    const created = await server.call('POST', '/v1/sessions', {
      token: manager,
      body: { deviceId: FIXTURE.deviceId, reason: 'matrix' },
    });
    const sessionId = ((await created.json()) as { id: string }).id;
    const invite = await server.call('POST', `/v1/sessions/${sessionId}/invites`, { token: manager });
    return { sessionId, inviteId: ((await invite.json()) as { id: string }).id };
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const { cells, mismatches } = await runMatrix(server, tokens, OPERATIONS, { setup: invited });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });
});
