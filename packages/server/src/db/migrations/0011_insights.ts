import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Session Insights (SI-1…SI-11): the organization's summary language and per-role summary
 * permissions, the AI-credit ledger (append-only; partial unique indexes make a month's grant, a
 * session's debit and a purchase each happen at most once), summaries (one per session, soft-deleted)
 * and the durable summary jobs that survive a restart.
 */
export const migration0011: Migration = {
  id: '0011_insights',
  async up(db) {
    await runScript(
      db,
      `alter table organizations add column summary_language text not null default 'en';
       alter table organizations add column summary_permissions jsonb not null
         default '{"team-manager":["summaries.view","summaries.edit","summaries.export"],"agent":["summaries.view"]}';

       create table credit_ledger (
         id bigserial primary key,
         organization_id text not null references organizations(id),
         type text not null check (type in ('grant-monthly', 'grant-addon', 'debit', 'reset')),
         amount integer not null check (amount >= 0),
         at timestamptz not null,
         period text,
         expires_at timestamptz,
         purchase_id text,
         session_id text,
         created_at timestamptz not null default now());
       create index credit_ledger_org on credit_ledger (organization_id, at);
       create unique index credit_ledger_month on credit_ledger (organization_id, period)
         where type = 'grant-monthly';
       create unique index credit_ledger_debit on credit_ledger (organization_id, session_id)
         where type = 'debit';
       create unique index credit_ledger_purchase on credit_ledger (organization_id, purchase_id)
         where type = 'grant-addon' and purchase_id is not null;
       create unique index credit_ledger_reset on credit_ledger (organization_id, at) where type = 'reset';

       create table summaries (
         id text primary key,
         organization_id text not null references organizations(id),
         session_id text not null unique references sessions(id),
         status text not null check (status in ('generating', 'ready', 'skipped', 'failed')),
         reason text,
         title text,
         problem text,
         steps jsonb not null default '[]',
         resolution text,
         follow_ups jsonb not null default '[]',
         issue_type text,
         applications jsonb not null default '[]',
         devices jsonb not null default '[]',
         language text,
         summarizer text,
         edited_by text,
         edited_at timestamptz,
         version integer not null default 1,
         created_at timestamptz not null default now(),
         updated_at timestamptz not null default now(),
         deleted_at timestamptz,
         deleted_by text);
       create index summaries_org_created on summaries (organization_id, created_at desc, id desc)
         where deleted_at is null;

       create table summary_jobs (
         session_id text primary key references sessions(id),
         organization_id text not null references organizations(id),
         status text not null check (status in ('pending', 'running', 'done')),
         attempts integer not null default 0,
         run_after timestamptz not null default now(),
         locked_until timestamptz,
         last_error text,
         created_at timestamptz not null default now(),
         updated_at timestamptz not null default now());
       create index summary_jobs_due on summary_jobs (run_after) where status <> 'done'`,
    );
  },
};
