import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Who is still in a call (VS-9): a row per participant of a call with its last heartbeat and when
 * it said it left; a call that ended itself because one side was gone for the grace period says so
 * (`end_reason = 'abandoned'`, else 'hung-up').
 */
export const migration0024: Migration = {
  id: '0024_call_presence',
  async up(db) {
    await runScript(
      db,
      `create table call_presence (
         call_id text not null references calls(id),
         participant_id text not null,
         organization_id text not null references organizations(id),
         role text not null check (role in ('customer', 'staff')),
         joined_at timestamptz not null,
         last_seen_at timestamptz not null,
         left_at timestamptz,
         primary key (call_id, participant_id));
       alter table calls add column end_reason text check (end_reason in ('hung-up', 'abandoned'));`,
    );
  },
};
