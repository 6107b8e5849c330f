import { sql } from 'kysely';
import type { Services } from '../context.js';
import { type OutboxRow, subscribes, webhookEventsOf } from './events.js';
import { CURSOR_KEY, type EndpointRow, newDeliveryId } from './store.js';

/** Attempts of a delivery before it is `failed`: the first and one per {@link RETRY_DELAYS_MS}. */
export const MAX_ATTEMPTS = 8;

/** Outbox rows read per transaction. */
const BATCH = 200;

/**
 * Turns outbox rows after the cursor into deliveries, in ONE transaction per batch: a delivery per
 * matching enabled endpoint (subscribed to the event, inside its portal filter, made before the
 * event), then the cursor moves past the batch. The cursor row is locked, so replicas take turns;
 * the outbox's own lock (see events/outbox.ts) makes ids visible in order, so nothing after the
 * cursor can appear later with a smaller id. Returns how many outbox rows were read.
 */
export async function fanOutBatch(services: Services): Promise<number> {
  const { db } = services.handle;
  const now = services.clock();
  return db.transaction().execute(async (trx) => {
    // A database that never had an endpoint starts at the end of the outbox, not its beginning.
    await sql`insert into settings (key, value)
      values (${CURSOR_KEY}, coalesce((select max(id)::text from outbox), '0'))
      on conflict (key) do nothing`.execute(trx);
    const cursorRow = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', CURSOR_KEY)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const cursor = cursorRow.value;
    const rows = await trx
      .selectFrom('outbox')
      .leftJoin('sessions', 'sessions.id', 'outbox.session_id')
      .select([
        'outbox.id',
        'outbox.organization_id',
        'outbox.type',
        'outbox.data',
        'outbox.created_at',
        'sessions.id as s_id',
        'sessions.portal_id as s_portal',
        'sessions.team_id as s_team',
        'sessions.ticket_links as s_tickets',
      ])
      .where('outbox.id', '>', cursor)
      .orderBy('outbox.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return 0;
    const organizations = [...new Set(rows.map((r) => r.organization_id))];
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('enabled', '=', true)
      .where('organization_id', 'in', organizations)
      .execute();
    const byOrganization = new Map<string, EndpointRow[]>();
    for (const endpoint of endpoints) {
      const list = byOrganization.get(endpoint.organization_id) ?? [];
      list.push(endpoint);
      byOrganization.set(endpoint.organization_id, list);
    }
    const deliveries = [];
    for (const row of rows) {
      const targets = byOrganization.get(row.organization_id);
      if (!targets) continue;
      const outboxRow: OutboxRow = {
        id: String(row.id),
        type: row.type,
        data: row.data,
        created_at: row.created_at,
        session:
          row.s_id && row.s_portal
            ? {
                id: row.s_id,
                portal_id: row.s_portal,
                team_id: row.s_team,
                ticket_links: row.s_tickets ?? [],
              }
            : null,
      };
      for (const payload of webhookEventsOf(outboxRow, services.config.publicUrl)) {
        for (const endpoint of targets) {
          if (BigInt(endpoint.after_outbox_id) >= BigInt(row.id)) continue;
          if (!subscribes(endpoint.events, payload.type)) continue;
          if (endpoint.portal_ids && !endpoint.portal_ids.includes(payload.data.portalId)) continue;
          deliveries.push({
            id: newDeliveryId(),
            organization_id: row.organization_id,
            endpoint_id: endpoint.id,
            outbox_id: String(row.id),
            event_type: payload.type,
            payload: JSON.stringify(payload),
            status: 'pending' as const,
            give_up_after: MAX_ATTEMPTS,
            next_attempt_at: now,
            created_at: now,
            updated_at: now,
          });
        }
      }
    }
    if (deliveries.length > 0) {
      await trx
        .insertInto('webhook_deliveries')
        .values(deliveries)
        .onConflict((oc) => oc.columns(['endpoint_id', 'outbox_id', 'event_type']).doNothing())
        .execute();
    }
    const last = rows[rows.length - 1] as (typeof rows)[number];
    await trx
      .updateTable('settings')
      .set({ value: String(last.id) })
      .where('key', '=', CURSOR_KEY)
      .execute();
    return rows.length;
  });
}

/** Fans out everything the outbox holds after the cursor; returns the number of outbox rows read. */
export async function fanOut(services: Services): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await fanOutBatch(services);
    total += read;
    if (read < BATCH) return total;
  }
}
