import type { Actor, SessionScope } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';

/**
 * Who may silently watch a session's running call (MC-8): a manager above the session's agent —
 * company managers over the organization, team managers over the teams they manage and those below
 * — and never someone taking part in it (an assignee). Agents, API keys, customers and integration
 * tokens never may.
 * @example
 * mayMonitorCall(companyManager, session, teams); // true unless they hold the session
 */
export function mayMonitorCall(actor: Actor, session: SessionScope, teams: readonly TeamNode[]): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) return false;
  if (session.assigneeIds.includes(actor.userId)) return false;
  if (actor.role === 'company-manager') return true;
  return actor.role === 'team-manager' && isWithinManagedTeams(session.teamId, actor.managedTeamIds, teams);
}
