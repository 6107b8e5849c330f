import { type Kysely, sql } from 'kysely';
import { migration0004 } from './migrations/0004_people.js';
import { migration0005 } from './migrations/0005_teams.js';
import { migration0006 } from './migrations/0006_portals.js';
import { migration0007 } from './migrations/0007_devices.js';
import { migration0008 } from './migrations/0008_mail.js';
import { migration0009 } from './migrations/0009_pending_passwords.js';
import { migration0010 } from './migrations/0010_messages.js';
import { migration0011 } from './migrations/0011_insights.js';
import { migration0012 } from './migrations/0012_integrations.js';
import { migration0013 } from './migrations/0013_webhooks.js';
import { migration0014 } from './migrations/0014_throttles.js';
import { migration0015 } from './migrations/0015_ratings.js';
import { migration0016 } from './migrations/0016_session_search.js';
import { migration0017 } from './migrations/0017_report_times.js';
import { migration0018 } from './migrations/0018_call_diagnostics.js';
import { migration0019 } from './migrations/0019_retention.js';
import { migration0020 } from './migrations/0020_presence_dashboards.js';
import { migration0021 } from './migrations/0021_saved_reports.js';
import { migration0022 } from './migrations/0022_call_monitors.js';
import { migration0023 } from './migrations/0023_recordings.js';
import { migration0024 } from './migrations/0024_call_presence.js';
import { migration0025 } from './migrations/0025_session_invites.js';
import { runScript } from './run-script.js';
import type { Database } from './schema.js';

/** One schema change; `up` runs inside the migration transaction. */
export interface Migration {
  id: string;
  up(db: Kysely<Database>): Promise<void>;
}

/**
 * Versioned migrations, applied in order and recorded in `schema_migrations`. Never edit one that
 * has shipped: add a new one.
 */
export const migrations: readonly Migration[] = [
  {
    id: '0001_initial',
    async up(db) {
      await runScript(
        db,
        `
        create table organizations (
          id text primary key, name text not null, plan text not null,
          created_at timestamptz not null default now());
        create table portals (
          id text primary key, organization_id text not null references organizations(id),
          name text not null, requests_enabled boolean not null, recording_enabled boolean not null);
        create table teams (
          id text primary key, organization_id text not null references organizations(id),
          parent_id text references teams(id), name text not null);
        create table users (
          id text primary key, organization_id text not null references organizations(id),
          email text not null unique, password_hash text, role text not null,
          team_id text references teams(id), display_name text not null);
        create table team_managers (
          user_id text not null references users(id), team_id text not null references teams(id),
          primary key (user_id, team_id));
        create table devices (
          id text primary key, organization_id text not null references organizations(id),
          portal_id text not null references portals(id), team_id text references teams(id),
          name text not null, summary_access text not null default 'after-confirmation',
          created_at timestamptz not null default now());
        create table access_codes (
          code_hash text primary key, organization_id text not null references organizations(id),
          device_id text not null references devices(id));
        create table api_keys (
          id text primary key, organization_id text not null references organizations(id),
          user_id text not null references users(id), key_hash text not null,
          created_at timestamptz not null default now());
        create table sessions (
          id text primary key, seq bigserial not null unique,
          organization_id text not null references organizations(id),
          device_id text not null references devices(id), portal_id text not null references portals(id),
          team_id text references teams(id), assignee_ids jsonb not null default '[]',
          status text not null, reason text not null, ticket_links jsonb not null default '[]',
          recording_consent text, cancel_reason text, created_by_kind text not null, created_by_id text not null,
          version integer not null default 1,
          created_at timestamptz not null default now(), updated_at timestamptz not null default now());
        create index sessions_org_seq on sessions (organization_id, seq desc);
        create table calls (
          id text primary key, organization_id text not null references organizations(id),
          session_id text not null references sessions(id), transport text not null,
          started_by_participant text not null,
          started_at timestamptz not null default now(), ended_at timestamptz);
        create index calls_session on calls (session_id);
        create table consents (
          id bigserial primary key, organization_id text not null references organizations(id),
          session_id text not null references sessions(id), kind text not null, decision text not null,
          outcome text not null, actor_kind text not null, actor_participant text not null,
          created_at timestamptz not null default now());
        create index consents_session on consents (session_id, id);
        create table outbox (
          id bigserial primary key, organization_id text not null, type text not null,
          session_id text, scope jsonb not null, data jsonb not null,
          created_at timestamptz not null default now());
        create index outbox_org_id on outbox (organization_id, id);
        create table signals (
          id bigserial primary key, organization_id text not null, call_id text not null,
          from_participant text not null, to_participant text, payload jsonb not null,
          created_at timestamptz not null default now());
        create index signals_call_id on signals (call_id, id);
        create table idempotency_keys (
          organization_id text not null, actor_key text not null, key text not null,
          request_hash text not null, status integer, response jsonb, headers jsonb,
          created_at timestamptz not null default now(),
          primary key (organization_id, actor_key, key));
        create table settings (key text primary key, value text not null);
      `,
      );
    },
  },
  {
    id: '0002_ai_settings',
    async up(db) {
      // SI-1/SI-2: an organization's AI-summary switches, read by the domain's summary decision.
      await runScript(
        db,
        `alter table organizations add column ai_settings jsonb not null default
           '{"summariesEnabled":false,"outgoing":{"enabled":false,"scope":"all"},"incoming":{"enabled":false,"scope":"all-devices"}}';
         alter table users add column log_sessions boolean not null default true`,
      );
    },
  },
  {
    id: '0003_screenshots',
    async up(db) {
      // VS-11/VS-15: screenshots of a session (the image lives in the blob store) and their
      // annotation ops, merged by union on the op id.
      await runScript(
        db,
        `create table screenshots (
           session_id text not null references sessions(id), id text not null,
           organization_id text not null references organizations(id),
           captured_at bigint not null, captured_by text not null,
           width integer not null, height integer not null,
           content_type text not null, bytes integer not null, sha256 text not null, blob_key text not null,
           created_at timestamptz not null default now(),
           primary key (session_id, id));
         create table screenshot_ops (
           session_id text not null, screenshot_id text not null, op_id text not null,
           lamport bigint not null, author text not null, op jsonb not null,
           created_at timestamptz not null default now(),
           primary key (session_id, screenshot_id, op_id),
           foreign key (session_id, screenshot_id) references screenshots(session_id, id) on delete cascade)`,
      );
    },
  },
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0019,
  migration0020,
  migration0021,
  migration0022,
  migration0023,
  migration0024,
  migration0025,
];

/** Applies every migration not yet recorded; safe to call at every start, also from several replicas. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  await sql`create table if not exists schema_migrations (
    id text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    // One migrator at a time across replicas sharing a PostgreSQL.
    await sql`select pg_advisory_xact_lock(727274)`.execute(trx);
    const done = await sql<{ id: string }>`select id from schema_migrations`.execute(trx);
    const doneIds = new Set(done.rows.map((r) => r.id));
    for (const migration of migrations) {
      if (doneIds.has(migration.id)) continue;
      await migration.up(trx);
      await sql`insert into schema_migrations (id) values (${migration.id})`.execute(trx);
      applied.push(migration.id);
    }
  });
  return applied;
}
