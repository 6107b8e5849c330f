import type { SessionStatus } from '../schemas/enums.js';
import type { Actor, SessionScope } from './access.js';
import { isWithinManagedTeams, type TeamNode } from './teams.js';

/** What the assignment rules need to know about a session (VS-3, VS-7). */
export type AssignableSession = Pick<SessionScope, 'organizationId' | 'teamId' | 'assigneeIds'> & {
  status: SessionStatus;
};

/** A user who could hold a session: an agent of the organization, not deleted. */
export interface AssignmentCandidate {
  userId: string;
  organizationId: string;
  role: string;
  teamId: string | null;
  deleted: boolean;
}

/**
 * Why an assignment or a claim is refused; a value, never thrown. `forbidden` → 403 (the caller may
 * not do it), `not-eligible` → 422 (the chosen user cannot hold this session), `already-assigned`,
 * `session-in-call` and `session-finished` → 409 (the session's state does not allow it now).
 */
export type AssignmentRejection = {
  code: 'forbidden' | 'not-eligible' | 'already-assigned' | 'session-in-call' | 'session-finished';
  reason: string;
};

/** The outcome: the assignees the session gets (unchanged when the call is a no-op), or a refusal. */
export type AssignmentResult =
  | { ok: true; assigneeIds: string[]; changed: boolean }
  | { ok: false; rejection: AssignmentRejection };

/** Statuses in which a session changes hands: open and not in a call. */
const ASSIGNABLE: ReadonlySet<SessionStatus> = new Set(['requested', 'confirmed', 'completed']);

/**
 * Whether `teamId` is the session's team or lies below it: the teams responsible for a session
 * (VS-3). A session without a team has no responsible team.
 * @example
 * isResponsibleTeam('heating', 'field', teams); // true when heating is a sub-team of field
 */
export function isResponsibleTeam(
  teamId: string | null,
  sessionTeamId: string | null,
  teams: readonly TeamNode[],
): boolean {
  if (teamId === null || sessionTeamId === null) return false;
  return isWithinManagedTeams(teamId, [sessionTeamId], teams);
}

/**
 * Whether a user may hold a session of `sessionTeamId`: a live agent of the same organization whose
 * team is the session's team or below it. A session without a team may go to any agent of the
 * organization (only a company manager can act on it).
 * @example
 * isEligibleAssignee({ userId: 'u2', organizationId: 'o1', role: 'agent', teamId: 'field', deleted: false }, session, teams);
 */
export function isEligibleAssignee(
  user: AssignmentCandidate,
  session: Pick<AssignableSession, 'organizationId' | 'teamId'>,
  teams: readonly TeamNode[],
): boolean {
  if (user.organizationId !== session.organizationId || user.deleted || user.role !== 'agent') return false;
  if (session.teamId === null) return user.teamId !== null;
  return isResponsibleTeam(user.teamId, session.teamId, teams);
}

function stateRefusal(session: AssignableSession): AssignmentRejection | null {
  if (session.status === 'running') {
    return {
      code: 'session-in-call',
      reason: 'The session is in a call; it can change hands once the call has ended.',
    };
  }
  if (!ASSIGNABLE.has(session.status)) {
    return {
      code: 'session-finished',
      reason: `A session that is '${session.status}' no longer changes hands.`,
    };
  }
  return null;
}

/**
 * VS-3, VS-7: whether `actor` may give the session to `target` (or back to the team with `null`).
 * Managers above the session decide: a company manager of the organization, or a team manager whose
 * managed teams include the session's team or an ancestor of it. The target must be eligible
 * ({@link isEligibleAssignee}); the session must be open and not in a call. Assigning the current
 * holder again changes nothing.
 * @example
 * const r = mayAssign(companyManager, session, agent, teams);
 * if (r.ok) save(r.assigneeIds);
 */
export function mayAssign(
  actor: Actor,
  session: AssignableSession,
  target: AssignmentCandidate | null,
  teams: readonly TeamNode[],
): AssignmentResult {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) {
    return refuse('forbidden', 'Only managers above the session may assign it.');
  }
  const managerAbove =
    actor.role === 'company-manager' ||
    (actor.role === 'team-manager' && isWithinManagedTeams(session.teamId, actor.managedTeamIds, teams));
  if (!managerAbove) {
    return refuse(
      'forbidden',
      actor.role === 'team-manager'
        ? 'This session belongs to a team you do not manage.'
        : 'Only company managers and the managers of the session’s team may assign it; agents claim.',
    );
  }
  const state = stateRefusal(session);
  if (state) return { ok: false, rejection: state };
  if (target === null) {
    return { ok: true, assigneeIds: [], changed: session.assigneeIds.length > 0 };
  }
  if (!isEligibleAssignee(target, session, teams)) {
    return refuse(
      'not-eligible',
      target.deleted
        ? 'This user has been deleted.'
        : target.role !== 'agent'
          ? 'Sessions are assigned to agents.'
          : 'This agent is not in the session’s team or a team below it.',
    );
  }
  const changed = !(session.assigneeIds.length === 1 && session.assigneeIds[0] === target.userId);
  return { ok: true, assigneeIds: [target.userId], changed };
}

/**
 * VS-3: whether an agent may take an unassigned session: an agent whose team is the session's team
 * or below it, while nobody holds it (claiming a session someone else holds is refused; claiming
 * one's own again changes nothing). Managers assign instead of claiming.
 * @example
 * mayClaim(agent, { organizationId: 'o1', teamId: 'field', assigneeIds: [], status: 'requested' }, teams);
 */
export function mayClaim(
  actor: Actor,
  session: AssignableSession,
  teams: readonly TeamNode[],
): AssignmentResult {
  if (actor.kind !== 'staff' || actor.organizationId !== session.organizationId) {
    return refuse('forbidden', 'Only agents of the session’s team may claim it.');
  }
  if (actor.role !== 'agent') {
    return refuse('forbidden', 'Agents claim sessions; managers assign them.');
  }
  if (!isResponsibleTeam(actor.teamId, session.teamId, teams)) {
    return refuse('forbidden', 'Only agents of the session’s team, or of a team below it, may claim it.');
  }
  if (session.assigneeIds.includes(actor.userId) && session.assigneeIds.length === 1) {
    return { ok: true, assigneeIds: [actor.userId], changed: false };
  }
  if (session.assigneeIds.length > 0) {
    return refuse('already-assigned', 'Someone else already holds this session.');
  }
  const state = stateRefusal(session);
  if (state) return { ok: false, rejection: state };
  return { ok: true, assigneeIds: [actor.userId], changed: true };
}

function refuse(code: AssignmentRejection['code'], reason: string): AssignmentResult {
  return { ok: false, rejection: { code, reason } };
}
