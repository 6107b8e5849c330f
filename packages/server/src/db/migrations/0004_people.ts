import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * People (MC-1, MC-2): organizations get a licence renewal date, a default language and time zone
 * and a version for ETags; users get names, a custom field, language, time zone, granted management
 * rights, a version and a soft delete (past sessions keep their ids; a live email is unique
 * case-insensitively, a deleted user's email is free again); API keys get a name, an expiry, a
 * revocation time, when they were last used and who created them.
 */
export const migration0004: Migration = {
  id: '0004_people',
  async up(db) {
    await runScript(
      db,
      `
      alter table organizations add column licence_renews_at date;
      alter table organizations add column default_language text not null default 'en';
      alter table organizations add column time_zone text not null default 'UTC';
      alter table organizations add column version integer not null default 1;
      alter table organizations add column updated_at timestamptz not null default now();
      alter table users add column first_name text not null default '';
      alter table users add column last_name text not null default '';
      alter table users add column custom_field text;
      alter table users add column language text not null default 'en';
      alter table users add column time_zone text not null default 'UTC';
      alter table users add column rights jsonb not null default '[]';
      alter table users add column deleted_at timestamptz;
      alter table users add column version integer not null default 1;
      alter table users add column created_at timestamptz not null default now();
      alter table users add column updated_at timestamptz not null default now();
      alter table users drop constraint users_email_key;
      update users set email = lower(email);
      create unique index users_email_live on users (lower(email)) where deleted_at is null;
      create index users_org on users (organization_id, id);
      create index users_team on users (team_id);
      create index team_managers_team on team_managers (team_id);
      alter table api_keys add column name text not null default '';
      alter table api_keys add column expires_at timestamptz;
      alter table api_keys add column revoked_at timestamptz;
      alter table api_keys add column last_used_at timestamptz;
      alter table api_keys add column created_by text references users(id)
      `,
    );
  },
};
