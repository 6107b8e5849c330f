import type { PortalFeatures } from '@sightline/core/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PortalsTable } from '../db/schema.js';
import type { PortalWire } from './schemas.js';

export type PortalRow = Selectable<PortalsTable>;

/** A portal row with its sub-portals and teams, as one query returns it. */
export interface PortalBundle extends PortalRow {
  sub_portals: { id: string; name: string; slug: string }[];
  team_ids: string[];
}

/**
 * Portals of an organization (one, with `id`) with their sub-portals and teams, in one round trip,
 * by name.
 */
export async function readPortals(
  db: Kysely<Database>,
  organizationId: string,
  id?: string,
): Promise<PortalBundle[]> {
  let query = db
    .selectFrom('portals')
    .selectAll('portals')
    .select([
      sql<PortalBundle['sub_portals']>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name,
        'slug', s.slug) order by s.position) from sub_portals s where s.portal_id = portals.id), '[]'::json)`.as(
        'sub_portals',
      ),
      sql<string[]>`coalesce((select json_agg(t.team_id order by t.position) from portal_teams t
        where t.portal_id = portals.id), '[]'::json)`.as('team_ids'),
    ])
    .where('portals.organization_id', '=', organizationId)
    .orderBy('portals.name')
    .orderBy('portals.id');
  if (id !== undefined) query = query.where('portals.id', '=', id);
  return query.execute();
}

/** The wire form of a portal. */
export function portalToWire(row: PortalBundle): PortalWire {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    slug: row.slug,
    subPortals: row.sub_portals,
    teamIds: row.team_ids,
    features: row.features as PortalFeatures,
    localRecordingsOnly: row.local_recordings_only,
    reportEmail: row.report_email,
    timeZone: row.time_zone,
    businessHours: row.business_hours,
    holidays: row.holidays,
    outsideHours: row.outside_hours,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
