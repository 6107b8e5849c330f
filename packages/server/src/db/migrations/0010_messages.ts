import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * In-call chat and staff notes of a session (VS-15, SI-7's input): append-only, ordered by `seq`.
 * The id is chosen by the sender (it travels over the call's data channel first), unique per session,
 * so a retried POST or a message seen on both paths is stored once.
 */
export const migration0010: Migration = {
  id: '0010_messages',
  async up(db) {
    await runScript(
      db,
      `create table session_messages (
         session_id text not null references sessions(id),
         id text not null,
         seq bigserial not null unique,
         organization_id text not null references organizations(id),
         kind text not null check (kind in ('chat', 'note')),
         author_kind text not null check (author_kind in ('customer', 'staff')),
         author_id text not null,
         author_participant text not null,
         text text not null,
         created_at timestamptz not null default now(),
         primary key (session_id, id));
       create index session_messages_session on session_messages (session_id, seq)`,
    );
  },
};
