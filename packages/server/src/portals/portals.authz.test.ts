import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Authorization matrix of the portal operations (MC-1, MC-6): staff of the organization read
 * portals; only company managers create or change them and their feature modes — a team manager
 * holding the right to change team settings still may not. Other organizations' portals answer 404.
 */
const CALLERS = [
  'anonymous',
  'customer',
  'agent',
  'teamManager',
  'teamManagerWithRight',
  'teamManagerOtherTeam',
  'companyManager',
  'apiKey',
  'otherOrg',
] as const;
type Caller = (typeof CALLERS)[number];

const row = (...s: number[]) =>
  Object.fromEntries(CALLERS.map((c, i) => [c, s[i]!])) as Record<Caller, number>;
let seq = 0;

const OPERATIONS: {
  name: string;
  method: string;
  path: string;
  body?: () => unknown;
  expected: Record<Caller, number>;
}[] = [
  //                                                       anon cust agent  tm  tmR  tmO   cm  api  org
  {
    name: 'GET /v1/portals',
    method: 'GET',
    path: '/v1/portals',
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 200),
  },
  {
    name: 'POST /v1/portals',
    method: 'POST',
    path: '/v1/portals',
    body: () => ({ name: `Matrix ${++seq}` }),
    expected: row(401, 403, 403, 403, 403, 403, 201, 403, 201),
  },
  {
    name: 'GET /v1/portals/{id}',
    method: 'GET',
    path: `/v1/portals/${FIXTURE.portalId}`,
    expected: row(401, 403, 200, 200, 200, 200, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/portals/{id} (name)',
    method: 'PATCH',
    path: `/v1/portals/${FIXTURE.portalId}`,
    body: () => ({ name: `Service ${++seq}` }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
  },
  {
    name: 'PATCH /v1/portals/{id} (features)',
    method: 'PATCH',
    path: `/v1/portals/${FIXTURE.portalId}`,
    body: () => ({ features: { screenshots: seq++ % 2 ? 'on' : 'required' } }),
    expected: row(401, 403, 403, 403, 403, 403, 200, 403, 404),
  },
];

forEachBackend('portal authorization matrix (MC-1, MC-6)', (backend) => {
  let server: TestServer;
  const tokens = {} as Record<Caller, string | undefined>;
  beforeAll(async () => {
    server = await createTestServer(backend);
    const { db } = server.handle;
    const { password_hash } = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', FIXTURE.agentId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('teams')
      .values({ id: 'team_sales', organization_id: FIXTURE.organizationId, parent_id: null, name: 'Sales' })
      .execute();
    const tm = (id: string, email: string) => ({
      id,
      organization_id: FIXTURE.organizationId,
      email,
      password_hash,
      role: 'team-manager' as const,
      team_id: null,
      display_name: id,
    });
    await db
      .insertInto('users')
      .values([tm('user_tm_right', 'tm-right@demo.test'), tm('user_tm_sales', 'tm-sales@demo.test')])
      .execute();
    await db
      .insertInto('team_managers')
      .values([
        { user_id: 'user_tm_right', team_id: FIXTURE.fieldTeamId },
        { user_id: 'user_tm_sales', team_id: 'team_sales' },
      ])
      .execute();
    // Every management right, including changing team settings: still not the portal's features.
    await sql`update users set rights = ${JSON.stringify(['agents.add', 'agents.edit', 'agents.move', 'team.settings', 'reports.run'])}::jsonb
      where id = 'user_tm_right'`.execute(db);
    await db
      .insertInto('api_keys')
      .values({
        id: 'portalkey',
        organization_id: FIXTURE.organizationId,
        user_id: FIXTURE.apiManagerId,
        key_hash: sha256('s3cret'),
      })
      .execute();
    tokens.anonymous = undefined;
    tokens.customer = await server.customer(FIXTURE.accessCode);
    tokens.agent = await server.login(FIXTURE.agentEmail);
    tokens.teamManager = await server.login(FIXTURE.teamManagerEmail);
    tokens.teamManagerWithRight = await server.login('tm-right@demo.test');
    tokens.teamManagerOtherTeam = await server.login('tm-sales@demo.test');
    tokens.companyManager = await server.login(FIXTURE.managerEmail);
    tokens.apiKey = `${API_KEY_PREFIX}portalkey_s3cret`;
    tokens.otherOrg = await server.login(FIXTURE.otherOrgManagerEmail);
  });
  afterAll(async () => server.close());

  it(`${OPERATIONS.length} operations × ${CALLERS.length} callers: 0 mismatches`, async () => {
    const mismatches: string[] = [];
    for (const op of OPERATIONS) {
      for (const caller of CALLERS) {
        const res = await server.call(op.method, op.path, { token: tokens[caller], body: op.body?.() });
        if (
          res.status >= 400 &&
          !(res.headers.get('content-type') ?? '').includes('application/problem+json')
        )
          mismatches.push(`${op.name} as ${caller}: ${res.status} without a problem document`);
        await res.body?.cancel();
        if (res.status !== op.expected[caller])
          mismatches.push(`${op.name} as ${caller}: expected ${op.expected[caller]}, got ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers 404 for another organization’s portal on every id-taking route, both ways', async () => {
    const swaps = [
      [tokens.companyManager, 'portal_foreign'],
      [tokens.agent, 'portal_foreign'],
      [tokens.otherOrg, FIXTURE.portalId],
      [tokens.otherOrg, FIXTURE.closedPortalId],
    ] as const;
    for (const [token, id] of swaps) {
      expect((await server.call('GET', `/v1/portals/${id}`, { token })).status).toBe(404);
      const res = await server.call('PATCH', `/v1/portals/${id}`, {
        token,
        body: { features: { chat: 'off' } },
      });
      expect(res.status).toBe(404);
    }
    const foreign = await server.handle.db
      .selectFrom('portals')
      .select('features')
      .where('id', '=', 'portal_foreign')
      .executeTakeFirstOrThrow();
    expect(foreign.features.chat).toBe('on');
  });
});
