import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { canActAsStaff, type TeamNode } from '@sightline/core/domain';
import type { AppEnv, Principal, Services } from '../context.js';
import type { PortalFeaturesColumn } from '../db/schema.js';
import { bearer, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';

export const DeviceSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    teamId: z.string().nullable(),
    summaryAccess: z.enum(['allowed', 'denied', 'after-confirmation']),
    portal: z.object({
      id: z.string(),
      name: z.string(),
      requestsEnabled: z.boolean().openapi({ description: 'Customers may request sessions (VS-2).' }),
      recordingEnabled: z.boolean().openapi({ description: 'Sessions may be recorded (VS-10).' }),
    }),
  })
  .openapi('Device');

const DeviceList = z.object({ items: z.array(DeviceSchema) }).openapi('DeviceList');

const listDevices = createRoute({
  method: 'get',
  path: '/v1/devices',
  operationId: 'listDevices',
  tags: ['devices'],
  summary: 'Devices the caller may act for',
  security: bearer,
  responses: { 200: jsonResponse(DeviceList, 'Devices'), ...problems(401) },
});

const getDevice = createRoute({
  method: 'get',
  path: '/v1/devices/{id}',
  operationId: 'getDevice',
  tags: ['devices'],
  summary: 'One device',
  security: bearer,
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: { 200: jsonResponse(DeviceSchema, 'The device'), ...problems(401, 403, 404) },
});

type DeviceRow = {
  id: string;
  organization_id: string;
  name: string;
  team_id: string | null;
  summary_access: string;
  portal_id: string;
  portal_name: string;
  features: PortalFeaturesColumn;
};

function toWire(row: DeviceRow): z.infer<typeof DeviceSchema> {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    teamId: row.team_id,
    summaryAccess: row.summary_access as z.infer<typeof DeviceSchema>['summaryAccess'],
    portal: {
      id: row.portal_id,
      name: row.portal_name,
      requestsEnabled: row.features.requests !== 'off',
      recordingEnabled: row.features.recording !== 'off',
    },
  };
}

/** The customer of the device, or staff responsible for its team (the domain's VS-7 rule). */
function mayAccessDevice(principal: Principal, row: DeviceRow, teams: readonly TeamNode[]): boolean {
  const { actor } = principal;
  if (actor.kind === 'customer') return actor.deviceId === row.id;
  return canActAsStaff(
    actor,
    { organizationId: row.organization_id, teamId: row.team_id, assigneeIds: [] },
    teams,
  );
}

/** `GET /v1/devices` and `GET /v1/devices/{id}`. */
export function registerDeviceRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  const base = (organizationId: string) =>
    db
      .selectFrom('devices')
      .innerJoin('portals', 'portals.id', 'devices.portal_id')
      .select([
        'devices.id',
        'devices.organization_id',
        'devices.name',
        'devices.team_id',
        'devices.summary_access',
        'devices.portal_id',
        'portals.name as portal_name',
        'portals.features',
      ])
      .where('devices.organization_id', '=', organizationId);

  app.openapi(listDevices, async (c) => {
    const principal = c.get('principal');
    const teams = await services.teamsOf(principal.actor.organizationId);
    let query = base(principal.actor.organizationId).orderBy('devices.name').orderBy('devices.id');
    if (principal.actor.kind === 'customer') query = query.where('devices.id', '=', principal.actor.deviceId);
    const rows = await query.execute();
    return c.json({ items: rows.filter((r) => mayAccessDevice(principal, r, teams)).map(toWire) }, 200);
  });

  app.openapi(getDevice, async (c) => {
    const principal = c.get('principal');
    const row = await base(principal.actor.organizationId)
      .where('devices.id', '=', c.req.valid('param').id)
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No device with this id.');
    const teams = await services.teamsOf(principal.actor.organizationId);
    if (!mayAccessDevice(principal, row, teams)) throw ProblemError.forbidden('You may not see this device.');
    return c.json(toWire(row), 200);
  });
}
