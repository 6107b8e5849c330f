import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Sign-in throttles shared by every server process: one row per counted key — a client
 * network, a client network and one identifier, or an organization — with a fixed window of
 * attempts, the number of blocks in a row (`strikes`, the back-off exponent) and the block in force.
 * `outcome` and `tripped_at` tell the statement's caller what its own attempt did. Keys hold no
 * secret: identifiers are keyed hashes. Rows past `expires_at` are stale and swept.
 *
 * `auth_throttle_trips` is the audit trail: one row each time a limit trips (a block starts), with
 * the client network, the kind of attempt, the scope, the counts and the block length — never the
 * password or code tried.
 */
export const migration0014: Migration = {
  id: '0014_throttles',
  async up(db) {
    await runScript(
      db,
      `create table auth_throttles (
         key text primary key,
         window_start timestamptz not null,
         window_seconds integer not null,
         max_attempts integer not null,
         attempts integer not null,
         strikes integer not null default 0,
         blocked_until timestamptz,
         blocked_seconds integer not null default 0,
         tripped_at timestamptz,
         outcome text not null,
         expires_at timestamptz not null);
       create index auth_throttles_expiry on auth_throttles (expires_at);
       create table auth_throttle_trips (
         id bigserial primary key,
         at timestamptz not null,
         kind text not null,
         scope text not null,
         client text not null,
         organization_id text,
         subject text,
         attempts integer not null,
         strike integer not null,
         blocked_seconds integer not null);
       create index auth_throttle_trips_at on auth_throttle_trips (at);
       create index auth_throttle_trips_org on auth_throttle_trips (organization_id, id)`,
    );
  },
};
