import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, row, runMatrix } from '../testing/callers.js';
import { createTestServer, forEachBackend, type TestServer } from '../testing/harness.js';
import { seedPeopleCallers } from '../users/people-callers.js';

let server: TestServer;
let cmToken: string;

/** A fresh key of the demo organization, created by its company manager. */
async function freshKey(): Promise<string> {
  const res = await server.call('POST', '/v1/api-keys', { token: cmToken, body: { name: 'matrix' } });
  return ((await res.json()) as { id: string }).id;
}

//                               anon cust agent tmNo tmYes tmOth  cm  api  org
const OPERATIONS = [
  {
    name: 'GET /v1/api-keys',
    request: async () => ({ method: 'GET', path: '/v1/api-keys' }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 200),
  },
  {
    name: 'POST /v1/api-keys',
    request: async () => ({ method: 'POST', path: '/v1/api-keys', body: { name: 'matrix' } }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 201),
  },
  {
    name: 'DELETE /v1/api-keys/{id}',
    request: async () => ({ method: 'DELETE', path: `/v1/api-keys/${await freshKey()}` }),
    expected: row(401, 403, 403, 403, 403, 403, 204, 403, 404),
  },
];

forEachBackend('API keys: authorization matrix (MC-1)', (backend) => {
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedPeopleCallers(server);
    cmToken = tokens.companyManager!;
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × 9 callers: 0 mismatches`, async () => {
    const { mismatches, cells } = await runMatrix(server, tokens, OPERATIONS);
    expect(mismatches).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * 9);
  });
});
