import type { IntegrationScope } from '../permissions/integrations.js';
import { integrationReaches } from '../permissions/integrations.js';
import type { Role } from '../schemas/enums.js';
import { isWithinManagedTeams, type TeamNode } from './teams.js';

/**
 * Who is acting. A customer acts for one device (access-code token; an invitation's token only for
 * its session); staff act as a user with a role; `system` is the server itself (timers such as
 * auto-close, media-server callbacks).
 */
export type Actor =
  | {
      kind: 'customer';
      organizationId: string;
      deviceId: string;
      /** Signed in with an invitation to one session (VS-5): reaches only that session. */
      sessionId?: string | undefined;
    }
  | {
      kind: 'staff';
      organizationId: string;
      userId: string;
      role: Role;
      teamId: string | null;
      managedTeamIds: readonly string[];
      /** Management rights granted to a team manager or agent (MC-1); see `hasRight`. */
      rights?: readonly string[] | undefined;
    }
  | {
      /** A host app's integration token (SI-12): scopes instead of a role, optional limits. */
      kind: 'integration';
      organizationId: string;
      tokenId: string;
      scopes: readonly IntegrationScope[];
      /** Only sessions of these portals; `null`: every portal. */
      portalIds: readonly string[] | null;
      /** Only sessions held by these teams or their sub-teams; `null`: no team limit. */
      teamIds: readonly string[] | null;
      /** A short-lived token exchanged for one summary reaches only its session. */
      sessionId?: string | null | undefined;
    }
  | { kind: 'system' };

/** The parts of a session that decide who may see or manage it. */
export type SessionScope = {
  organizationId: string;
  deviceId: string;
  teamId: string | null;
  assigneeIds: readonly string[];
  /** The session's portal; integration tokens limited to portals need it. */
  portalId?: string | undefined;
  /** The session's id; a token exchanged for one summary needs it. */
  id?: string | undefined;
};

/**
 * VS-7: staff assigned to the session, or managers above them. True for a company manager of the
 * same organization; a team manager whose managed teams include the session's team or an ancestor of
 * it; an agent listed in `assigneeIds`; or, while nobody is assigned, an agent of the session's team.
 * API managers provision users and never act on sessions.
 * @example
 * canActAsStaff(agent, { organizationId: 'o1', teamId: 't1', assigneeIds: ['u1'] }, teams);
 */
export function canActAsStaff(
  actor: Actor,
  session: Pick<SessionScope, 'organizationId' | 'teamId' | 'assigneeIds'>,
  teams: readonly TeamNode[],
): boolean {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) return false;
  switch (actor.role) {
    case 'company-manager':
      return true;
    case 'team-manager':
      return isWithinManagedTeams(session.teamId, actor.managedTeamIds, teams);
    case 'agent':
      if (session.assigneeIds.includes(actor.userId)) return true;
      return session.assigneeIds.length === 0 && actor.teamId !== null && actor.teamId === session.teamId;
    case 'api-manager':
      return false;
  }
}

/**
 * Whether the actor may see the session: the customer of its device, staff who may act on it
 * (VS-7, VS-15), or an integration token that reaches it (SI-12; what it may do there is its scopes).
 * @example
 * canViewSession({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, session, teams);
 */
export function canViewSession(actor: Actor, session: SessionScope, teams: readonly TeamNode[]): boolean {
  if (actor.kind === 'customer') {
    return (
      actor.organizationId === session.organizationId &&
      actor.deviceId === session.deviceId &&
      (actor.sessionId === undefined || actor.sessionId === session.id)
    );
  }
  if (actor.kind === 'integration') return integrationReaches(actor, session, teams);
  return canActAsStaff(actor, session, teams);
}
