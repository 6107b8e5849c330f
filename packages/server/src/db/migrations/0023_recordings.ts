import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Recordings (VS-10, VS-15, MC-11…MC-14). `replay_keys` holds each portal's replay key pair: the
 * public half in the clear (recorders wrap data keys with it), the private half sealed under a key
 * derived from the replay passphrase (scrypt; parameters and salt beside it). One live key per
 * portal; removing the passphrase retires it, and the recordings it protects keep pointing at it.
 * `recordings` holds one row per recording with its envelope (the wrapped data key, or the key
 * itself in a portal without a passphrase), where it is stored and how far its upload got.
 */
export const migration0023: Migration = {
  id: '0023_recordings',
  async up(db) {
    await runScript(
      db,
      `create table replay_keys (
         id text primary key,
         organization_id text not null references organizations(id),
         portal_id text not null references portals(id),
         public_key text not null,
         sealed_private_key text not null,
         kdf jsonb not null,
         created_by text not null,
         created_at timestamptz not null,
         changed_at timestamptz,
         retired_at timestamptz);
       create unique index replay_keys_live on replay_keys (portal_id) where retired_at is null;
       create table recordings (
         id text primary key,
         organization_id text not null references organizations(id),
         session_id text not null references sessions(id),
         call_id text not null references calls(id),
         portal_id text not null,
         team_id text,
         started_by text not null references users(id),
         started_at timestamptz not null,
         stopped_at timestamptz,
         status text not null,
         storage text not null,
         mime_type text not null,
         cipher text not null,
         duration_ms integer,
         bytes integer,
         sha256 text,
         stop_reason text,
         replay_key_id text references replay_keys(id),
         wrapped_data_key text,
         data_key text,
         blob_key text,
         uploaded_bytes integer not null default 0,
         available_at timestamptz);
       create index recordings_session on recordings (organization_id, session_id, started_at);
       create index recordings_started on recordings (organization_id, started_at desc, id);`,
    );
  },
};
