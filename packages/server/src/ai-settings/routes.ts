import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  allSummaryPermissions,
  mayEditDevice,
  maySummary,
  SummaryPermission,
  summaryLanguages,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { AppEnv, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { updateDevice } from '../devices/service.js';
import { findDevice, mayAccessDevice } from '../devices/store.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { checkIfMatch, versionEtag } from '../http/etag.js';
import { bearer, IfMatchHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { summaryPermissionsOf } from './permissions.js';

const Permission = z.enum(allSummaryPermissions as [string, ...string[]]);

const AiSettingsBody = z.strictObject({
  summariesEnabled: z.boolean().openapi({ description: 'SI-1: AI summaries at all.' }),
  outgoing: z.strictObject({
    enabled: z.boolean(),
    scope: z.enum(['all', 'selected-portals']).openapi({ description: 'SI-2' }),
  }),
  incoming: z.strictObject({
    enabled: z.boolean(),
    scope: z.enum(['all-devices', 'policy-devices']).openapi({ description: 'SI-4' }),
  }),
  language: z.enum(summaryLanguages as ['en', 'de', 'es', 'pt']).openapi({
    description: 'SI-10: language of the summaries’ fixed parts (headings, issue type, outcome).',
  }),
  permissions: z
    .strictObject({ 'team-manager': z.array(Permission).max(10), agent: z.array(Permission).max(10) })
    .openapi({ description: 'SI-5: what each role may do; company managers hold everything.' }),
});

export const AiSettingsSchema = AiSettingsBody.extend({ version: z.number().int() }).openapi('AiSettings');
const PutAiSettingsRequest = AiSettingsBody.openapi('PutAiSettingsRequest');

const Access = z.enum(['allowed', 'denied', 'after-confirmation']);
export const DeviceAiConsentSchema = z
  .object({
    deviceId: z.string(),
    access: Access,
    managed: z.boolean(),
    policy: z.object({ summaries: z.boolean(), enforced: z.boolean() }).nullable(),
    editable: z.boolean().openapi({
      description:
        'Whether the caller may change it: the device’s customer or its editors, and no enforced policy (SI-3, SI-4).',
    }),
    version: z.number().int(),
  })
  .openapi('DeviceAiConsent');
const PutDeviceAiConsent = z.strictObject({ access: Access }).openapi('PutDeviceAiConsentRequest');
const DeviceParams = z.object({ id: z.string().min(1).max(200) });

const getAi = createRoute({
  method: 'get',
  path: '/v1/settings/ai',
  operationId: 'getAiSettings',
  tags: ['settings'],
  summary: 'The organization’s AI-summary settings (SI-1, SI-2, SI-4, SI-5, SI-10)',
  description: 'Staff holding `ai.settings` or `summaries.view`.',
  security: bearer,
  responses: {
    200: jsonResponse(AiSettingsSchema, 'The settings (ETag carries their version)'),
    ...problems(401, 403),
  },
});

const putAi = createRoute({
  method: 'put',
  path: '/v1/settings/ai',
  operationId: 'putAiSettings',
  tags: ['settings'],
  summary: 'Replace the organization’s AI-summary settings',
  description:
    'Company managers, or holders of `ai.settings`; only company managers may change `permissions`.',
  security: bearer,
  request: { headers: IfMatchHeader, body: jsonBody(PutAiSettingsRequest) },
  responses: {
    200: jsonResponse(AiSettingsSchema, 'The settings after the change'),
    ...problems(400, 401, 403, 412, 413),
  },
});

const getConsent = createRoute({
  method: 'get',
  path: '/v1/devices/{id}/ai-consent',
  operationId: 'getDeviceAiConsent',
  tags: ['devices'],
  summary: 'A device’s AI-summary access control (SI-3): allowed, denied or after confirmation',
  description: 'The device’s customer and staff who may see the device.',
  security: bearer,
  request: { params: DeviceParams },
  responses: {
    200: jsonResponse(DeviceAiConsentSchema, 'The setting (ETag: the device’s version)'),
    ...problems(401, 403, 404),
  },
});

const putConsent = createRoute({
  method: 'put',
  path: '/v1/devices/{id}/ai-consent',
  operationId: 'putDeviceAiConsent',
  tags: ['devices'],
  summary: 'Set a device’s AI-summary access control (SI-3)',
  description:
    'The device’s customer from the customer side, or staff who may edit the device; refused (403 `policy-enforced`) while a managed-device policy is enforced.',
  security: bearer,
  request: { params: DeviceParams, headers: IfMatchHeader, body: jsonBody(PutDeviceAiConsent) },
  responses: {
    200: jsonResponse(DeviceAiConsentSchema, 'The setting after the change'),
    ...problems(400, 401, 403, 404, 412, 413),
  },
});

/** `/v1/settings/ai` and `/v1/devices/{id}/ai-consent` (SI-1…SI-5, SI-10). */
export function registerAiSettingsRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  /** Reads through `executor`: inside a transaction that is the transaction (PGlite has one connection). */
  async function readSettings(organizationId: string, executor: Kysely<Database> = db) {
    const row = await executor
      .selectFrom('organizations')
      .select(['ai_settings', 'summary_language', 'summary_permissions', 'version'])
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow();
    const permissions = summaryPermissionsOf(row.summary_permissions);
    return {
      summariesEnabled: row.ai_settings.summariesEnabled,
      outgoing: row.ai_settings.outgoing,
      incoming: row.ai_settings.incoming,
      language: row.summary_language as 'en',
      permissions: {
        'team-manager': [...(permissions['team-manager'] ?? [])],
        agent: [...(permissions.agent ?? [])],
      },
      version: row.version,
    };
  }

  function staffOnly(actor: AppEnv['Variables']['principal']['actor']) {
    if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff see AI settings.');
    return actor;
  }

  app.openapi(getAi, async (c) => {
    const actor = staffOnly(c.get('principal').actor);
    const settings = await readSettings(actor.organizationId);
    if (
      !maySummary(actor, SummaryPermission.settings, settings.permissions) &&
      !maySummary(actor, SummaryPermission.view, settings.permissions)
    ) {
      throw ProblemError.forbidden('Reading AI settings needs `ai.settings` or `summaries.view`.');
    }
    return c.json(settings, 200, { ETag: versionEtag(settings.version) });
  });

  app.openapi(putAi, async (c) => {
    const actor = staffOnly(c.get('principal').actor);
    const body = c.req.valid('json');
    const ifMatch = c.req.valid('header')['if-match'];
    const saved = await db.transaction().execute(async (trx) => {
      await sql`select id from organizations where id = ${actor.organizationId} for update`.execute(trx);
      const current = await readSettings(actor.organizationId, trx);
      if (!maySummary(actor, SummaryPermission.settings, current.permissions)) {
        throw ProblemError.forbidden('Changing AI settings needs the `ai.settings` permission.');
      }
      const same = (a: readonly string[], b: readonly string[]) =>
        [...a].sort().join() === [...b].sort().join();
      const permissionsChanged =
        !same(current.permissions['team-manager'], body.permissions['team-manager']) ||
        !same(current.permissions.agent, body.permissions.agent);
      if (permissionsChanged && !(actor.kind === 'staff' && actor.role === 'company-manager')) {
        throw ProblemError.forbidden('Only company managers grant summary permissions (SI-5).');
      }
      checkIfMatch(
        ifMatch,
        current.version,
        'The AI settings changed since you read them; reload and retry.',
      );
      await trx
        .updateTable('organizations')
        .set({
          ai_settings: JSON.stringify({
            summariesEnabled: body.summariesEnabled,
            outgoing: body.outgoing,
            incoming: body.incoming,
          }),
          summary_language: body.language,
          summary_permissions: JSON.stringify({
            'team-manager': [...new Set(body.permissions['team-manager'])],
            agent: [...new Set(body.permissions.agent)],
          }),
          version: current.version + 1,
          updated_at: services.clock(),
        })
        .where('id', '=', actor.organizationId)
        .execute();
      return { ...body, version: current.version + 1 };
    });
    const fresh = await readSettings(actor.organizationId);
    return c.json({ ...fresh, version: saved.version }, 200, { ETag: versionEtag(saved.version) });
  });

  type Device = NonNullable<Awaited<ReturnType<typeof findDevice>>>;
  type Principal = AppEnv['Variables']['principal'];

  /** Whether this caller may change the device's setting: its own customer, or its editors (SI-3). */
  const mayChange = (principal: Principal, d: Device, teams: Parameters<typeof mayEditDevice>[2]) =>
    principal.actor.kind === 'customer'
      ? principal.actor.deviceId === d.id
      : mayEditDevice(principal.actor, { organizationId: d.organization_id, teamId: d.team_id }, teams);

  const toConsent = (d: Device, editable: boolean) => ({
    deviceId: d.id,
    access: d.summary_access as 'allowed' | 'denied' | 'after-confirmation',
    managed: d.managed,
    policy: d.policy,
    editable: editable && !d.policy?.enforced,
    version: d.version,
  });

  /** The device as the caller may see it: 404 outside the organization, 403 inside without access. */
  async function visibleDevice(principal: Principal, id: string) {
    const device = await findDevice(db, principal.actor.organizationId, id);
    if (!device) throw ProblemError.notFound('No device with this id.');
    const teams = await services.teamsOf(principal.actor.organizationId);
    if (!mayAccessDevice(principal, device, teams)) {
      throw ProblemError.forbidden('You may not see this device.');
    }
    return { device, teams };
  }

  app.openapi(getConsent, async (c) => {
    const principal = c.get('principal');
    const { device, teams } = await visibleDevice(principal, c.req.valid('param').id);
    return c.json(toConsent(device, mayChange(principal, device, teams)), 200, {
      ETag: versionEtag(device.version),
    });
  });

  app.openapi(putConsent, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const { device: before } = await visibleDevice(principal, id);
    if (before.policy?.enforced) {
      // The policy decides for this device (SI-4); it is changed on the device itself, by its editors.
      throw new ProblemError(
        403,
        'policy-enforced',
        'The organization’s policy fixes the summary setting of this device (SI-3, SI-4).',
      );
    }
    const row = await db.transaction().execute(async (trx) => {
      const after = await updateDevice(
        trx,
        principal,
        id,
        () => ({ summaryAccess: c.req.valid('json').access }),
        c.req.valid('header')['if-match'],
        services.clock(),
      );
      if (after.version !== before.version || after.summary_access !== before.summary_access) {
        await appendOrganizationEvent(trx, services.handle, {
          organizationId: after.organization_id,
          type: 'device.updated',
          teamId: after.team_id,
          data: { deviceId: after.id, summaryAccess: after.summary_access, by: principal.subject },
        });
      }
      return after;
    });
    services.handle.notifier.notify();
    return c.json(toConsent(row, true), 200, { ETag: versionEtag(row.version) });
  });
}
