import { randomUUID } from 'node:crypto';
import {
  isEligibleAssignee,
  mayAdministerDevices,
  mayEditDevice,
  type TeamNode,
} from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { Principal } from '../context.js';
import type { Database } from '../db/schema.js';
import { peekInput } from '../http/deferred-input.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import type { CreateDeviceInput, PatchDeviceInput } from './schemas.js';
import { type DeviceRow, findDevice } from './store.js';

type FieldError = { path: string; message: string };

/** The device fields after a create or a patch: what the reference checks look at. */
interface Target {
  portalId: string;
  teamId: string | null;
  assigneeId: string | null;
  managed: boolean;
  policy: { summaries: boolean; enforced: boolean } | null;
}

/** Live teams of the organization (a deleted team takes no new devices). */
async function liveTeams(
  trx: Kysely<Database>,
  organizationId: string,
): Promise<(TeamNode & { live: boolean })[]> {
  const rows = await trx
    .selectFrom('teams')
    .select(['id', 'parent_id', 'deleted_at'])
    .where('organization_id', '=', organizationId)
    .execute();
  return rows.map((t) => ({ id: t.id, parentId: t.parent_id, live: t.deleted_at === null }));
}

/**
 * Every reference a device write makes, checked at once (400 with one error per field): the portal
 * is the organization's, the team a live team of it, the assignee a live agent of the device's team
 * or below (SI-4: only managed devices carry a policy). `changed` names the fields the request set,
 * so an error points at what the caller can fix.
 */
async function checkTarget(
  trx: Kysely<Database>,
  organizationId: string,
  target: Target,
  changed: ReadonlySet<string>,
  teams: (TeamNode & { live: boolean })[],
): Promise<void> {
  const errors: FieldError[] = [];
  if (changed.has('portalId')) {
    const portal = await trx
      .selectFrom('portals')
      .select('id')
      .where('id', '=', target.portalId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (!portal) errors.push({ path: 'body.portalId', message: 'Not a portal of this organization' });
  }
  const teamOk = target.teamId === null || teams.some((t) => t.id === target.teamId && t.live);
  if (changed.has('teamId') && !teamOk)
    errors.push({ path: 'body.teamId', message: 'Not a team of this organization' });
  if (target.assigneeId !== null && teamOk && (changed.has('assigneeId') || changed.has('teamId'))) {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'team_id', 'deleted_at'])
      .where('id', '=', target.assigneeId)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    const path = changed.has('assigneeId') ? 'body.assigneeId' : 'body.teamId';
    if (!user) {
      errors.push({ path: 'body.assigneeId', message: 'Not a user of this organization' });
    } else if (user.deleted_at !== null) {
      errors.push({ path: 'body.assigneeId', message: 'This user has been deleted' });
    } else if (user.role !== 'agent') {
      errors.push({ path: 'body.assigneeId', message: 'Devices are assigned to agents' });
    } else if (
      !isEligibleAssignee(
        { userId: user.id, organizationId, role: user.role, teamId: user.team_id, deleted: false },
        { organizationId, teamId: target.teamId },
        teams,
      )
    ) {
      errors.push({
        path,
        message:
          path === 'body.teamId'
            ? 'The assigned agent is not in this team or a team below it; change or clear assigneeId too'
            : 'This agent is not in the device’s team or a team below it',
      });
    }
  }
  if (target.policy !== null && !target.managed) {
    errors.push({
      path: changed.has('policy') ? 'body.policy' : 'body.managed',
      message: 'Only managed devices carry a policy (SI-4); set policy to null first',
    });
  }
  if (errors.length > 0) throw ProblemError.badRequest('The device cannot be saved as given.', errors);
}

