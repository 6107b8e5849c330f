import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Password-reset tokens and the mail outbox — MC-2.
 *
 * `mail_outbox` is written before any delivery is tried: with SMTP a row is `pending` until sent
 * (`attempts`, `next_attempt_at` and `last_error` drive the retries), without SMTP it is `kept` for
 * the demo's outbox page. Reset tokens are stored only as their SHA-256.
 */
export const migration0008: Migration = {
  id: '0008_mail',
  async up(db) {
    await runScript(
      db,
      `create table mail_outbox (
         id bigserial primary key,
         organization_id text references organizations(id) on delete cascade,
         kind text not null, recipient text not null, subject text not null,
         text_body text, html_body text,
         status text not null check (status in ('kept', 'pending', 'sent', 'failed')),
         attempts integer not null default 0,
         next_attempt_at timestamptz, last_error text, message_id text, sent_at timestamptz,
         created_at timestamptz not null default now());
       create index mail_outbox_org on mail_outbox (organization_id, id desc);
       create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'pending';
       create table password_resets (
         token_hash text primary key,
         user_id text not null references users(id) on delete cascade,
         organization_id text not null references organizations(id) on delete cascade,
         expires_at timestamptz not null, used_at timestamptz,
         created_at timestamptz not null default now());
       create index password_resets_user on password_resets (user_id) where used_at is null`,
    );
  },
};
