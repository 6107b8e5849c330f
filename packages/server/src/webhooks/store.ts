import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import type { Database, WebhookDeliveriesTable, WebhookEndpointsTable } from '../db/schema.js';
import type { WebhookEndpointWire } from './schemas.js';

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** Where the fan-out has read the outbox to (a `settings` row: one cursor per database). */
export const CURSOR_KEY = 'webhooks.outbox_cursor';

/** A new signing secret: `whsec_` and 32 random bytes in base64, what `standardwebhooks` expects. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export const newEndpointId = () => `wh_${randomUUID()}`;
export const newDeliveryId = () => `msg_${randomUUID()}`;

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export function endpointToWire(row: EndpointRow): WebhookEndpointWire {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    portalIds: row.portal_ids,
    enabled: row.enabled,
    disabledReason: row.disabled_reason as WebhookEndpointWire['disabledReason'],
    disabledAt: iso(row.disabled_at),
    previousSecretExpiresAt: row.previous_secret ? iso(row.previous_secret_expires_at) : null,
    lastSuccessAt: iso(row.last_success_at),
    failingSince: iso(row.failing_since),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export function deliveryToWire(row: DeliveryRow) {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: iso(row.delivered_at),
    createdAt: iso(row.created_at) as string,
  };
}

/** The secrets that sign a message sent at `now`: the current one, and the previous during its overlap. */
export function signingSecrets(row: EndpointRow, now: Date): string[] {
  const previousValid =
    row.previous_secret &&
    row.previous_secret_expires_at &&
    new Date(row.previous_secret_expires_at).getTime() > now.getTime();
  return previousValid ? [row.secret, row.previous_secret as string] : [row.secret];
}

/**
 * Stores a new endpoint. It sees only events after the last one that exists now: with PostgreSQL the
 * outbox's lock is taken, so every event appended before is committed and every later one gets a
 * larger id. The fan-out's cursor is created here too when it does not exist yet.
 */
export async function insertEndpoint(
  handle: DatabaseHandle,
  values: {
    organizationId: string;
    url: string;
    description: string;
    events: string[];
    portalIds: string[] | null;
    createdBy: string;
    now: Date;
  },
): Promise<{ row: EndpointRow; secret: string }> {
  const secret = newSecret();
  const row = await handle.db.transaction().execute(async (trx) => {
    if (handle.kind === 'postgres') await sql`select pg_advisory_xact_lock(727275)`.execute(trx);
    const { rows } = await sql<{ last: string | null }>`select max(id)::text as last from outbox`.execute(
      trx,
    );
    const last = rows[0]?.last ?? '0';
    await trx
      .insertInto('settings')
      .values({ key: CURSOR_KEY, value: last })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return trx
      .insertInto('webhook_endpoints')
      .values({
        id: newEndpointId(),
        organization_id: values.organizationId,
        url: values.url,
        description: values.description,
        events: JSON.stringify(values.events),
        portal_ids: values.portalIds ? JSON.stringify(values.portalIds) : null,
        secret,
        after_outbox_id: last,
        created_by: values.createdBy,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { row, secret };
}

/** An endpoint of the organization, or undefined. */
export function findEndpoint(db: Kysely<Database>, organizationId: string, id: string) {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Disables an endpoint (if it is enabled) and fails its pending deliveries, in the caller's
 * transaction. Returns the row when this call disabled it (so only one caller tells the managers).
 */
export async function disableEndpoint(
  trx: Kysely<Database>,
  endpointId: string,
  reason: 'manual' | 'endpoint-gone' | 'failing',
  now: Date,
): Promise<EndpointRow | undefined> {
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_reason: reason, disabled_at: now, updated_at: now })
    .where('id', '=', endpointId)
    .where('enabled', '=', true)
    .returningAll()
    .executeTakeFirst();
  if (row) {
    await trx
      .updateTable('webhook_deliveries')
      .set({
        status: 'failed',
        next_attempt_at: null,
        last_error: 'The endpoint was disabled.',
        updated_at: now,
      })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .execute();
  }
  return row;
}

/** Portal ids of `ids` that are not portals of the organization. */
export async function unknownPortals(
  db: Kysely<Database>,
  organizationId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom('portals')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('id', 'in', [...ids])
    .execute();
  const known = new Set(found.map((p) => p.id));
  return ids.filter((id) => !known.has(id));
}
