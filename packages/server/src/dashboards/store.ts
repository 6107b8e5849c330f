import { randomBytes } from 'node:crypto';
import { type Actor, type DashboardAccess, dashboardAccess, mayKeepDashboards } from '@sightline/core/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DashboardsTable, Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import type { DashboardWire, Monitor } from './schemas.js';

export type DashboardRow = Selectable<DashboardsTable> & { owner_name: string };

/** Dashboards of an organization with their owner's name. */
export function dashboardsQuery(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('dashboards')
    .innerJoin('users', 'users.id', 'dashboards.owner_id')
    .selectAll('dashboards')
    .select('users.display_name as owner_name')
    .where('dashboards.organization_id', '=', organizationId);
}

/** The caller's access to a dashboard row. */
export function accessTo(actor: Actor, row: DashboardRow): DashboardAccess {
  return dashboardAccess(actor, {
    organizationId: row.organization_id,
    ownerId: row.owner_id,
    sharedWith: row.shared_with,
    sharedWithOrganization: row.shared_with_organization,
  });
}

/**
 * The dashboard `id` as `actor` may reach it (MC-7): 403 for callers who keep no dashboards, 404
 * when the organization has none of that id, 403 when it is neither theirs nor shared with them,
 * and 403 when `own` is required but it is only shared with them.
 */
export async function reachDashboard(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  need: 'view' | 'own',
): Promise<{ row: DashboardRow; access: 'own' | 'view' }> {
  if (!mayKeepDashboards(actor)) throw ProblemError.forbidden('Only managers keep dashboards.');
  const row = (await dashboardsQuery(db, actor.organizationId)
    .where('dashboards.id', '=', id)
    .executeTakeFirst()) as DashboardRow | undefined;
  if (!row) throw ProblemError.notFound('No dashboard with this id.');
  const access = accessTo(actor, row);
  if (access === 'none') throw ProblemError.forbidden('This dashboard is not shared with you.');
  if (need === 'own' && access !== 'own')
    throw ProblemError.forbidden('Only the dashboard’s owner changes or deletes it.');
  return { row, access };
}

export function dashboardToWire(row: DashboardRow, access: 'own' | 'view'): DashboardWire {
  return {
    id: row.id,
    name: row.name,
    owner: { id: row.owner_id, displayName: row.owner_name },
    monitors: row.monitors as Monitor[],
    sharedWith: row.shared_with,
    sharedWithOrganization: row.shared_with_organization,
    access,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Gives every monitor an id (kept when given; unique within the dashboard). */
export function withMonitorIds(monitors: readonly Monitor[]): Monitor[] {
  const seen = new Set<string>();
  return monitors.map((m) => {
    let id = m.id;
    if (id === undefined || seen.has(id)) id = `m${randomBytes(4).toString('hex')}`;
    seen.add(id);
    return { ...m, id };
  });
}

/**
 * Checks what a dashboard names against the organization: shares go to its managers (not the
 * owner), monitor filters name its portals and teams. 400 with the offending fields otherwise.
 */
export async function assertReferences(
  db: Kysely<Database>,
  organizationId: string,
  ownerId: string,
  input: { monitors?: readonly Monitor[] | undefined; sharedWith?: readonly string[] | undefined },
): Promise<void> {
  const errors: { path: string; message: string }[] = [];
  const shares = [...new Set(input.sharedWith ?? [])];
  if (shares.length > 0) {
    const managers = await db
      .selectFrom('users')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .where('role', 'in', ['company-manager', 'team-manager'])
      .where('id', 'in', shares)
      .execute();
    const known = new Set(managers.map((m) => m.id));
    const bad = shares.filter((id) => !known.has(id) || id === ownerId);
    if (bad.length > 0)
      errors.push({
        path: 'body.sharedWith',
        message: `Not another manager of this organization: ${bad.join(', ')}.`,
      });
  }
  const monitors = input.monitors ?? [];
  const portals = [...new Set(monitors.flatMap((m) => ('portalId' in m && m.portalId ? [m.portalId] : [])))];
  const teams = [...new Set(monitors.flatMap((m) => (m.teamId ? [m.teamId] : [])))];
  const [foundPortals, foundTeams] = await Promise.all([
    portals.length
      ? db
          .selectFrom('portals')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('id', 'in', portals)
          .execute()
      : [],
    teams.length
      ? db
          .selectFrom('teams')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('id', 'in', teams)
          .execute()
      : [],
  ]);
  monitors.forEach((m, i) => {
    if ('portalId' in m && m.portalId && !foundPortals.some((p) => p.id === m.portalId))
      errors.push({ path: `body.monitors.${i}.portalId`, message: 'No such portal.' });
    if (m.teamId && !foundTeams.some((t) => t.id === m.teamId))
      errors.push({ path: `body.monitors.${i}.teamId`, message: 'No such team.' });
  });
  if (errors.length > 0) throw ProblemError.badRequest('The dashboard cannot be saved as given.', errors);
}
