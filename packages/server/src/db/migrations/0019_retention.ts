import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Session data retention (MC-14): a session whose data was purged keeps its row with the fields
 * reports need and says when (`purged_at`); a partial index finds the sessions still holding data in
 * the order the job purges them. Blobs to delete are written down in the purge's transaction and
 * removed after it commits, so a crash between the two never leaves a file behind for good. Leases
 * let one process of several run a scheduled job at a time.
 */
export const migration0019: Migration = {
  id: '0019_retention',
  async up(db) {
    await runScript(
      db,
      `alter table sessions add column purged_at timestamptz;
       create index sessions_retention_due on sessions (updated_at, id) where purged_at is null;
       create table retention_blob_deletions (
         blob_key text primary key,
         created_at timestamptz not null default now());
       create table job_leases (
         name text primary key,
         holder text not null,
         expires_at timestamptz not null)`,
    );
  },
};
