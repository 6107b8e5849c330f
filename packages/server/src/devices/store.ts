import { canActAsStaff, explainSummaryDecision, type TeamNode } from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../context.js';
import type { AiSettings, Database, PortalFeaturesColumn } from '../db/schema.js';
import type { DeviceWire } from './schemas.js';

/** A device with its portal and its assignee's label, as {@link readDevices} returns it. */
export interface DeviceRow {
  id: string;
  organization_id: string;
  name: string;
  team_id: string | null;
  assignee_id: string | null;
  managed: boolean;
  policy: { summaries: boolean; enforced: boolean } | null;
  summary_access: string;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  portal_id: string;
  portal_name: string;
  features: PortalFeaturesColumn;
  /** The organization's AI switches (SI-1), for whether the customer is asked. */
  ai_settings: AiSettings;
  assignee_name: string | null;
  assignee_deleted: boolean | null;
}

/**
 * Devices of an organization with their portal and assignee in one round trip, by name; live ones
 * unless `includeDeleted`. Narrow further with the returned query builder.
 */
export function devicesQuery(db: Kysely<Database>, organizationId: string, includeDeleted = false) {
  let query = db
    .selectFrom('devices')
    .innerJoin('portals', 'portals.id', 'devices.portal_id')
    .innerJoin('organizations', 'organizations.id', 'devices.organization_id')
    .leftJoin('users as assignee', 'assignee.id', 'devices.assignee_id')
    .select([
      'devices.id',
      'devices.organization_id',
      'devices.name',
      'devices.team_id',
      'devices.assignee_id',
      'devices.managed',
      'devices.policy',
      'devices.summary_access',
      'devices.version',
      'devices.created_at',
      'devices.updated_at',
      'devices.deleted_at',
      'devices.portal_id',
      'portals.name as portal_name',
      'portals.features',
      'organizations.ai_settings',
      'assignee.display_name as assignee_name',
      sql<boolean | null>`assignee.deleted_at is not null`.as('assignee_deleted'),
    ])
    .where('devices.organization_id', '=', organizationId)
    .orderBy('devices.name')
    .orderBy('devices.id');
  if (!includeDeleted) query = query.where('devices.deleted_at', 'is', null);
  return query;
}

/**
 * Whether the device's customer is asked the AI-summary question (SI-3): the decision as far as it
 * is known before staff pick a session up (their "log sessions" switch assumed on) is `ask`. A
 * managed device under a policy, `allowed` or `denied` is never asked.
 */
function summaryQuestionFor(row: DeviceRow): boolean {
  return (
    explainSummaryDecision({
      ai: row.ai_settings,
      direction: row.managed ? 'incoming' : 'outgoing',
      portal: { summariesEnabled: row.features.summaries === 'on' || row.features.summaries === 'required' },
      device: {
        managed: row.managed,
        policy: row.policy
          ? { summaries: row.policy.summaries, enforced: row.policy.enforced === true }
          : undefined,
        summaryAccess: row.summary_access as 'allowed' | 'denied' | 'after-confirmation',
      },
      staff: { logSessions: true },
      customerAnswer: null,
    }).decision === 'ask'
  );
}

/** One device of the organization (deleted ones only with `includeDeleted`), or `undefined`. */
export async function findDevice(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
  includeDeleted = false,
): Promise<DeviceRow | undefined> {
  return (await devicesQuery(db, organizationId, includeDeleted)
    .where('devices.id', '=', id)
    .executeTakeFirst()) as DeviceRow | undefined;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire form of a device. */
export function deviceToWire(row: DeviceRow): DeviceWire {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    assignee: row.assignee_id
      ? { id: row.assignee_id, displayName: row.assignee_name ?? '', deleted: row.assignee_deleted === true }
      : null,
    managed: row.managed,
    policy: row.policy ? { summaries: row.policy.summaries, enforced: row.policy.enforced === true } : null,
    summaryAccess: row.summary_access as DeviceWire['summaryAccess'],
    portal: {
      id: row.portal_id,
      name: row.portal_name,
      requestsEnabled: row.features.requests !== 'off',
      recordingEnabled: row.features.recording !== 'off',
    },
    summaryQuestion: summaryQuestionFor(row),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(row.deleted_at ? { deletedAt: iso(row.deleted_at) } : {}),
  };
}

/**
 * Who sees a device: its customer; staff responsible for its team (the domain's VS-7 rule: company
 * managers, managers above the team, the team's agents); the agent it is assigned to.
 */
export function mayAccessDevice(
  principal: Principal,
  row: Pick<DeviceRow, 'id' | 'organization_id' | 'team_id' | 'assignee_id'>,
  teams: readonly TeamNode[],
): boolean {
  const { actor } = principal;
  if (actor.kind === 'customer') return actor.deviceId === row.id;
  if (actor.kind === 'integration') return false;
  if (actor.role === 'agent' && row.assignee_id === actor.userId) return true;
  return canActAsStaff(
    actor,
    { organizationId: row.organization_id, teamId: row.team_id, assigneeIds: [] },
    teams,
  );
}
