import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Saved, scheduled and monthly reports (MC-9). A saved report keeps a report's kind, filters and
 * period with its owner, and optionally a schedule with recipients: `next_run_at` says when it is
 * next emailed. Monthly reports are computed on the first of each month for the month before, once
 * per organization, month and kind (the unique key makes replicas and reruns harmless), and kept
 * a year. Mails can carry attachments (a report's CSV).
 */
export const migration0021: Migration = {
  id: '0021_saved_reports',
  async up(db) {
    await runScript(
      db,
      `create table saved_reports (
         id text primary key,
         organization_id text not null references organizations(id),
         owner_id text not null references users(id),
         name text not null,
         kind text not null,
         filters jsonb not null default '{}',
         period text not null,
         period_from timestamptz,
         period_to timestamptz,
         format text not null default 'csv',
         schedule text not null default 'none',
         recipients jsonb not null default '[]',
         next_run_at timestamptz,
         last_sent_at timestamptz,
         created_at timestamptz not null);
       create index saved_reports_owner on saved_reports (organization_id, owner_id);
       create index saved_reports_due on saved_reports (next_run_at) where next_run_at is not null;
       create table monthly_reports (
         id text primary key,
         organization_id text not null references organizations(id),
         month text not null,
         kind text not null,
         period_from timestamptz not null,
         period_to timestamptz not null,
         rows jsonb not null,
         created_at timestamptz not null,
         unique (organization_id, month, kind));
       alter table mail_outbox add column attachments jsonb;`,
    );
  },
};
