import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { FIXTURE, type TestServer } from '../testing/harness.js';

/** The callers of the people routes' authorization matrices (MC-1). */
export const CALLERS = [
  'anonymous',
  'customer',
  'agent',
  'tmNoRight',
  'tmWithRight',
  'tmOther',
  'companyManager',
  'apiKey',
  'otherOrg',
] as const;
export type Caller = (typeof CALLERS)[number];

/** Expected statuses in {@link CALLERS} order. */
export function expect9(...statuses: number[]): Record<Caller, number> {
  return Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]!])) as Record<Caller, number>;
}

export const PEOPLE = {
  eastTeamId: 'team_east',
  tmNoRightId: 'user_tm_noright',
  tmNoRightEmail: 'tm-noright@demo.test',
  tmOtherId: 'user_tm_other',
  tmOtherEmail: 'tm-other@demo.test',
  apiKey: `${API_KEY_PREFIX}peoplekey_s3cret`,
} as const;

/**
 * Adds to the fixture: the fixture's team manager (Field) gets agents.add/edit/move; a second
 * Field manager has no rights; a manager of another team (East) has every right; an API key.
 */
export async function seedPeopleCallers(server: TestServer): Promise<Record<Caller, string | undefined>> {
  const { db } = server.handle;
  const hash = (await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', FIXTURE.agentId)
    .executeTakeFirstOrThrow())!.password_hash;
  await db
    .insertInto('teams')
    .values({ id: PEOPLE.eastTeamId, organization_id: FIXTURE.organizationId, parent_id: null, name: 'East' })
    .execute();
  await db
    .insertInto('users')
    .values([
      {
        id: PEOPLE.tmNoRightId,
        organization_id: FIXTURE.organizationId,
        email: PEOPLE.tmNoRightEmail,
        password_hash: hash,
        role: 'team-manager',
        team_id: null,
        display_name: 'Field Lead Without Rights',
      },
      {
        id: PEOPLE.tmOtherId,
        organization_id: FIXTURE.organizationId,
        email: PEOPLE.tmOtherEmail,
        password_hash: hash,
        role: 'team-manager',
        team_id: null,
        display_name: 'East Lead',
        rights: JSON.stringify(['agents.add', 'agents.edit', 'agents.move']),
      },
    ])
    .execute();
  await db
    .insertInto('team_managers')
    .values([
      { user_id: PEOPLE.tmNoRightId, team_id: FIXTURE.fieldTeamId },
      { user_id: PEOPLE.tmOtherId, team_id: PEOPLE.eastTeamId },
    ])
    .execute();
  await db
    .updateTable('users')
    .set({ rights: JSON.stringify(['agents.add', 'agents.edit', 'agents.move']) })
    .where('id', '=', FIXTURE.teamManagerId)
    .execute();
  await db
    .insertInto('api_keys')
    .values({
      id: 'peoplekey',
      organization_id: FIXTURE.organizationId,
      user_id: FIXTURE.apiManagerId,
      key_hash: sha256('s3cret'),
      name: 'people matrix',
    })
    .execute();
  return {
    anonymous: undefined,
    customer: await server.customer(FIXTURE.accessCode),
    agent: await server.login(FIXTURE.agentEmail),
    tmNoRight: await server.login(PEOPLE.tmNoRightEmail),
    tmWithRight: await server.login(FIXTURE.teamManagerEmail),
    tmOther: await server.login(PEOPLE.tmOtherEmail),
    companyManager: await server.login(FIXTURE.managerEmail),
    apiKey: PEOPLE.apiKey,
    otherOrg: await server.login(FIXTURE.otherOrgManagerEmail),
  };
}

let counter = 0;
/** A fresh agent of the Heating team (under Field), for operations that change or delete it. */
export async function freshAgent(server: TestServer): Promise<string> {
  const id = `user_matrix_${++counter}_${Date.now()}`;
  await server.handle.db
    .insertInto('users')
    .values({
      id,
      organization_id: FIXTURE.organizationId,
      email: `${id}@demo.test`,
      password_hash: null,
      role: 'agent',
      team_id: FIXTURE.heatingTeamId,
      display_name: `Agent ${counter}`,
    })
    .execute();
  return id;
}

/** A unique email for creating users. */
export function uniqueEmail(prefix = 'new'): string {
  return `${prefix}-${++counter}-${Date.now()}@demo.test`;
}

/** Runs every operation × caller and returns the mismatches (also a 4xx without problem+json). */
export async function runMatrix(
  server: TestServer,
  tokens: Record<Caller, string | undefined>,
  operations: {
    name: string;
    request(): Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
    expected: Record<Caller, number>;
  }[],
): Promise<{ mismatches: string[]; cells: number }> {
  const mismatches: string[] = [];
  let cells = 0;
  for (const op of operations) {
    for (const caller of CALLERS) {
      const { method, path, body, headers } = await op.request();
      const res = await server.call(method, path, {
        token: tokens[caller],
        body,
        ...(headers ? { headers } : {}),
      });
      if (
        res.status >= 400 &&
        !(res.headers.get('content-type') ?? '').includes('application/problem+json')
      ) {
        mismatches.push(`${op.name} as ${caller}: ${res.status} without a problem document`);
      }
      const text = await res.text();
      if (res.status !== op.expected[caller]) {
        mismatches.push(
          `${op.name} as ${caller}: expected ${op.expected[caller]}, got ${res.status} ${text.slice(0, 200)}`,
        );
      }
      cells++;
    }
  }
  return { mismatches, cells };
}
