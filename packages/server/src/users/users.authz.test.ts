import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, row, runMatrix } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { freshAgent, seedPeopleCallers, uniqueEmail } from './people-callers.js';

const csv = (email: string) =>
  `parent team,team,user id,first name,last name,password,screen name,custom field\nField,Heating,${email},Ada,Lovelace,long-enough-pw,,\n`;

//                               anon cust agent tmNo tmYes tmOth  cm  api  org
const OPERATIONS = [
  {
    name: 'GET /v1/users',
    request: async () => ({ method: 'GET', path: '/v1/users' }),
    expected: row(401, 403, 403, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'POST /v1/users (agent of Heating)',
    request: async () => ({
      method: 'POST',
      path: '/v1/users',
      body: {
        email: uniqueEmail(),
        password: 'long-enough-pw',
        role: 'agent',
        teamId: FIXTURE.heatingTeamId,
      },
    }),
    expected: row(401, 403, 403, 403, 201, 403, 201, 201, 404),
    // The team the body names decides.
    bodyDecidesAccess: true,
  },
  {
    name: 'POST /v1/users (team manager)',
    request: async () => ({
      method: 'POST',
      path: '/v1/users',
      body: { email: uniqueEmail(), password: 'long-enough-pw', role: 'team-manager', managedTeamIds: [] },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 201),
    // The role the body names decides.
    bodyDecidesAccess: true,
  },
  {
    name: 'GET /v1/users/{id}',
    request: async () => ({ method: 'GET', path: `/v1/users/${FIXTURE.agent2Id}` }),
    expected: row(401, 403, 403, 200, 200, 403, 200, 200, 404),
  },
  {
    name: 'PATCH /v1/users/{id} (names)',
    request: async () => ({
      method: 'PATCH',
      path: `/v1/users/${await freshAgent(serverRef())}`,
      body: { firstName: 'Grace' },
    }),
    expected: row(401, 403, 403, 403, 200, 403, 200, 200, 404),
  },
  {
    name: 'PATCH /v1/users/{id} (move Heating → Field)',
    request: async () => ({
      method: 'PATCH',
      path: `/v1/users/${await freshAgent(serverRef())}`,
      body: { teamId: FIXTURE.fieldTeamId },
    }),
    expected: row(401, 403, 403, 403, 200, 403, 200, 200, 404),
  },
  {
    name: 'PATCH /v1/users/{id} (grant a right)',
    request: async () => ({
      method: 'PATCH',
      path: `/v1/users/${await freshAgent(serverRef())}`,
      body: { rights: ['reports.run'] },
    }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
    // Granting rights is the company manager's: the body decides.
    bodyDecidesAccess: true,
  },
  {
    name: 'DELETE /v1/users/{id}',
    request: async () => ({ method: 'DELETE', path: `/v1/users/${await freshAgent(serverRef())}` }),
    expected: row(401, 403, 403, 403, 204, 403, 204, 204, 404),
  },
  {
    name: 'POST /v1/users/import',
    request: async () => ({
      method: 'POST',
      path: '/v1/users/import',
      body: csv(uniqueEmail('csv')),
      headers: { 'content-type': 'text/csv' },
    }),
    // The other organization has no "Field" team: the file creates it there (names are per organization).
    expected: row(401, 403, 403, 403, 201, 422, 201, 201, 201),
  },
  {
    name: 'PATCH /v1/me (language)',
    request: async () => ({ method: 'PATCH', path: '/v1/me', body: { language: 'de' } }),
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
];

let current: TestServer | undefined;
const serverRef = () => current!;

forEachBackend('users: authorization matrix (MC-1, MC-2, MC-4)', (backend) => {
  let tokens: CallerTokens;
  beforeAll(async () => {
    current = await createTestServer(backend);
    tokens = await seedPeopleCallers(current);
  });
  afterAll(async () => current?.close());

  it(`${OPERATIONS.length} operations × 9 callers: 0 mismatches`, async () => {
    const { mismatches, cells } = await runMatrix(serverRef(), tokens, OPERATIONS);
    expect(mismatches).toEqual([]);
    expect(cells).toBe(OPERATIONS.length * 9);
  });

  it('ids of another organization answer 404 on every id-taking route', async () => {
    const server = serverRef();
    const foreign = 'user_foreign';
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { firstName: 'X' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await server.call(method, `/v1/users/${foreign}`, { token: tokens.companyManager, body });
      expect(res.status, `${method} /v1/users/{foreign}`).toBe(404);
    }
    const own = await server.call('GET', `/v1/users/${FIXTURE.agentId}`, { token: tokens.otherOrg });
    expect(own.status).toBe(404);
  });
});
