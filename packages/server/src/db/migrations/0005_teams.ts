import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/** team settings and versions — MC-3, MC-5. */
export const migration0005: Migration = {
  id: '0005_teams',
  async up(db) {
    await runScript(db, `select 1`);
  },
};
