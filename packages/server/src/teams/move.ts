import {
  type Actor,
  canMoveAgent,
  hasRight,
  isWithinManagedTeams,
  type TeamNode,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { ProblemError } from '../problems/problem.js';
import { requireStaff, withRights } from './access.js';
import { liveTree } from './store.js';

/**
 * Whether the caller may move agents into `toTeamId` at all, before the request names the agent:
 * the right `agents.move`, and for team managers a destination among the teams they manage; 404
 * for a team the organization does not have. {@link assertMayMoveAgent} decides the rest.
 */
export async function assertMayMoveInto(
  services: Services,
  principal: Pick<Principal, 'actor'>,
  toTeamId: string,
): Promise<void> {
  const actor = requireStaff(await withRights(services, principal.actor));
  if (!hasRight(actor, 'agents.move'))
    throw ProblemError.forbidden('Moving agents needs the right agents.move.');
  const teams = await services.teamsOf(actor.organizationId);
  if (!teams.some((t) => t.id === toTeamId)) throw ProblemError.notFound('No team with this id.');
  if (actor.role === 'company-manager' || actor.role === 'api-manager') return;
  if (actor.role !== 'team-manager' || !isWithinManagedTeams(toTeamId, actor.managedTeamIds, teams)) {
    throw ProblemError.forbidden('Team managers move agents only between teams they manage (MC-3).');
  }
}

/** The result of moving an agent; `moved` is false when the agent was already there. */
export interface AgentMove {
  userId: string;
  teamId: string;
  fromTeamId: string | null;
  moved: boolean;
}

/**
 * The rule for moving an agent (MC-3), throwing the problem that explains a refusal: company
 * managers and API keys (which hold `agents.move`, MC-1) move any agent to any team of the
 * organization; team managers need the granted right `agents.move` and move agents only between
 * teams they manage (the domain's `canMoveAgent`); nobody else moves agents. Only agents are moved:
 * a manager's own team is set on the user.
 * @example
 * assertMayMoveAgent(actor, { id: 'u1', role: 'agent', teamId: 'a' }, 'b', teams);
 */
export function assertMayMoveAgent(
  actor: Actor,
  agent: { id: string; role: string; teamId: string | null },
  toTeamId: string,
  teams: readonly TeamNode[],
): void {
  const staff = requireStaff(actor);
  if (!hasRight(staff, 'agents.move'))
    throw ProblemError.forbidden('Moving agents needs the right agents.move.');
  if (agent.role !== 'agent') {
    throw ProblemError.conflict(
      'not-an-agent',
      'Only agents are moved between teams; change a manager’s team on the user.',
    );
  }
  if (staff.role === 'company-manager' || staff.role === 'api-manager') return;
  const allowed =
    agent.teamId === null || agent.teamId === toTeamId
      ? isWithinManagedTeams(toTeamId, staff.managedTeamIds, teams)
      : canMoveAgent(
          staff,
          { organizationId: staff.organizationId, ...agent },
          agent.teamId,
          toTeamId,
          teams,
        );
  if (!allowed) {
    throw ProblemError.forbidden('Team managers move agents only between teams they manage (MC-3).');
  }
}

/**
 * Moves an agent into `toTeamId` in one transaction: the user's team changes (and their version, so
 * a user ETag read before is stale), an `agent.moved` event is recorded. 404 for a user or team not
 * in the caller's organization (or deleted), 403/409 from {@link assertMayMoveAgent}. Pass `trx` to
 * run inside a transaction the caller already holds.
 * @example
 * await moveAgent(services, principal, 'user_agent', 'team_field');
 */
export async function moveAgent(
  services: Services,
  principal: Pick<Principal, 'actor'>,
  userId: string,
  toTeamId: string,
  trx?: Kysely<Database>,
): Promise<AgentMove> {
  const actor = requireStaff(await withRights(services, principal.actor));
  const organizationId = actor.organizationId;
  const work = async (tx: Kysely<Database>): Promise<AgentMove> => {
    // Share-lock the receiving team: a concurrent delete of it waits, so nobody lands in a deleted team.
    const target = await tx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', toTeamId)
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .forShare()
      .executeTakeFirst();
    if (!target) throw ProblemError.notFound('No team with this id.');
    const user = await tx
      .selectFrom('users')
      .select(['id', 'role', 'team_id'])
      .where('id', '=', userId)
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('role', '<>', 'api-manager')
      .forUpdate()
      .executeTakeFirst();
    if (!user) throw ProblemError.notFound('No user with this id.');
    const teams = await liveTree(tx, organizationId);
    assertMayMoveAgent(actor, { id: user.id, role: user.role, teamId: user.team_id }, toTeamId, teams);
    if (user.team_id === toTeamId)
      return { userId, teamId: toTeamId, fromTeamId: user.team_id, moved: false };
    await tx
      .updateTable('users')
      .set({ team_id: toTeamId, version: sql`version + 1`, updated_at: services.clock() })
      .where('id', '=', userId)
      .execute();
    await appendOrganizationEvent(tx, services.handle, {
      organizationId,
      type: 'agent.moved',
      teamId: toTeamId,
      data: { userId, fromTeamId: user.team_id, toTeamId },
    });
    return { userId, teamId: toTeamId, fromTeamId: user.team_id, moved: true };
  };
  if (trx) return work(trx);
  const result = await services.handle.db.transaction().execute(work);
  if (result.moved) services.handle.notifier.notify();
  return result;
}
