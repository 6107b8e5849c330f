import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Webhooks (SI-12, Standard Webhooks): endpoints of an organization, one delivery per event and
 * endpoint (fanned out from the outbox), and every attempt of a delivery.
 *
 * - `webhook_endpoints.secret` is kept as is (`whsec_…`): the server must sign with it, so database
 *   access reveals it. `previous_secret` keeps signing until `previous_secret_expires_at` after a
 *   rotation. `after_outbox_id` is the last outbox id that existed when the endpoint was made:
 *   earlier events never reach it. `failing_since` is the first failed attempt after the last
 *   success (an endpoint failing for days is disabled).
 * - `webhook_deliveries.id` is the `webhook-id` header, stable across retries; `payload` is the exact
 *   body, so every attempt sends the same bytes. `next_attempt_at` doubles as the lease of an attempt
 *   in flight. `(endpoint_id, outbox_id, event_type)` is unique: fanning out an event twice adds nothing.
 */
export const migration0013: Migration = {
  id: '0013_webhooks',
  async up(db) {
    await runScript(
      db,
      `create table webhook_endpoints (
         id text primary key,
         organization_id text not null references organizations(id),
         url text not null,
         description text not null default '',
         events jsonb not null,
         portal_ids jsonb,
         enabled boolean not null default true,
         disabled_reason text,
         disabled_at timestamptz,
         secret text not null,
         previous_secret text,
         previous_secret_expires_at timestamptz,
         after_outbox_id bigint not null,
         failing_since timestamptz,
         last_success_at timestamptz,
         created_by text,
         created_at timestamptz not null,
         updated_at timestamptz not null);
       create index webhook_endpoints_org on webhook_endpoints (organization_id, created_at);
       create table webhook_deliveries (
         id text primary key,
         organization_id text not null,
         endpoint_id text not null references webhook_endpoints(id) on delete cascade,
         outbox_id bigint,
         event_type text not null,
         payload text not null,
         status text not null,
         attempts integer not null default 0,
         give_up_after integer not null,
         next_attempt_at timestamptz,
         last_status_code integer,
         last_error text,
         delivered_at timestamptz,
         created_at timestamptz not null,
         updated_at timestamptz not null,
         seq bigserial not null unique);
       create unique index webhook_deliveries_event on webhook_deliveries (endpoint_id, outbox_id, event_type);
       create index webhook_deliveries_list on webhook_deliveries (endpoint_id, seq desc);
       create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
       create table webhook_attempts (
         id bigserial primary key,
         delivery_id text not null references webhook_deliveries(id) on delete cascade,
         at timestamptz not null,
         status_code integer,
         duration_ms integer not null,
         error text,
         response_excerpt text);
       create index webhook_attempts_delivery on webhook_attempts (delivery_id, id)`,
    );
  },
};
