import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Invitations to one session (VS-5, VS-9): an access code that also names a session. Redeemed like
 * any access code, it signs a customer in for the session's device, but the token reaches only that
 * session; revoking it, its expiry, or the session being closed or cancelled ends it.
 */
export const migration0025: Migration = {
  id: '0025_session_invites',
  async up(db) {
    await runScript(
      db,
      `alter table access_codes add column session_id text references sessions(id);
       create index access_codes_session_idx on access_codes (session_id) where session_id is not null;`,
    );
  },
};
