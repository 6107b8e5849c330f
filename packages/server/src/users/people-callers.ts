import { type CallerTokens, seedCallers } from '../testing/callers.js';
import { FIXTURE, type TestServer } from '../testing/harness.js';

const AGENT_RIGHTS = ['agents.add', 'agents.edit', 'agents.move'];

/**
 * The callers of the people routes' matrices (MC-1): the fixture's manager of Field holds no right,
 * the second one agents.add/edit/move, and so does the manager of Sales.
 */
export function seedPeopleCallers(server: TestServer): Promise<CallerTokens> {
  return seedCallers(server, { teamManager: [], tmRight: AGENT_RIGHTS, tmSales: AGENT_RIGHTS });
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
