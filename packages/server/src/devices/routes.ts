import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { versionEtag } from '../http/etag.js';
import { idempotency } from '../http/idempotency.js';
import { bearer, IdempotencyKeyHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { registerAccessCodeRoutes } from './access-code-routes.js';
import {
  CreateDeviceRequest,
  DeviceIdParams,
  DeviceList,
  DeviceListQuery,
  DeviceSchema,
  PatchDeviceRequest,
} from './schemas.js';
import { createDevice, deleteDevice, updateDevice } from './service.js';
import { type DeviceRow, devicesQuery, deviceToWire, findDevice, mayAccessDevice } from './store.js';

export const DeviceIfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the device as last read; a stale one is refused with 412.',
  }),
});

const listDevices = createRoute({
  method: 'get',
  path: '/v1/devices',
  operationId: 'listDevices',
  tags: ['devices'],
  summary: 'Devices the caller may act for, by name (deleted ones excluded)',
  security: bearer,
  request: { query: DeviceListQuery },
  responses: { 200: jsonResponse(DeviceList, 'Devices'), ...problems(400, 401, 403) },
});

const getDevice = createRoute({
  method: 'get',
  path: '/v1/devices/{id}',
  operationId: 'getDevice',
  tags: ['devices'],
  summary: 'One device',
  security: bearer,
  request: { params: DeviceIdParams },
  responses: {
    200: jsonResponse(DeviceSchema, 'The device (ETag header carries its version)'),
    ...problems(401, 403, 404),
  },
});

const createDeviceRoute = createRoute({
  method: 'post',
  path: '/v1/devices',
  operationId: 'createDevice',
  tags: ['devices'],
  summary: 'Register a device in a portal, optionally for a team and an agent (company managers, VS-1, SI-4)',
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreateDeviceRequest) },
  responses: {
    201: jsonResponse(DeviceSchema, 'The new device (ETag header carries its version)'),
    ...problems(400, 401, 403, 413, 422),
  },
});

const patchDevice = createRoute({
  method: 'patch',
  path: '/v1/devices/{id}',
  operationId: 'updateDevice',
  tags: ['devices'],
  summary:
    'Change a device: name, team, agent, summary access (company managers; team managers with agents.edit for their teams); portal, managed, policy (company managers); summary access (its customer, SI-3)',
  security: bearer,
  request: { params: DeviceIdParams, headers: DeviceIfMatch, body: jsonBody(PatchDeviceRequest) },
  responses: {
    200: jsonResponse(DeviceSchema, 'The device after the change'),
    ...problems(400, 401, 403, 404, 412, 413),
  },
});

const deleteDeviceRoute = createRoute({
  method: 'delete',
  path: '/v1/devices/{id}',
  operationId: 'deleteDevice',
  tags: ['devices'],
  summary:
    'Delete a device: its sessions keep it, its access codes and customer tokens stop working (company managers)',
  security: bearer,
  request: { params: DeviceIdParams, headers: DeviceIfMatch },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 412) },
});

/** Devices (`/v1/devices…`) and their access codes (VS-1, VS-3, SI-3, SI-4). */
export function registerDeviceRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  /** An organization event (audit, webhooks) in the transaction of the change. */
  const deviceEvent = (
    trx: Kysely<Database>,
    type: 'device.created' | 'device.updated' | 'device.deleted',
    row: DeviceRow,
    principal: Principal,
  ) =>
    appendOrganizationEvent(trx, services.handle, {
      organizationId: row.organization_id,
      type,
      teamId: row.team_id,
      data: { device: deviceToWire(row), by: principal.subject },
    });

  app.openapi(listDevices, async (c) => {
    const principal = c.get('principal');
    const { actor } = principal;
    const includeDeleted = c.req.valid('query').includeDeleted === 'true';
    if (includeDeleted && !(actor.kind === 'staff' && actor.role === 'company-manager')) {
      throw ProblemError.forbidden('Only company managers list deleted devices.');
    }
    const teams = await services.teamsOf(actor.organizationId);
    let query = devicesQuery(db, actor.organizationId, includeDeleted);
    if (actor.kind === 'customer') query = query.where('devices.id', '=', actor.deviceId);
    const rows = (await query.execute()) as DeviceRow[];
    return c.json({ items: rows.filter((r) => mayAccessDevice(principal, r, teams)).map(deviceToWire) }, 200);
  });

  app.openapi(getDevice, async (c) => {
    const principal = c.get('principal');
    const row = await findDevice(db, principal.actor.organizationId, c.req.valid('param').id);
    if (!row) throw ProblemError.notFound('No device with this id.');
    const teams = await services.teamsOf(principal.actor.organizationId);
    if (!mayAccessDevice(principal, row, teams)) throw ProblemError.forbidden('You may not see this device.');
    return c.json(deviceToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.use('/v1/devices', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createDeviceRoute, async (c) => {
    const principal = c.get('principal');
    const input = c.req.valid('json');
    const row = await db.transaction().execute(async (trx) => {
      const made = await createDevice(trx, principal, input, services.clock());
      await deviceEvent(trx, 'device.created', made, principal);
      return made;
    });
    services.handle.notifier.notify();
    return c.json(deviceToWire(row), 201, {
      ETag: versionEtag(row.version),
      Location: `/v1/devices/${row.id}`,
    });
  });

  app.openapi(patchDevice, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    const row = await db.transaction().execute(async (trx) => {
      const readPatch = () => c.req.valid('json');
      const after = await updateDevice(trx, principal, id, readPatch, ifMatch, services.clock());
      if (Object.keys(readPatch()).length > 0) await deviceEvent(trx, 'device.updated', after, principal);
      return after;
    });
    services.handle.notifier.notify();
    return c.json(deviceToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(deleteDeviceRoute, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const ifMatch = c.req.valid('header')['if-match'];
    await db.transaction().execute(async (trx) => {
      await deleteDevice(trx, principal, id, ifMatch, services.clock());
      const gone = await findDevice(trx, principal.actor.organizationId, id, true);
      if (gone) await deviceEvent(trx, 'device.deleted', gone, principal);
    });
    services.handle.notifier.notify();
    return c.body(null, 204);
  });

  registerAccessCodeRoutes(app, services);
}
