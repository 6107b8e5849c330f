import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, row, runMatrix } from '../testing/callers.js';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';
import { seedPeopleCallers, uniqueEmail } from '../users/people-callers.js';

const BOOTSTRAP = 'bootstrap-token-for-tests-0123456789';

//                               anon cust agent tmNo tmYes tmOth  cm  api  org
const OPERATIONS = [
  {
    name: 'GET /v1/organization',
    request: async () => ({ method: 'GET', path: '/v1/organization' }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'PATCH /v1/organization',
    request: async () => ({ method: 'PATCH', path: '/v1/organization', body: { timeZone: 'Europe/Berlin' } }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    // A user token is not the bootstrap token, whoever holds it.
    name: 'POST /v1/organizations',
    request: async () => ({
      method: 'POST',
      path: '/v1/organizations',
      body: {
        name: 'New Co',
        plan: 'business',
        manager: { email: uniqueEmail('boss'), password: 'long-enough-pw' },
      },
    }),
    expected: row(401, 401, 401, 401, 401, 401, 401, 401, 401),
  },
  {
    name: 'PATCH /v1/organizations/{id}',
    request: async () => ({ method: 'PATCH', path: '/v1/organizations/org_demo', body: { plan: 'tensor' } }),
    expected: row(401, 401, 401, 401, 401, 401, 401, 401, 401),
  },
];

forEachBackend('organizations: authorization matrix (MC-1)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend, { bootstrapToken: BOOTSTRAP, authAttemptsPerMinute: 10_000 });
    tokens = await seedPeopleCallers(server);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × 9 callers: 0 mismatches`, async () => {
    const { mismatches, cells } = await runMatrix(server, tokens, OPERATIONS);
    expect(mismatches).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * 9);
  });

  it('the operator reaches any organization by id; an unknown id is 404', async () => {
    const auth = { authorization: `Bearer ${BOOTSTRAP}` };
    expect((await server.call('GET', '/v1/organizations/org_other', { headers: auth })).status).toBe(200);
    expect((await server.call('GET', '/v1/organizations/org_nope', { headers: auth })).status).toBe(404);
  });
});
