import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Session ratings (MC-15): the customer and each staff member holding a session rate it once each,
 * after its call. One row per rater and session (the unique key is the once-only rule under
 * concurrent requests); the organization and time index serves the customer-feedback report.
 */
export const migration0015: Migration = {
  id: '0015_ratings',
  async up(db) {
    await runScript(
      db,
      `create table session_ratings (
         id text primary key,
         session_id text not null references sessions(id),
         organization_id text not null references organizations(id),
         rater_kind text not null check (rater_kind in ('customer', 'staff')),
         rater_id text not null,
         rater_participant text not null,
         score integer not null check (score between 1 and 5),
         comment text,
         created_at timestamptz not null default now(),
         unique (session_id, rater_kind, rater_id));
       create index session_ratings_org_created on session_ratings (organization_id, created_at)`,
    );
  },
};