/** `POST /v1/devices`: company managers register devices (MC-1, VS-1). */
export async function createDevice(
  trx: Kysely<Database>,
  principal: Principal,
  input: CreateDeviceInput,
  now: Date,
  fixed: { id?: string } = {},
): Promise<DeviceRow> {
  const organizationId = principal.actor.organizationId;
  if (!mayAdministerDevices(principal.actor, organizationId)) {
    throw ProblemError.forbidden('Only company managers may register devices.');
  }
  const target: Target = {
    portalId: input.portalId,
    teamId: input.teamId ?? null,
    assigneeId: input.assigneeId ?? null,
    managed: input.managed ?? false,
    policy: input.policy ?? null,
  };
  const teams = await liveTeams(trx, organizationId);
  await checkTarget(trx, organizationId, target, new Set(Object.keys(input)), teams);
  const id = fixed.id ?? randomUUID();
  await trx
    .insertInto('devices')
    .values({
      id,
      organization_id: organizationId,
      portal_id: target.portalId,
      team_id: target.teamId,
      assignee_id: target.assigneeId,
      name: input.name,
      managed: target.managed,
      policy: target.policy ? JSON.stringify(target.policy) : null,
      summary_access: input.summaryAccess ?? 'after-confirmation',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const row = await findDevice(trx, organizationId, id);
  if (!row) throw new Error('device vanished after insert');
  return row;
}

const ADMIN_FIELDS = ['portalId', 'managed', 'policy'] as const;

/** Refuses a caller who may not change this device at all (403 naming why); 404 is decided before. */
function authorizeDevice(principal: Principal, device: DeviceRow, teams: readonly TeamNode[]): void {
  const { actor } = principal;
  if (actor.kind === 'customer') {
    if (actor.deviceId !== device.id) throw ProblemError.forbidden('You may only change your own device.');
    if (actor.sessionId !== undefined) {
      throw ProblemError.forbidden('An invitation to one session does not change the device.');
    }
    return;
  }
  if (actor.kind === 'integration') throw ProblemError.forbidden('Integration tokens do not change devices.');
  if (mayAdministerDevices(actor, device.organization_id)) return;
  const scope = { organizationId: device.organization_id, teamId: device.team_id };
  if (!mayEditDevice(actor, scope, teams)) {
    throw ProblemError.forbidden(
      actor.role === 'team-manager'
        ? 'Team managers edit devices of the teams they manage, with the agents.edit right.'
        : 'Only company managers, and team managers of the device’s team, may change devices.',
    );
  }
}

/** Which fields a caller who may change the device ({@link authorizeDevice}) may change. */
function authorizeFields(
  principal: Principal,
  device: DeviceRow,
  patch: PatchDeviceInput,
  teams: readonly TeamNode[],
): void {
  const { actor } = principal;
  const fields = Object.keys(patch);
  if (actor.kind === 'customer') {
    const other = fields.filter((f) => f !== 'summaryAccess');
    if (other.length > 0) {
      throw ProblemError.forbidden(`A device’s user may change only summaryAccess, not ${other.join(', ')}.`);
    }
    if (device.policy?.enforced && patch.summaryAccess !== undefined) {
      throw new ProblemError(
        403,
        'policy-enforced',
        'The organization’s policy fixes the summary setting of this device (SI-3, SI-4).',
      );
    }
    return;
  }
  if (actor.kind !== 'staff' || mayAdministerDevices(actor, device.organization_id)) return;
  const admin = ADMIN_FIELDS.filter((f) => f in patch);
  if (admin.length > 0) {
    throw ProblemError.forbidden(`Only company managers may change a device’s ${admin.join(', ')}.`);
  }
  const scope = { organizationId: device.organization_id, teamId: device.team_id };
  if (patch.teamId !== undefined && !mayEditDevice(actor, { ...scope, teamId: patch.teamId }, teams)) {
    throw ProblemError.forbidden('You may move a device only to a team you manage.');
  }
}

/** `PATCH /v1/devices/{id}`: who may change the device is in {@link authorizeDevice}, which fields in {@link authorizeFields}; If-Match honoured. */
export async function updateDevice(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  /** Read after the device is found, the caller may change it and `If-Match` holds (http/deferred-input.ts). */
  readPatch: () => PatchDeviceInput,
  ifMatch: string | undefined,
  now: Date,
): Promise<DeviceRow> {
  const organizationId = principal.actor.organizationId;
  const locked = await trx
    .selectFrom('devices')
    .select('id')
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  const device = locked ? await findDevice(trx, organizationId, id) : undefined;
  if (!device) throw ProblemError.notFound('No device with this id.');
  const teams = await liveTeams(trx, organizationId);
  authorizeDevice(principal, device, teams);
  // Which fields: before If-Match when the patch can be read (a stale version tells nothing).
  const peeked = peekInput(readPatch);
  if (peeked) authorizeFields(principal, device, peeked, teams);
  checkIfMatch(ifMatch, device.version, 'The device changed since you read it; reload and retry.');
  const patch = readPatch();
  authorizeFields(principal, device, patch, teams);
  const target: Target = {
    portalId: patch.portalId ?? device.portal_id,
    teamId: patch.teamId !== undefined ? patch.teamId : device.team_id,
    assigneeId: patch.assigneeId !== undefined ? patch.assigneeId : device.assignee_id,
    managed: patch.managed ?? device.managed,
    policy: patch.policy !== undefined ? patch.policy : device.policy,
  };
  await checkTarget(trx, organizationId, target, new Set(Object.keys(patch)), teams);
  if (Object.keys(patch).length === 0) return device;
  await trx
    .updateTable('devices')
    .set({
      name: patch.name ?? device.name,
      portal_id: target.portalId,
      team_id: target.teamId,
      assignee_id: target.assigneeId,
      managed: target.managed,
      policy: target.policy ? JSON.stringify(target.policy) : null,
      summary_access: patch.summaryAccess ?? device.summary_access,
      version: device.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  const row = await findDevice(trx, organizationId, id);
  if (!row) throw new Error('device vanished after update');
  return row;
}

/**
 * `DELETE /v1/devices/{id}` (company managers): a soft delete — sessions keep naming the device —
 * that revokes its access codes in the same step, so its customer tokens stop working.
 */
export async function deleteDevice(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  ifMatch: string | undefined,
  now: Date,
): Promise<void> {
  const organizationId = principal.actor.organizationId;
  const device = await trx
    .selectFrom('devices')
    .select(['id', 'version'])
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!device) throw ProblemError.notFound('No device with this id.');
  if (!mayAdministerDevices(principal.actor, organizationId)) {
    throw ProblemError.forbidden('Only company managers may delete devices.');
  }
  checkIfMatch(ifMatch, device.version, 'The device changed since you read it; reload and retry.');
  await trx
    .updateTable('devices')
    .set({ deleted_at: now, updated_at: now, version: device.version + 1 })
    .where('id', '=', id)
    .execute();
  await trx
    .updateTable('access_codes')
    .set({ revoked_at: now })
    .where('device_id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
