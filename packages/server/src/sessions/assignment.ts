import {
  type AssignmentCandidate,
  type AssignmentResult,
  canViewSession,
  mayAssign,
  mayClaim,
  type SessionStatus,
} from '@sightline/core/domain';
import type { Principal, Services } from '../context.js';
import { appendEvent } from '../events/outbox.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import { assigneeLabels, assigneesOf } from './assignees.js';
import {
  type CallRow,
  callsOf,
  findSession,
  type SessionRow,
  scopeOf,
  sessionScope,
  sessionToWire,
} from './store.js';

/** What to do: a manager gives the session to a user (or back to its team with `null`), or an agent takes it. */
export type AssignmentRequest = { kind: 'assign'; userId: string | null } | { kind: 'claim' };

function refusal(result: Extract<AssignmentResult, { ok: false }>): ProblemError {
  const { code, reason } = result.rejection;
  if (code === 'forbidden') return ProblemError.forbidden(reason);
  if (code === 'not-eligible') return ProblemError.unprocessable('assignee-not-eligible', reason);
  return ProblemError.conflict(code, reason);
}

/**
 * `POST /v1/sessions/{id}/assign` and `…/claim` (VS-3, VS-7): the domain's `mayAssign` / `mayClaim`
 * decide; the new holder, the version bump and a `session.changed` event (`event: assign | claim`)
 * are committed together, like every lifecycle change. The event goes out under the session's scope
 * before and after the change, so the agents who lose sight of the session learn who took it.
 * A request that changes nothing answers the session as it is.
 */
export async function changeAssignment(
  services: Services,
  principal: Principal,
  sessionId: string,
  request: AssignmentRequest,
  ifMatch: string | undefined,
): Promise<{ row: SessionRow; calls: CallRow[] }> {
  const { db } = services.handle;
  const { actor } = principal;
  const organizationId = actor.organizationId;
  const teams = await services.teamsOf(organizationId);
  const result = await db.transaction().execute(async (trx) => {
    const row = await findSession(trx, organizationId, sessionId, true);
    if (!row) throw ProblemError.notFound('No session with this id.');
    const session = { ...sessionScope(row), status: row.status as SessionStatus };
    // Managers above the session see it; an agent of a team below may claim what they cannot see yet.
    const maySee = canViewSession(actor, session, teams);
    if (!maySee && !(request.kind === 'claim' && actor.kind === 'staff' && actor.role === 'agent')) {
      throw ProblemError.forbidden('You may not see this session.');
    }
    checkIfMatch(ifMatch, row.version, 'The session changed since you read it; reload and retry.');
    let outcome: AssignmentResult;
    if (request.kind === 'claim') {
      outcome = mayClaim(actor, session, teams);
    } else {
      // The caller's right first, before the body names anyone: an unknown id tells a non-manager nothing.
      const allowed = mayAssign(actor, session, null, teams);
      if (!allowed.ok) throw refusal(allowed);
      let target: AssignmentCandidate | null = null;
      if (request.userId !== null) {
        const user = await trx
          .selectFrom('users')
          .select(['id', 'organization_id', 'role', 'team_id', 'deleted_at'])
          .where('id', '=', request.userId)
          .where('organization_id', '=', organizationId)
          .executeTakeFirst();
        if (!user)
          throw ProblemError.unprocessable(
            'assignee-not-eligible',
            'No user with this id in your organization.',
          );
        target = {
          userId: user.id,
          organizationId: user.organization_id,
          role: user.role,
          teamId: user.team_id,
          deleted: user.deleted_at !== null,
        };
      }
      outcome = mayAssign(actor, session, target, teams);
    }
    if (!outcome.ok) throw refusal(outcome);
    const calls = await callsOf(trx, [row.id]);
    if (!outcome.changed) return { row, calls, changed: false };
    const next = await trx
      .updateTable('sessions')
      .set({
        assignee_ids: JSON.stringify(outcome.assigneeIds),
        version: row.version + 1,
        updated_at: services.clock(),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const labels = await assigneeLabels(trx, organizationId, [next]);
    const data = {
      session: { ...sessionToWire(next, calls), assignees: assigneesOf(next, labels) },
      event: request.kind,
      effects: [],
      by: actor.kind === 'staff' ? actor.userId : null,
    };
    const scopes = [scopeOf(row), scopeOf(next)];
    const distinct = JSON.stringify(scopes[0]) === JSON.stringify(scopes[1]) ? scopes.slice(1) : scopes;
    for (const scope of distinct) {
      await appendEvent(trx, services.handle, {
        organizationId,
        type: 'session.changed',
        sessionId: row.id,
        scope,
        data,
      });
    }
    return { row: next, calls, changed: true };
  });
  if (result.changed) services.handle.notifier.notify();
  return { row: result.row, calls: result.calls };
}
