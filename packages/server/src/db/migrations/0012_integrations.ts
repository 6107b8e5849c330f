import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Integration tokens of host apps such as CRMs (SI-12): named, scoped, optionally limited to portals
 * or teams, expiring, revocable. Only the SHA-256 of the secret is stored (256 random bits). The
 * GIN index serves "sessions linking this ticket" (`ticket_links @> '["…"]'`), which host apps ask
 * for to find a ticket's summary. A summary edited from a host app names the token that edited it.
 */
export const migration0012: Migration = {
  id: '0012_integrations',
  async up(db) {
    await runScript(
      db,
      `create table integration_tokens (
         id text primary key,
         organization_id text not null references organizations(id),
         name text not null,
         token_hash text not null,
         scopes jsonb not null,
         portal_ids jsonb,
         team_ids jsonb,
         created_by text,
         created_at timestamptz not null default now(),
         expires_at timestamptz,
         revoked_at timestamptz,
         last_used_at timestamptz);
       create index integration_tokens_org on integration_tokens (organization_id, created_at);
       alter table summaries add column edited_by_integration text references integration_tokens(id);
       create index sessions_ticket_links on sessions using gin (ticket_links jsonb_path_ops)`,
    );
  },
};
