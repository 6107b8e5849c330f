import { defaultPortalFeatures } from '@sightline/core/domain';
import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Portals (MC-6, VS-2): a globally unique URL slug (backfilled from the id), feature modes
 * off/on/required in one `features` document (backfilled from the two old switches, which are then
 * dropped so there is one source), report email, time zone, business hours, holidays, what happens
 * outside them, a version for ETags; sub-portals (every portal gets a default one) and the teams a
 * portal routes requests to, in order. Sessions record until when a request waits (`queued_until`).
 */
export const migration0006: Migration = {
  id: '0006_portals',
  async up(db) {
    // The defaults come from the domain (one source); single quotes cannot occur in that JSON.
    const defaults = JSON.stringify(defaultPortalFeatures);
    await runScript(
      db,
      `
      alter table portals add column slug text;
      update portals p set slug = s.slug from (
        select id, case when n = 1 then base else left(base, 56) || '-' || n end as slug from (
          select id, base, row_number() over (partition by base order by id) as n from (
            select id, coalesce(nullif(left(trim(both '-' from lower(regexp_replace(id, '[^a-zA-Z0-9]+', '-', 'g'))), 63), ''), 'portal') as base
            from portals) b) r) s
        where s.id = p.id;
      alter table portals alter column slug set not null;
      create unique index portals_slug on portals (slug);
      alter table portals add column features jsonb;
      update portals set features = '${defaults}'::jsonb || jsonb_build_object(
        'requests', case when requests_enabled then 'on' else 'off' end,
        'recording', case when recording_enabled then 'on' else 'off' end);
      alter table portals alter column features set not null;
      alter table portals drop column requests_enabled;
      alter table portals drop column recording_enabled;
      alter table portals add column local_recordings_only boolean not null default false;
      alter table portals add column report_email text;
      alter table portals add column time_zone text not null default 'UTC';
      alter table portals add column business_hours jsonb;
      alter table portals add column holidays jsonb not null default '[]';
      alter table portals add column outside_hours text not null default 'refuse';
      alter table portals add column version integer not null default 1;
      alter table portals add column created_at timestamptz not null default now();
      create index portals_org on portals (organization_id, name, id);
      create table sub_portals (
        id text primary key, organization_id text not null references organizations(id),
        portal_id text not null references portals(id) on delete cascade,
        name text not null, slug text not null, position integer not null,
        created_at timestamptz not null default now(),
        unique (portal_id, slug));
      insert into sub_portals (id, organization_id, portal_id, name, slug, position)
        select gen_random_uuid()::text, organization_id, id, 'Main', 'main', 0 from portals;
      create table portal_teams (
        portal_id text not null references portals(id) on delete cascade,
        team_id text not null references teams(id) on delete cascade,
        organization_id text not null references organizations(id),
        position integer not null,
        primary key (portal_id, team_id));
      create index portal_teams_team on portal_teams (team_id);
      alter table sessions add column queued_until timestamptz
      `,
    );
  },
};
