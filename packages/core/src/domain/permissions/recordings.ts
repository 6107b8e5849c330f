import type { Actor, SessionScope } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';

/**
 * Who may delete a session's recording before its retention ends (MC-11, MC-14): company managers
 * of the organization, and team managers over the session's team and those below. Agents, customers,
 * API keys and integration tokens never may.
 * @example
 * mayDeleteRecording(teamManager, session, teams);
 */
export function mayDeleteRecording(actor: Actor, session: SessionScope, teams: readonly TeamNode[]): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) return false;
  if (actor.role === 'company-manager') return true;
  return actor.role === 'team-manager' && isWithinManagedTeams(session.teamId, actor.managedTeamIds, teams);
}

/**
 * Who may set, change or remove a portal's replay passphrase (MC-13): the company managers who manage
 * portals — each time also proving it is them with their own account password.
 * @example
 * mayManageReplayPassphrase(actor, portal.organizationId);
 */
export function mayManageReplayPassphrase(actor: Actor, organizationId: string): boolean {
  return (
    actor.kind === 'staff' && actor.role === 'company-manager' && actor.organizationId === organizationId
  );
}

/**
 * Who may record a session's call, apart from the portal, their settings and the customer's consent
 * (VS-10, those are `transitionRecording`'s): staff taking part in the call. Customers never record.
 */
export function mayRecordAs(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.role !== 'api-manager';
}
