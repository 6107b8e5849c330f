import {
  type Actor,
  grantableRights,
  hasRight,
  isWithinManagedTeams,
  type TeamNode,
} from '@sightline/core/domain';
import { ProblemError } from '../problems/problem.js';
import { assertMayMoveAgent } from '../teams/move.js';

type Staff = Extract<Actor, { kind: 'staff' }>;

/** The parts of a user the rules look at. */
export interface UserFacts {
  id: string;
  role: string;
  teamId: string | null;
}

/** Who may manage users at all: company managers, team managers, API keys (MC-1). */
export function requireStaffManager(actor: Actor): Staff {
  if (actor.kind !== 'staff' || actor.role === 'agent') {
    throw ProblemError.forbidden('Only managers and API keys manage users.');
  }
  return actor;
}

/**
 * Whether the actor may see a user: company managers and API keys every user of the organization,
 * team managers themselves and the agents of the teams they manage (sub-teams included), agents
 * only themselves.
 */
export function canSeeUser(actor: Actor, user: UserFacts, teams: readonly TeamNode[]): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.userId === user.id) return true;
  if (actor.role === 'company-manager' || actor.role === 'api-manager') return true;
  if (actor.role === 'team-manager') {
    return user.role === 'agent' && isWithinManagedTeams(user.teamId, actor.managedTeamIds, teams);
  }
  return false;
}

/** The new user's role, team and rights the actor wants to create; throws 403 naming why. */
export function assertMayCreate(
  actor: Actor,
  wanted: { role: string; teamId: string | null; rights: readonly string[] },
  teams: readonly TeamNode[],
): void {
  const staff = assertMayAddUsers(actor);
  if (staff.role === 'company-manager') return;
  if (wanted.role !== 'agent') {
    throw ProblemError.forbidden('Only company managers add managers (MC-1).');
  }
  if (wanted.rights.length > 0) {
    throw ProblemError.forbidden('Only company managers grant management rights (MC-1).');
  }
  if (staff.role === 'team-manager' && !isWithinManagedTeams(wanted.teamId, staff.managedTeamIds, teams)) {
    throw ProblemError.forbidden('Team managers add agents only to teams they manage.');
  }
}

/**
 * Whether the actor may add users at all, before what they add is read: company managers, and
 * managers with the right `agents.add` (what they may add is {@link assertMayCreate}).
 */
export function assertMayAddUsers(actor: Actor): Staff {
  const staff = requireStaffManager(actor);
  if (staff.role !== 'company-manager' && !hasRight(staff, 'agents.add')) {
    throw ProblemError.forbidden('Adding agents needs the right agents.add.');
  }
  return staff;
}

/** Fields of a change that only company managers may make. */
const COMPANY_ONLY = ['role', 'rights', 'managedTeamIds'] as const;

/**
 * Whether the actor may apply `change` to `user` (already known to be of the same organization).
 * Company managers change anyone; team managers with agents.edit change agents of their teams and
 * move them (agents.move) only between teams they manage; API keys change and move agents.
 */
export function assertMayEdit(
  actor: Actor,
  user: UserFacts,
  change: { [K in (typeof COMPANY_ONLY)[number] | 'teamId']?: unknown },
  teams: readonly TeamNode[],
): void {
  const staff = assertMayEditUser(actor, user, teams);
  if (staff.role === 'company-manager') return;
  for (const field of COMPANY_ONLY) {
    if (change[field] !== undefined) throw ProblemError.forbidden(`Only company managers change ${field}.`);
  }
  const to = change.teamId;
  if (to === undefined || to === user.teamId) return;
  if (typeof to !== 'string') throw ProblemError.badRequest('An agent belongs to exactly one team.');
  // One rule for moving agents, shared with POST /v1/teams/{id}/members (MC-3).
  assertMayMoveAgent(staff, user, to, teams);
}

/**
 * Whether the actor may change `user` at all, before the change is read: company managers anyone,
 * others agents of their teams with the right `agents.edit` (which fields: {@link assertMayEdit}).
 */
export function assertMayEditUser(actor: Actor, user: UserFacts, teams: readonly TeamNode[]): Staff {
  const staff = requireStaffManager(actor);
  if (staff.role === 'company-manager') return staff;
  if (user.role !== 'agent') throw ProblemError.forbidden('Only company managers change managers.');
  if (!hasRight(staff, 'agents.edit'))
    throw ProblemError.forbidden('Changing agents needs the right agents.edit.');
  if (staff.role === 'team-manager' && !isWithinManagedTeams(user.teamId, staff.managedTeamIds, teams)) {
    throw ProblemError.forbidden('Team managers change agents of their teams only.');
  }
  return staff;
}

/** Deleting follows editing: company managers anyone, the others agents within their reach. */
export function assertMayDelete(actor: Actor, user: UserFacts, teams: readonly TeamNode[]): void {
  assertMayEdit(actor, user, {}, teams);
}

/** Rights must be grantable to the role (`grantableRights`); 400 otherwise. */
export function assertGrantable(role: string, rights: readonly string[]): void {
  const allowed = grantableRights(role);
  const bad = rights.filter((r) => !(allowed as readonly string[]).includes(r));
  if (bad.length > 0) {
    throw ProblemError.badRequest(`A ${role} cannot be granted ${bad.join(', ')}.`, [
      { path: 'body.rights', message: `Grantable to ${role}: ${allowed.join(', ') || 'none'}.` },
    ]);
  }
}
