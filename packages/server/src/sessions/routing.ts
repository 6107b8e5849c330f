import type { DatabaseHandle } from '../db/connect.js';

/**
 * Where a new session of a device goes (VS-1, VS-3, MC-6): the device with its portal's features,
 * hours and routing — its own team, else the portal's first team — and its assigned agent (while not
 * deleted); `undefined` for a device not in the organization or deleted. Kept in the read cache
 * until one of the tables it reads is written (issue 13: read on every session creation). The value
 * is shared: callers copy, never change it.
 */
export function deviceRouting(handle: DatabaseHandle, organizationId: string, deviceId: string) {
  return handle.cache.get(
    `device-routing:${organizationId}:${deviceId}`,
    ['devices', 'portals', 'portal_teams', 'users'],
    () =>
      handle.db
        .selectFrom('devices')
        .innerJoin('portals', 'portals.id', 'devices.portal_id')
        .leftJoin('users as assignee', (join) =>
          join.onRef('assignee.id', '=', 'devices.assignee_id').on('assignee.deleted_at', 'is', null),
        )
        .select((eb) => [
          'devices.id',
          'devices.team_id as device_team_id',
          'devices.portal_id',
          'portals.features',
          'portals.time_zone',
          'portals.business_hours',
          'portals.holidays',
          'portals.outside_hours',
          // Routing (MC-6): the device's team, else the portal's first assigned team.
          eb
            .selectFrom('portal_teams')
            .select('portal_teams.team_id')
            .whereRef('portal_teams.portal_id', '=', 'devices.portal_id')
            .orderBy('portal_teams.position')
            .limit(1)
            .as('portal_team_id'),
          // VS-3: a device assigned to an agent sends its requests to that agent (while not deleted).
          'assignee.id as device_assignee_id',
          'assignee.display_name as device_assignee_name',
        ])
        .where('devices.id', '=', deviceId)
        .where('devices.organization_id', '=', organizationId)
        .where('devices.deleted_at', 'is', null)
        .executeTakeFirst(),
  );
}
