import {
  type Actor,
  hasRight,
  isWithinManagedTeams,
  type ManagementRight,
  type TeamNode,
  teamLineage,
} from '@sightline/core/domain';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/** A staff actor (company manager, team manager, API manager or agent). */
export type Staff = Extract<Actor, { kind: 'staff' }>;

/**
 * The actor with its granted management rights. Authentication fills `rights`; when a token was
 * resolved without them they are read here, so a missing load can never grant anything.
 */
export async function withRights(services: Services, actor: Actor): Promise<Actor> {
  if (actor.kind !== 'staff' || actor.rights !== undefined) return actor;
  if (actor.role !== 'team-manager' && actor.role !== 'agent') return actor;
  const row = await services.handle.db
    .selectFrom('users')
    .select('rights')
    .where('id', '=', actor.userId)
    .where('organization_id', '=', actor.organizationId)
    .executeTakeFirst();
  return { ...actor, rights: Array.isArray(row?.rights) ? row.rights : [] };
}

/** Staff only; customers get 403. */
export function requireStaff(actor: Actor): Staff {
  if (actor.kind !== 'staff') throw ProblemError.forbidden('Teams are managed by staff, not customers.');
  return actor;
}

/**
 * Creating, re-parenting and deleting teams shape the organization: company managers and API keys
 * (MC-1 "API manager provisions users and teams"). Team managers act inside the tree they are given.
 */
export function assertMayShapeTree(actor: Actor, what: string): Staff {
  const staff = requireStaff(actor);
  if (staff.role === 'company-manager' || staff.role === 'api-manager') return staff;
  throw ProblemError.forbidden(`Only company managers and API keys ${what} (MC-1).`);
}

/** Choosing a team's managers delegates management: company managers only (MC-1). */
export function assertMayAssignManagers(actor: Actor): Staff {
  const staff = requireStaff(actor);
  if (staff.role === 'company-manager') return staff;
  throw ProblemError.forbidden('Only company managers choose team managers (MC-1).');
}

/**
 * Whether a team lies within the actor's reach: every team for company managers and API keys, the
 * managed teams and their sub-teams for team managers, the own team for agents.
 */
export function isInScope(actor: Staff, teamId: string | null, teams: readonly TeamNode[]): boolean {
  switch (actor.role) {
    case 'company-manager':
    case 'api-manager':
      return teamId !== null;
    case 'team-manager':
      return isWithinManagedTeams(teamId, actor.managedTeamIds, teams);
    case 'agent':
      return teamId !== null && actor.teamId === teamId;
  }
}

/** Throws 403 naming the missing right or the scope unless the actor holds `right` for `teamId`. */
export function assertRightInScope(
  actor: Actor,
  right: ManagementRight,
  teamId: string | null,
  teams: readonly TeamNode[],
  what: string,
): Staff {
  const staff = requireStaff(actor);
  if (!hasRight(staff, right)) throw ProblemError.forbidden(`${what} needs the right ${right}.`);
  if (!isInScope(staff, teamId, teams)) {
    throw ProblemError.forbidden(
      staff.role === 'agent'
        ? `${what}: agents act on their own team only.`
        : `${what}: team managers act only on the teams they manage.`,
    );
  }
  return staff;
}

/**
 * Who may read a team's settings: company managers; team managers within their teams; agents for
 * their own team and the teams above it (what they inherit). API keys provision, they do not read
 * settings.
 */
export function assertMayReadTeamSettings(actor: Actor, teamId: string, teams: readonly TeamNode[]): void {
  const staff = requireStaff(actor);
  if (staff.role === 'company-manager') return;
  if (staff.role === 'team-manager' && isWithinManagedTeams(teamId, staff.managedTeamIds, teams)) return;
  if (staff.role === 'agent' && staff.teamId !== null && teamLineage(staff.teamId, teams).includes(teamId))
    return;
  throw ProblemError.forbidden(
    staff.role === 'api-manager'
      ? 'API keys provision users and teams; settings are for managers (MC-1).'
      : 'You may read the settings of your own teams only.',
  );
}
