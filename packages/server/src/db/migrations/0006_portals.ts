import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/** portals (slug, sub-portals, teams, feature modes, business hours) — MC-6, VS-2. */
export const migration0006: Migration = {
  id: '0006_portals',
  async up(db) {
    await runScript(db, `select 1`);
  },
};
