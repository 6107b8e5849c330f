import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CallerTokens, matrix } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { resetTeams, seedTeamsFixture, TEAMS } from './test-fixture.js';

/**
 * Authorization matrix of the team and settings operations (MC-1, MC-3, MC-5): every operation ×
 * every kind of caller. Other organizations get 404 for ids (400 for a foreign parent in a body);
 * inside the organization, a caller without the right or outside their teams gets 403.
 */
const {
  callers: CALLERS,
  row,
  runMatrix,
} = matrix([
  'anonymous',
  'customer',
  'agent',
  'agent2',
  'teamManager',
  'tmRight',
  'tmSales',
  'companyManager',
  'apiKey',
  'otherOrg',
]);
type Caller = (typeof CALLERS)[number];

interface Operation {
  name: string;
  /** Changes data: the fixture is restored after a caller succeeded. */
  writes?: boolean;
  method: string;
  path: string;
  body?: unknown;
  expected: Record<Caller, number>;
  /** What the body names decides the refusal (the order-of-checks probe skips it). */
  bodyDecidesAccess?: boolean;
}

const HEATING = `/v1/teams/${FIXTURE.heatingTeamId}`;
const AGENT_SETTINGS = `/v1/users/${FIXTURE.agentId}/settings`;

// Heating lies below Field; the team managers without/with rights manage Field, the other one Sales;
// agent2 holds team.settings.
//                                                      anon cust agt agtR tmNo tmR tmO  cm  api org
const OPERATIONS: Operation[] = [
  {
    name: 'GET /v1/teams',
    method: 'GET',
    path: '/v1/teams',
    expected: row(401, 403, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  {
    name: 'POST /v1/teams (sub-team of Field)',
    writes: true,
    method: 'POST',
    path: '/v1/teams',
    body: { name: 'Matrix', parentId: FIXTURE.fieldTeamId },
    expected: row(401, 403, 403, 403, 403, 403, 403, 201, 201, 400),
  },
  {
    name: 'GET /v1/teams/{id}',
    method: 'GET',
    path: HEATING,
    expected: row(401, 403, 200, 200, 200, 200, 200, 200, 200, 404),
  },
  {
    name: 'PATCH /v1/teams/{id} name',
    writes: true,
    method: 'PATCH',
    path: HEATING,
    body: { name: 'Heat pumps' },
    expected: row(401, 403, 403, 403, 403, 200, 403, 200, 200, 404),
  },
  {
    name: 'PATCH /v1/teams/{id} parentId',
    writes: true,
    method: 'PATCH',
    path: HEATING,
    body: { parentId: TEAMS.salesTeamId },
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 200, 404),
    // Moving in the tree is the company manager's: the body decides.
    bodyDecidesAccess: true,
  },
  {
    name: 'PATCH /v1/teams/{id} managerIds',
    writes: true,
    method: 'PATCH',
    path: HEATING,
    body: { managerIds: [TEAMS.tmOtherId] },
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 403, 404),
    // Choosing managers is the company manager's: the body decides.
    bodyDecidesAccess: true,
  },
  {
    name: 'DELETE /v1/teams/{id}',
    writes: true,
    method: 'DELETE',
    path: HEATING,
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 200, 404),
  },
  {
    name: 'POST /v1/teams/{id}/members (Heating → Field)',
    writes: true,
    method: 'POST',
    path: `/v1/teams/${FIXTURE.fieldTeamId}/members`,
    body: { userId: FIXTURE.agentId },
    expected: row(401, 403, 403, 403, 403, 200, 403, 200, 200, 404),
  },
  {
    name: 'POST /v1/teams/{id}/members (Sales → Field)',
    writes: true,
    method: 'POST',
    path: `/v1/teams/${FIXTURE.fieldTeamId}/members`,
    body: { userId: TEAMS.salesAgentId },
    expected: row(401, 403, 403, 403, 403, 403, 403, 200, 200, 404),
    // The agent the body names decides (from a team the caller does not manage).
    bodyDecidesAccess: true,
  },
  {
    name: 'GET /v1/teams/{id}/settings',
    method: 'GET',
    path: `${HEATING}/settings`,
    expected: row(401, 403, 200, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'PUT /v1/teams/{id}/settings',
    writes: true,
    method: 'PUT',
    path: `${HEATING}/settings`,
    body: { settings: { chat: false } },
    expected: row(401, 403, 403, 200, 403, 200, 403, 200, 403, 404),
  },
  {
    name: 'GET /v1/users/{id}/settings',
    method: 'GET',
    path: AGENT_SETTINGS,
    expected: row(401, 403, 200, 200, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'PUT /v1/users/{id}/settings',
    writes: true,
    method: 'PUT',
    path: AGENT_SETTINGS,
    body: { overrides: { mirror: false } },
    expected: row(401, 403, 403, 200, 403, 200, 403, 200, 403, 404),
  },
];

/** Every id-taking route with an id of the other organization, as our company manager: 404. */
const FOREIGN_IDS: { method: string; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/v1/teams/team_foreign' },
  { method: 'PATCH', path: '/v1/teams/team_foreign', body: { name: 'Mine now' } },
  { method: 'DELETE', path: `/v1/teams/team_foreign?moveTo=${FIXTURE.fieldTeamId}` },
  { method: 'POST', path: '/v1/teams/team_foreign/members', body: { userId: FIXTURE.agentId } },
  { method: 'POST', path: `/v1/teams/${FIXTURE.fieldTeamId}/members`, body: { userId: 'user_foreign' } },
  { method: 'GET', path: '/v1/teams/team_foreign/settings' },
  { method: 'PUT', path: '/v1/teams/team_foreign/settings', body: { settings: { chat: false } } },
  { method: 'GET', path: '/v1/users/user_foreign/settings' },
  { method: 'PUT', path: '/v1/users/user_foreign/settings', body: { overrides: { chat: false } } },
];

forEachBackend('teams and settings: authorization matrix (MC-1, MC-3, MC-5)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await seedTeamsFixture(server);
  });
  afterAll(async () => server.close());

  /** A fresh customer token: one issued before a reset names an access code that no longer exists. */
  async function customerToken(): Promise<string> {
    const res = await server.call('POST', '/v1/auth/access-code', { body: { code: FIXTURE.accessCode } });
    return ((await res.json()) as { token: string }).token;
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const requests = OPERATIONS.map((op) => ({ ...op, request: () => op }));
    const { cells, mismatches } = await runMatrix(server, tokens, requests, {
      after: async (op, status) => {
        if (op.writes && status < 300) {
          await resetTeams(server);
          tokens.customer = await customerToken();
        }
      },
    });
    expect(cells).toBe(OPERATIONS.length * CALLERS.length);
    expect(mismatches).toEqual([]);
  });

  it('ids of another organization answer 404 on every id-taking route', async () => {
    const token = tokens.companyManager;
    const wrong: string[] = [];
    for (const { method, path, body } of FOREIGN_IDS) {
      const res = await server.call(method, path, { token, body });
      if (res.status !== 404) wrong.push(`${method} ${path}: ${res.status} ${await res.text()}`);
    }
    expect(wrong).toEqual([]);
    // Nothing of the other organization changed.
    const foreign = await server.handle.db
      .selectFrom('teams')
      .selectAll()
      .where('id', '=', 'team_foreign')
      .executeTakeFirstOrThrow();
    expect(foreign).toMatchObject({ name: 'Foreign', deleted_at: null, version: 1, settings_version: 1 });
  });
});
