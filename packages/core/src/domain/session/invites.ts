import type { SessionStatus } from '../schemas/enums.js';
import { type Actor, canActAsStaff, type SessionScope } from './access.js';
import type { TeamNode } from './teams.js';

/** An invitation's lifetime bounds in minutes (VS-5): at least 5, at most a week, a day by default. */
export const INVITE_MINUTES = { min: 5, max: 7 * 24 * 60, default: 24 * 60 } as const;

/**
 * Whether `actor` may invite the customer to the session now (VS-5, VS-7): staff who may act on it,
 * while it is not yet completed, closed or cancelled (a finished session is reopened first).
 * @example
 * mayInvite(agent, { ...scope, status: 'confirmed' }, teams); // true for its agent
 */
export function mayInvite(
  actor: Actor,
  session: Pick<SessionScope, 'organizationId' | 'teamId' | 'assigneeIds'> & { status: SessionStatus },
  teams: readonly TeamNode[],
): boolean {
  return invitable(session.status) && canActAsStaff(actor, session, teams);
}

/** Whether a session in `status` takes invitations (VS-5). */
export function invitable(status: SessionStatus): boolean {
  return status === 'requested' || status === 'confirmed' || status === 'running';
}

/** Statuses that end an invitation and every sign-in made with it (VS-5); a completed session still takes its rating. */
export const INVITATION_ENDS: readonly SessionStatus[] = ['closed', 'cancelled'];
