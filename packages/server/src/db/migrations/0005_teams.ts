import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Teams (MC-3, MC-5): team settings (defaults for its agents: feature switches under `features`,
 * `logSessions`), versions for the team and for its settings (ETags), timestamps and a soft delete
 * — a deleted team keeps its row so closed sessions still name it in reports. Names are unique
 * among live siblings, case-insensitively (existing duplicates get a number first). Users get their
 * own setting overrides with a version; the old `log_sessions = false` becomes an override so no
 * setting is lost (SI-6).
 */
export const migration0005: Migration = {
  id: '0005_teams',
  async up(db) {
    await runScript(
      db,
      `
      alter table teams add column settings jsonb not null default '{}';
      alter table teams add column settings_version integer not null default 1;
      alter table teams add column version integer not null default 1;
      alter table teams add column created_at timestamptz not null default now();
      alter table teams add column updated_at timestamptz not null default now();
      alter table teams add column deleted_at timestamptz;
      update teams t set name = t.name || ' (' || d.n || ')' from (
        select id, row_number() over (
          partition by organization_id, coalesce(parent_id, ''), lower(name) order by id) as n
        from teams) d
        where d.id = t.id and d.n > 1;
      create unique index teams_sibling_name on teams (organization_id, coalesce(parent_id, ''), lower(name))
        where deleted_at is null;
      create index teams_parent on teams (organization_id, parent_id);
      alter table users add column settings jsonb not null default '{}';
      alter table users add column settings_version integer not null default 1;
      update users set settings = '{"logSessions":false}' where log_sessions = false
      `,
    );
  },
};
