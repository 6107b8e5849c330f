import { CALLER_FIXTURE, type CallerTokens, seedCallers } from '../testing/callers.js';
import { FIXTURE, type TestServer } from '../testing/harness.js';

/** People and teams the team and settings tests add to the shared fixture. */
export const TEAMS = {
  salesTeamId: CALLER_FIXTURE.salesTeamId,
  /** Manages Field (and so Heating) with `team.settings` and `agents.move`. */
  tmRightsId: CALLER_FIXTURE.tmRightId,
  tmRightsEmail: CALLER_FIXTURE.tmRightEmail,
  /** Manages Sales only, with every right. */
  tmOtherId: CALLER_FIXTURE.tmSalesId,
  tmOtherEmail: CALLER_FIXTURE.tmSalesEmail,
  /** An agent of Sales. */
  salesAgentId: CALLER_FIXTURE.salesAgentId,
  salesAgentEmail: CALLER_FIXTURE.salesAgentEmail,
  apiKey: CALLER_FIXTURE.apiKey,
} as const;

/**
 * Adds the Sales team, two more team managers (one with rights over Field, one over Sales), a Sales
 * agent, `team.settings` for the second Heating agent, and an API key. Run after every reset.
 * Returns every caller's token.
 */
export async function seedTeamsFixture(server: TestServer): Promise<CallerTokens> {
  const tokens = await seedCallers(server, {
    tmRight: ['team.settings', 'agents.move'],
    tmSales: ['team.settings', 'agents.move', 'agents.edit'],
  });
  await server.handle.db
    .updateTable('users')
    .set({ rights: JSON.stringify(['team.settings']) })
    .where('id', '=', FIXTURE.agent2Id)
    .execute();
  return tokens;
}

/** Resets the database to the fixture plus {@link seedTeamsFixture}. */
export async function resetTeams(server: TestServer): Promise<void> {
  await server.reset();
  await seedTeamsFixture(server);
}
