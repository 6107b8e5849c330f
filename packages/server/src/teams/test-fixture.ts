import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import { FIXTURE, type TestServer } from '../testing/harness.js';

/** People and teams the team and settings tests add to the shared fixture. */
export const TEAMS = {
  salesTeamId: 'team_sales',
  /** Manages Field (and so Heating) with `team.settings` and `agents.move`. */
  tmRightsId: 'user_tm_rights',
  tmRightsEmail: 'tm-rights@demo.test',
  /** Manages Sales only, with every right. */
  tmOtherId: 'user_tm_other',
  tmOtherEmail: 'tm-other@demo.test',
  /** An agent of Sales. */
  salesAgentId: 'user_sales_agent',
  salesAgentEmail: 'sales@demo.test',
  apiKey: `${API_KEY_PREFIX}teamskey_s3cret`,
} as const;

/**
 * Adds the Sales team, two more team managers (one with rights over Field, one over Sales), a Sales
 * agent, `team.settings` for the second Heating agent, and an API key. Run after every reset.
 */
export async function seedTeamsFixture(server: TestServer): Promise<void> {
  const { db } = server.handle;
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', FIXTURE.agentId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('teams')
    .values({
      id: TEAMS.salesTeamId,
      organization_id: FIXTURE.organizationId,
      parent_id: null,
      name: 'Sales',
    })
    .execute();
  const person = (
    id: string,
    email: string,
    role: 'team-manager' | 'agent',
    teamId: string | null,
    rights: string[],
  ) => ({
    id,
    organization_id: FIXTURE.organizationId,
    email,
    password_hash,
    role,
    team_id: teamId,
    display_name: id,
    rights: JSON.stringify(rights),
  });
  await db
    .insertInto('users')
    .values([
      person(TEAMS.tmRightsId, TEAMS.tmRightsEmail, 'team-manager', null, ['team.settings', 'agents.move']),
      person(TEAMS.tmOtherId, TEAMS.tmOtherEmail, 'team-manager', null, [
        'team.settings',
        'agents.move',
        'agents.edit',
      ]),
      person(TEAMS.salesAgentId, TEAMS.salesAgentEmail, 'agent', TEAMS.salesTeamId, []),
    ])
    .execute();
  await db
    .updateTable('users')
    .set({ rights: JSON.stringify(['team.settings']) })
    .where('id', '=', FIXTURE.agent2Id)
    .execute();
  await db
    .insertInto('team_managers')
    .values([
      { user_id: TEAMS.tmRightsId, team_id: FIXTURE.fieldTeamId },
      { user_id: TEAMS.tmOtherId, team_id: TEAMS.salesTeamId },
    ])
    .execute();
  await db
    .insertInto('api_keys')
    .values({
      id: 'teamskey',
      organization_id: FIXTURE.organizationId,
      user_id: FIXTURE.apiManagerId,
      key_hash: sha256('s3cret'),
    })
    .execute();
}

/** Resets the database to the fixture plus {@link seedTeamsFixture}. */
export async function resetTeams(server: TestServer): Promise<void> {
  await server.reset();
  await seedTeamsFixture(server);
}
