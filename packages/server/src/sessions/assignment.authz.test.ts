import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of assign and claim (VS-3, VS-7): managers above the session assign (no
 * granted right needed — it is their team's work); agents of a responsible team claim what nobody
 * holds; customers and API keys do neither; other organizations get 404.
 */
const CALLERS = [
  'anonymous',
  'customer',
  'otherCustomer',
  'agent',
  'agentOtherTeam',
  'tmWithoutRight',
  'tmWithRight',
  'tmOtherTeam',
  'companyManager',
  'apiKey',
  'otherOrg',
] as const;
type Caller = (typeof CALLERS)[number];

interface Operation {
  name: string;
  /** Who holds the session before the call. */
  heldBy: string[];
  request(sessionId: string): { method: string; path: string; body?: unknown };
  expected: Record<Caller, number>;
}

const row = (...statuses: number[]): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]])) as Record<Caller, number>;

//                                                   anon cust othC agnt agO  tm-  tm+  tmO  cm   api  org
const OPERATIONS: Operation[] = [
  {
    name: 'POST …/assign (unassigned request)',
    heldBy: [],
    request: (id) => ({
      method: 'POST',
      path: `/v1/sessions/${id}/assign`,
      body: { userId: FIXTURE.agent2Id },
    }),
    expected: row(401, 403, 403, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST …/assign (held by the agent)',
    heldBy: [FIXTURE.agentId],
    request: (id) => ({
      method: 'POST',
      path: `/v1/sessions/${id}/assign`,
      body: { userId: FIXTURE.agent2Id },
    }),
    expected: row(401, 403, 403, 403, 403, 200, 200, 403, 200, 403, 404),
  },
  {
    name: 'POST …/claim (unassigned request)',
    heldBy: [],
    request: (id) => ({ method: 'POST', path: `/v1/sessions/${id}/claim` }),
    expected: row(401, 403, 403, 200, 403, 403, 403, 403, 403, 403, 404),
  },
  {
    name: 'POST …/claim (held by another agent)',
    heldBy: [FIXTURE.agent2Id],
    request: (id) => ({ method: 'POST', path: `/v1/sessions/${id}/claim` }),
    expected: row(401, 403, 403, 409, 403, 403, 403, 403, 403, 403, 404),
  },
];

forEachBackend('assignment authorization matrix (VS-3, VS-7)', (backend) => {
  let server: TestServer;
  const tokens = {} as Record<Caller, string | undefined>;
  beforeAll(async () => {
    server = await createTestServer(backend);
    const { db } = server.handle;
    await db
      .insertInto('teams')
      .values({ id: 'team_sales', organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
      .execute();
    const { password_hash } = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', FIXTURE.managerId)
      .executeTakeFirstOrThrow();
    const user = (
      id: string,
      role: 'agent' | 'team-manager',
      teamId: string | null,
      rights: string[] = [],
    ) => ({
      id,
      organization_id: FIXTURE.organizationId,
      email: `${id}@demo.test`,
      password_hash,
      role,
      team_id: teamId,
      display_name: id,
      rights: JSON.stringify(rights),
    });
    await db
      .insertInto('users')
      .values([
        user('sales_agent', 'agent', 'team_sales'),
        user('tm_right', 'team-manager', null, ['agents.edit', 'agents.move']),
        user('tm_sales', 'team-manager', null, ['agents.edit']),
      ])
      .execute();
    await db
      .insertInto('team_managers')
      .values([
        { user_id: 'tm_right', team_id: FIXTURE.fieldTeamId },
        { user_id: 'tm_sales', team_id: 'team_sales' },
      ])
      .execute();
    await db
      .insertInto('api_keys')
      .values({
        id: 'asgkey',
        organization_id: FIXTURE.organizationId,
        user_id: FIXTURE.apiManagerId,
        key_hash: sha256('s3cret'),
      })
      .execute();
    tokens.anonymous = undefined;
    tokens.customer = await server.customer(FIXTURE.accessCode);
    tokens.otherCustomer = await server.customer(FIXTURE.otherAccessCode);
    tokens.agent = await server.login(FIXTURE.agentEmail);
    tokens.agentOtherTeam = await server.login('sales_agent@demo.test');
    tokens.tmWithoutRight = await server.login(FIXTURE.teamManagerEmail);
    tokens.tmWithRight = await server.login('tm_right@demo.test');
    tokens.tmOtherTeam = await server.login('tm_sales@demo.test');
    tokens.companyManager = await server.login(FIXTURE.managerEmail);
    tokens.apiKey = `${API_KEY_PREFIX}asgkey_s3cret`;
    tokens.otherOrg = await server.login(FIXTURE.otherOrgManagerEmail);
  });
  afterAll(async () => server.close());

  async function requested(heldBy: string[]): Promise<string> {
    const id = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify(heldBy),
        status: 'requested',
        reason: 'matrix',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
    return id;
  }

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const mismatches: string[] = [];
    for (const op of OPERATIONS) {
      for (const caller of CALLERS) {
        const { method, path, body } = op.request(await requested(op.heldBy));
        const res = await server.call(method, path, { token: tokens[caller], body });
        if (
          res.status >= 400 &&
          !(res.headers.get('content-type') ?? '').includes('application/problem+json')
        ) {
          mismatches.push(`${op.name} as ${caller}: ${res.status} without a problem document`);
        }
        await res.body?.cancel();
        if (res.status !== op.expected[caller]) {
          mismatches.push(`${op.name} as ${caller}: expected ${op.expected[caller]}, got ${res.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
