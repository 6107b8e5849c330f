import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Call diagnostics (MC-10): one compact quality summary per call and participant, replaced as the
 * participant's client sends newer ones during the call and at its end. Read by staff in session
 * details; removed with the session's other data by the retention job (MC-14).
 */
export const migration0018: Migration = {
  id: '0018_call_diagnostics',
  async up(db) {
    await runScript(
      db,
      `create table call_diagnostics (
         call_id text not null references calls(id),
         participant_id text not null,
         session_id text not null references sessions(id),
         organization_id text not null references organizations(id),
         role text not null check (role in ('customer', 'staff')),
         author_id text not null,
         summary jsonb not null,
         reports integer not null default 1,
         created_at timestamptz not null default now(),
         updated_at timestamptz not null default now(),
         primary key (call_id, participant_id));
       create index call_diagnostics_session on call_diagnostics (session_id)`,
    );
  },
};
