import type { ReportScope, TeamNode } from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';

/** A report's filters: one portal, one team, one agent (each optional). */
export interface ReportFilters {
  portal?: string | undefined;
  team?: string | undefined;
  agent?: string | undefined;
}

/**
 * Refuses a filter naming what does not exist in the scope (404, not an empty report): another
 * organization's portal, a team outside the caller's reports, a deleted agent — reports *for* a
 * deleted agent are no longer run, while portal reports still count their sessions (MC-4, MC-9).
 */
export async function checkReportFilters(
  db: Kysely<Database>,
  scope: ReportScope,
  teams: readonly TeamNode[],
  filters: ReportFilters,
): Promise<void> {
  if (filters.portal) {
    const found = await db
      .selectFrom('portals')
      .select('id')
      .where('id', '=', filters.portal)
      .where('organization_id', '=', scope.organizationId)
      .executeTakeFirst();
    if (!found) throw ProblemError.notFound('No such portal.');
  }
  if (filters.team) {
    const found = teams.some((t) => t.id === filters.team);
    if (!found || (scope.teamIds && !scope.teamIds.includes(filters.team)))
      throw ProblemError.notFound('No such team in your reports.');
  }
  if (filters.agent) {
    const found = await db
      .selectFrom('users')
      .select('id')
      .where('id', '=', filters.agent)
      .where('organization_id', '=', scope.organizationId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!found || (scope.agentId && scope.agentId !== filters.agent))
      throw ProblemError.notFound('No such agent in your reports.');
  }
}
