import type { Actor } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';

/**
 * MC-3: whether the actor may move an agent from one team to another. A company manager may move
 * any agent of the organization; a team manager only between teams they manage (or sub-teams of
 * those); nobody else. The agent must be in `fromTeam`, and `toTeam` must be a different, known team.
 * @example
 * canMoveAgent(manager, { organizationId: 'o1', role: 'agent', teamId: 'a' }, 'a', 'b', teams);
 */
export function canMoveAgent(
  actor: Actor,
  agent: { organizationId: string; role: string; teamId: string | null },
  fromTeam: string,
  toTeam: string,
  teams: readonly TeamNode[],
): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== agent.organizationId) return false;
  if (agent.role !== 'agent' || agent.teamId !== fromTeam || fromTeam === toTeam) return false;
  if (!teams.some((t) => t.id === toTeam)) return false;
  if (actor.role === 'company-manager') return true;
  if (actor.role !== 'team-manager') return false;
  return (
    isWithinManagedTeams(fromTeam, actor.managedTeamIds, teams) &&
    isWithinManagedTeams(toTeam, actor.managedTeamIds, teams)
  );
}
