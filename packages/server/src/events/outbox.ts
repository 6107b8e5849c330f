import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import { atCommit } from '../db/pglite-dialect.js';
import type { Database } from '../db/schema.js';

/** Kinds of events on `GET /v1/events`, declared once: the contract's `Event.type` enum is this list. */
export const streamEventTypes = [
  'session.created',
  'session.changed',
  'consent.recorded',
  'call.started',
  'call.ended',
  'screenshot.saved',
  'screenshot.annotated',
  'message.created',
  'summary.created',
  'summary.updated',
  'summary.deleted',
  'rating.created',
  'presence.changed',
  'recording.started',
  'recording.stopped',
  'recording.available',
  'recording.deleted',
] as const;
/** One of {@link streamEventTypes}. */
export type EventType = (typeof streamEventTypes)[number];

export interface OutboxEvent {
  organizationId: string;
  type: EventType;
  sessionId: string;
  /** Who may see it: the session's device, team and assignees at the time of the change. */
  scope: { deviceId: string; teamId: string | null; assigneeIds: string[]; portalId?: string };
  data: Record<string, unknown>;
}

/** The columns of one outbox row, as written. */
interface OutboxValues {
  organization_id: string;
  type: string;
  session_id: string | null;
  scope: string;
  data: string;
}

/**
 * Writes one outbox row in the caller's transaction. On PostgreSQL the statement first takes the
 * advisory lock that serializes appenders until commit (one round trip for both): ids then become
 * visible in increasing order, and a reader resuming after id N can never miss a smaller id
 * committed later. On PGlite (one connection: transactions run one at a time) the row goes with the
 * transaction's COMMIT, one round trip less ({@link atCommit}); nothing reads the outbox back inside
 * the transaction that appends to it. Streams on every replica wake when the transaction commits
 * (its write announcement names the outbox; see db/connect.ts).
 */
async function insertOutbox(trx: Kysely<Database>, handle: DatabaseHandle, row: OutboxValues): Promise<void> {
  if (handle.kind === 'pglite') {
    await trx.executeQuery(atCommit(trx.insertInto('outbox').values(row).compile()));
    return;
  }
  await sql`insert into outbox (organization_id, type, session_id, scope, data)
    select ${row.organization_id}, ${row.type}, ${row.session_id}, ${row.scope}::jsonb, ${row.data}::jsonb
    from (select pg_advisory_xact_lock(727275)) as serialized`.execute(trx);
}

/**
 * Appends an event inside the transaction that makes the change, so an event exists if and only if
 * the change committed (ordered as {@link insertOutbox} says).
 */
export async function appendEvent(
  trx: Kysely<Database>,
  handle: DatabaseHandle,
  event: OutboxEvent,
): Promise<void> {
  await insertOutbox(trx, handle, {
    organization_id: event.organizationId,
    type: event.type,
    session_id: event.sessionId,
    scope: JSON.stringify(event.scope),
    data: JSON.stringify(event.data),
  });
}

/** Changes to the organization's structure and settings (MC-3, MC-5), not tied to a session. */
export type OrganizationEventType =
  | 'team.created'
  | 'team.updated'
  | 'team.deleted'
  | 'team.settings.updated'
  | 'user.settings.updated'
  | 'agent.moved'
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'device.created'
  | 'device.updated'
  | 'device.deleted'
  | 'access-code.created'
  | 'access-code.revoked'
  | 'presence.changed';

/**
 * Appends an organization event (no session) in the caller's transaction, with the same ordering
 * guarantee as {@link appendEvent}. `teamId` is the team it concerns; session streams skip these
 * rows (they carry no session), webhooks and audit readers take them.
 */
export async function appendOrganizationEvent(
  trx: Kysely<Database>,
  handle: DatabaseHandle,
  event: {
    organizationId: string;
    type: OrganizationEventType;
    teamId: string | null;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await insertOutbox(trx, handle, {
    organization_id: event.organizationId,
    type: event.type,
    session_id: null,
    scope: JSON.stringify({ deviceId: null, teamId: event.teamId, assigneeIds: [] }),
    data: JSON.stringify(event.data),
  });
}
