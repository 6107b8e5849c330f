import { canViewSession } from '@sightline/core/domain';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Services } from '../context.js';
import { deferredProblem } from '../http/deferred-input.js';
import { ProblemError } from '../problems/problem.js';

/**
 * The routes serving session data the retention job deletes (MC-14), as path patterns that match
 * both request paths and the contract's path templates (`{id}` has no slash either).
 */
export const RETAINED_DATA_PATHS: readonly RegExp[] = [
  /^\/v1\/sessions\/([^/]+)\/(messages|screenshots|summary|consents|diagnostics|recordings)(\/.*)?$/,
  /^\/v1\/sessions\/([^/]+)\/calls\/[^/]+\/diagnostics$/,
];

/** Whether `path` (a request path or a contract template) serves data that retention deletes. */
export function servesRetainedData(path: string): boolean {
  return RETAINED_DATA_PATHS.some((p) => p.test(path));
}

/**
 * Answers requests for a purged session's data with `410 retention-expired` — "kept for N days" —
 * instead of an empty list or a bare 404. Only callers who may see the session learn that: for
 * anyone else the route answers as it always does (403, or 404 in another organization).
 */
export function retentionGone(services: Services, retentionDays: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    const match = principal ? RETAINED_DATA_PATHS.map((p) => p.exec(c.req.path)).find(Boolean) : undefined;
    // A path parameter already found unreadable is the route's to refuse (http/deferred-input.ts).
    if (!principal || !match || deferredProblem(c, 'param')) return next();
    const id = decodeURIComponent(match[1] ?? '');
    const row = await services.handle.db
      .selectFrom('sessions')
      .select(['id', 'organization_id', 'device_id', 'team_id', 'assignee_ids', 'portal_id', 'purged_at'])
      .where('id', '=', id)
      .where('organization_id', '=', principal.actor.organizationId)
      .executeTakeFirst();
    if (!row?.purged_at) return next();
    const scope = {
      organizationId: row.organization_id,
      deviceId: row.device_id,
      teamId: row.team_id,
      assigneeIds: row.assignee_ids,
      portalId: row.portal_id,
      id: row.id,
    };
    if (!canViewSession(principal.actor, scope, await services.teamsOf(row.organization_id))) return next();
    throw retentionExpired(retentionDays, row.purged_at);
  };
}

/** The 410 `retention-expired` problem for data of a session purged at `purgedAt` (MC-14). */
export function retentionExpired(retentionDays: number, purgedAt: Date | string): ProblemError {
  return new ProblemError(
    410,
    'retention-expired',
    `Session data is kept for ${retentionDays} days: this session's chat, screenshots, summary, diagnostics and recordings were deleted on ${new Date(purgedAt).toISOString()}.`,
  );
}
