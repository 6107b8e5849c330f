import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Passwords of a large CSV import waiting for their argon2id hash, sealed with a server key
 * (AES-256-GCM), so a restart resumes the hashing instead of losing them and imported users can sign
 * in before their hash is stored — MC-4.
 */
export const migration0009: Migration = {
  id: '0009_pending_passwords',
  async up(db) {
    await runScript(
      db,
      `alter table users add column pending_password text;
       create index users_pending_password on users (id) where pending_password is not null`,
    );
  },
};
