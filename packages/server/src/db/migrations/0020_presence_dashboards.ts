import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Agent presence and live dashboards (MC-7). Each open console (an event stream of a staff member,
 * on any replica) is a row whose `last_seen_at` its stream refreshes; the user's presence is derived
 * from these rows, their running calls and their choice, so every replica agrees. `announced` is the
 * status last announced as an event, so exactly one replica announces each change. Dashboards are
 * kept per manager, with their monitors and whom they are shared with.
 */
export const migration0020: Migration = {
  id: '0020_presence_dashboards',
  async up(db) {
    await runScript(
      db,
      `create table presence_consoles (
         id text primary key,
         organization_id text not null references organizations(id),
         user_id text not null references users(id),
         opened_at timestamptz not null,
         last_seen_at timestamptz not null);
       create index presence_consoles_user on presence_consoles (organization_id, user_id, last_seen_at);
       create table presence (
         user_id text primary key references users(id),
         organization_id text not null references organizations(id),
         chosen text not null default 'available' check (chosen in ('available', 'away')),
         announced text not null default 'offline',
         changed_at timestamptz not null);
       create index presence_org on presence (organization_id);
       create table dashboards (
         id text primary key,
         organization_id text not null references organizations(id),
         owner_id text not null references users(id),
         name text not null,
         monitors jsonb not null,
         shared_with jsonb not null default '[]',
         shared_with_organization boolean not null default false,
         version integer not null default 1,
         created_at timestamptz not null,
         updated_at timestamptz not null);
       create index dashboards_org on dashboards (organization_id, created_at)`,
    );
  },
};
