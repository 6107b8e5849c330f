import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Takes or renews the lease on a scheduled job: granted when nobody holds it, when the holder's lease
 * ran out (a process that died), or when `holder` already holds it. One statement, so two processes
 * racing for it cannot both win.
 * @example
 * if (await acquireLease(db, 'retention', processId, clock(), 5 * 60_000)) await runBatch();
 */
export async function acquireLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const expires = new Date(now.getTime() + ttlMs);
  const won = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', now), eb('job_leases.holder', '=', holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return won?.holder === holder;
}

/** Gives the lease back at once (only when `holder` holds it), so the next run need not wait for it to run out. */
export async function releaseLease(db: Kysely<Database>, name: string, holder: string): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ expires_at: sql<Date>`'-infinity'::timestamptz` })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}
