import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Silent monitoring (MC-8). Every monitoring of a call is a row — who, which call, when it began and
 * ended — which is the audit log of monitoring. A monitor signals peer-to-peer participants through
 * the call's signals, marked `monitor`, so participants' SDKs answer them apart from the call.
 */
export const migration0022: Migration = {
  id: '0022_call_monitors',
  async up(db) {
    await runScript(
      db,
      `create table call_monitors (
         id text primary key,
         organization_id text not null references organizations(id),
         session_id text not null references sessions(id),
         call_id text not null references calls(id),
         user_id text not null references users(id),
         participant_id text not null,
         transport text not null,
         started_at timestamptz not null,
         ended_at timestamptz);
       create index call_monitors_session on call_monitors (organization_id, session_id, started_at);
       alter table signals add column monitor boolean not null default false;`,
    );
  },
};
