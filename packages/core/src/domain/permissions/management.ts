import type { Actor } from '../session/access.js';

/**
 * Management rights a company manager grants (MC-1, MC-2): team managers hold exactly the rights
 * granted to them; agents may be granted a limited subset. Company managers hold every right; API
 * managers (API keys) provision users and teams and nothing else.
 */
export const ManagementRight = {
  /** Create agents in one's teams (also by CSV import). */
  agentsAdd: 'agents.add',
  /** Edit and delete agents of one's teams. */
  agentsEdit: 'agents.edit',
  /** Move agents between one's teams. */
  agentsMove: 'agents.move',
  /** Change the settings of one's teams and their agents. */
  teamSettings: 'team.settings',
  /** Run reports over one's teams. */
  reportsRun: 'reports.run',
} as const;
/** One of {@link ManagementRight}. */
export type ManagementRight = (typeof ManagementRight)[keyof typeof ManagementRight];

/** Every management right, in declaration order. */
export const allManagementRights: readonly ManagementRight[] = Object.values(ManagementRight);

/** Rights an agent may be granted: the limited ones (MC-1). */
export const agentGrantableRights: readonly ManagementRight[] = ['reports.run', 'team.settings'];

/** Rights an API manager holds: provisioning only (MC-1 "API manager"). */
export const apiManagerRights: readonly ManagementRight[] = ['agents.add', 'agents.edit', 'agents.move'];

/**
 * Rights that may be granted to a user of `role`: all of them to team managers, the limited set to
 * agents, none to company managers (they hold all) or API managers (fixed).
 * @example
 * grantableRights('agent'); // ['reports.run', 'team.settings']
 */
export function grantableRights(role: string): readonly ManagementRight[] {
  if (role === 'team-manager') return allManagementRights;
  if (role === 'agent') return agentGrantableRights;
  return [];
}

/**
 * Whether the actor holds a management right (MC-1, MC-2). Scope — which teams it applies to — is
 * checked separately with `isWithinManagedTeams` (team managers act only on the teams they manage).
 * @example
 * hasRight(teamManager, ManagementRight.agentsMove); // true only if granted
 */
export function hasRight(actor: Actor, right: ManagementRight): boolean {
  if (actor.kind !== 'staff') return false;
  switch (actor.role) {
    case 'company-manager':
      return true;
    case 'api-manager':
      return apiManagerRights.includes(right);
    case 'team-manager':
    case 'agent':
      return (actor.rights ?? []).includes(right);
  }
}
