import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * When a session was confirmed (MC-9's time to confirm): set by the confirmation itself from now
 * on; sessions confirmed earlier have none and are left out of that figure.
 */
export const migration0017: Migration = {
  id: '0017_report_times',
  async up(db) {
    await runScript(db, 'alter table sessions add column confirmed_at timestamptz');
  },
};
