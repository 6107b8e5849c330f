import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { mayEditDevice } from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { clientIp } from '../http/client-ip.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { accessCodeToWire, addAccessCode, qrSvg, requestPageUrl } from './access-codes.js';
import {
  AccessCodeList,
  AccessCodeParams,
  CreateAccessCodeRequest,
  DeviceIdParams,
  NewAccessCodeSchema,
} from './schemas.js';

const listCodes = createRoute({
  method: 'get',
  path: '/v1/devices/{id}/access-codes',
  operationId: 'listAccessCodes',
  tags: ['devices'],
  summary: 'A device’s access codes, newest first — hints and status, never the codes',
  security: bearer,
  request: { params: DeviceIdParams },
  responses: { 200: jsonResponse(AccessCodeList, 'Access codes'), ...problems(401, 403, 404) },
});

const createCode = createRoute({
  method: 'post',
  path: '/v1/devices/{id}/access-codes',
  operationId: 'createAccessCode',
  tags: ['devices'],
  summary: 'Create an access code (or rotate: revoke the others); the code and its QR code are shown once',
  description:
    'The answer carries the code, which is stored only as a hash; so the QR code exists only in this answer, and an `Idempotency-Key` cannot be replayed here (a retry makes another code — revoke the spare one).',
  security: bearer,
  request: { params: DeviceIdParams, body: { ...jsonBody(CreateAccessCodeRequest), required: false } },
  responses: {
    201: jsonResponse(NewAccessCodeSchema, 'The new code'),
    ...problems(400, 401, 403, 404, 409, 413, 429),
  },
});

const revokeCode = createRoute({
  method: 'delete',
  path: '/v1/devices/{id}/access-codes/{codeId}',
  operationId: 'revokeAccessCode',
  tags: ['devices'],
  summary: 'Revoke an access code: customer tokens issued with it stop working at once',
  security: bearer,
  request: { params: AccessCodeParams },
  responses: { 204: { description: 'Revoked (also when it already was)' }, ...problems(401, 403, 404) },
});

/**
 * The live device of the organization whose codes the caller manages: 404 for other organizations,
 * deleted or unknown devices; 403 unless the caller may edit the device (company managers, team
 * managers with agents.edit for their teams).
 */
async function managedDevice(services: Services, db: Kysely<Database>, principal: Principal, id: string) {
  const organizationId = principal.actor.organizationId;
  const device = await db
    .selectFrom('devices')
    .select(['id', 'team_id'])
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!device) throw ProblemError.notFound('No device with this id.');
  const teams = await services.teamsOf(organizationId);
  if (!mayEditDevice(principal.actor, { organizationId, teamId: device.team_id }, teams)) {
    throw ProblemError.forbidden(
      'Access codes are managed by company managers, and by team managers with agents.edit for their teams’ devices.',
    );
  }
  return device;
}

/** `GET/POST /v1/devices/{id}/access-codes`, `DELETE /v1/devices/{id}/access-codes/{codeId}`. */
export function registerAccessCodeRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listCodes, async (c) => {
    const principal = c.get('principal');
    const device = await managedDevice(services, db, principal, c.req.valid('param').id);
    const rows = await db
      .selectFrom('access_codes')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('organization_id', '=', principal.actor.organizationId)
      // Invitations to one session are listed with their session.
      .where('session_id', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const now = services.clock();
    return c.json({ items: rows.map((r) => accessCodeToWire(r, now)) }, 200);
  });

  app.openapi(createCode, async (c) => {
    const principal = c.get('principal');
    const device = await managedDevice(services, db, principal, c.req.valid('param').id);
    const input = c.req.valid('json') ?? {};
    const now = services.clock();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw ProblemError.badRequest('The expiry must lie in the future.', [
        { path: 'body.expiresAt', message: 'Must be in the future' },
      ]);
    }
    const { actor } = principal;
    if (input.code !== undefined && actor.kind === 'staff') {
      // A chosen code that is taken answers 409, which says a code exists: slow down probing.
      await services.requests.hit('custom-access-code', clientIp(c), [
        {
          scope: 'identifier',
          identifier: actor.userId,
          maxAttempts: services.config.authAttemptsPerMinute,
          windowSeconds: 60,
        },
      ]);
    }
    const { row, code } = await db.transaction().execute(async (trx) => {
      const made = await addAccessCode(trx, {
        organizationId: actor.organizationId,
        deviceId: device.id,
        createdBy: actor.kind === 'staff' ? actor.userId : null,
        code: input.code,
        expiresAt,
        rotate: input.rotate === true,
        now,
      });
      await appendOrganizationEvent(trx, services.handle, {
        organizationId: actor.organizationId,
        type: 'access-code.created',
        teamId: device.team_id,
        data: {
          accessCode: accessCodeToWire(made.row, now),
          rotated: input.rotate === true,
          by: principal.subject,
        },
      });
      return made;
    });
    services.handle.notifier.notify();
    const url = requestPageUrl(services.config.publicUrl, code);
    return c.json({ ...accessCodeToWire(row, now), code, requestUrl: url, qrSvg: await qrSvg(url) }, 201, {
      Location: `/v1/devices/${device.id}/access-codes/${row.id}`,
    });
  });

  app.openapi(revokeCode, async (c) => {
    const principal = c.get('principal');
    const { id, codeId } = c.req.valid('param');
    const device = await managedDevice(services, db, principal, id);
    const code = await db
      .selectFrom('access_codes')
      .select(['id', 'revoked_at'])
      .where('id', '=', codeId)
      .where('device_id', '=', device.id)
      .where('session_id', 'is', null)
      .where('organization_id', '=', principal.actor.organizationId)
      .executeTakeFirst();
    if (!code) throw ProblemError.notFound('No access code with this id on this device.');
    if (!code.revoked_at) {
      const now = services.clock();
      await db.transaction().execute(async (trx) => {
        const revoked = await trx
          .updateTable('access_codes')
          .set({ revoked_at: now })
          .where('id', '=', code.id)
          .where('revoked_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!revoked) return;
        await appendOrganizationEvent(trx, services.handle, {
          organizationId: principal.actor.organizationId,
          type: 'access-code.revoked',
          teamId: device.team_id,
          data: { accessCode: accessCodeToWire(revoked, now), by: principal.subject },
        });
      });
      services.handle.notifier.notify();
    }
    return c.body(null, 204);
  });
}
