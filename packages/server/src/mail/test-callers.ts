import { sql } from 'kysely';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { FIXTURE, type TestServer } from '../testing/harness.js';

/** The kinds of caller every authorization matrix covers. */
export const CALLERS = [
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
export type Caller = (typeof CALLERS)[number];

/** Expected statuses in {@link CALLERS} order. */
export const row = (...statuses: number[]): Record<Caller, number> =>
  Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i] ?? 0])) as Record<Caller, number>;

/**
 * Adds a team manager holding every management right, one managing another team and an API key
 * to the fixture, and returns a bearer token per caller (`undefined`: anonymous).
 */
export async function callerTokens(server: TestServer): Promise<Record<Caller, string | undefined>> {
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
  const rights = ['agents.add', 'agents.edit', 'agents.move', 'team.settings', 'reports.run'];
  await sql`update users set rights = ${JSON.stringify(rights)}::jsonb where id = 'user_tm_right'`.execute(
    db,
  );
  await db
    .insertInto('api_keys')
    .values({
      id: 'mailkey',
      organization_id: FIXTURE.organizationId,
      user_id: FIXTURE.apiManagerId,
      key_hash: sha256('s3cret'),
    })
    .execute();
  return {
    anonymous: undefined,
    customer: await server.customer(FIXTURE.accessCode),
    agent: await server.login(FIXTURE.agentEmail),
    teamManager: await server.login(FIXTURE.teamManagerEmail),
    teamManagerWithRight: await server.login('tm-right@demo.test'),
    teamManagerOtherTeam: await server.login('tm-sales@demo.test'),
    companyManager: await server.login(FIXTURE.managerEmail),
    apiKey: `${API_KEY_PREFIX}mailkey_s3cret`,
    otherOrg: await server.login(FIXTURE.otherOrgManagerEmail),
  };
}

/** Runs every operation as every caller; returns the mismatches (status, or a non-problem error body). */
export async function runMatrix(
  server: TestServer,
  tokens: Record<Caller, string | undefined>,
  operations: readonly {
    name: string;
    request: () =>
      | Promise<{ method: string; path: string; body?: unknown }>
      | { method: string; path: string; body?: unknown };
    expected: Record<Caller, number>;
  }[],
): Promise<{ cells: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  let cells = 0;
  for (const op of operations) {
    for (const caller of CALLERS) {
      const { method, path, body } = await op.request();
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
      cells++;
    }
  }
  return { cells, mismatches };
}
