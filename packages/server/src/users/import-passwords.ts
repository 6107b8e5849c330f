import { availableParallelism } from 'node:os';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Services } from '../context.js';
import { openPassword } from './pending-password.js';

/** Imports up to this many rows hash their passwords before they commit; larger ones after. */
export const SYNC_HASH_ROWS = 500;

/**
 * Argon2id hashes of many passwords at once, `concurrency` at a time on the native thread pool
 * (each hash is deliberately ~15 ms of CPU and 19 MiB of memory: OWASP's minimum, never lowered).
 */
export async function hashAll(
  passwords: readonly string[],
  concurrency = availableParallelism(),
): Promise<string[]> {
  const out = new Array<string>(passwords.length);
  let next = 0;
  const worker = async () => {
    while (next < passwords.length) {
      const i = next++;
      out[i] = await hashPassword(passwords[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, passwords.length)) }, worker));
  return out;
}

const BATCH = 100;
const running = new WeakMap<object, Promise<void>>();

/**
 * One pass over every user whose password still waits sealed (`pending_password`), in batches:
 * hash, then store the hash and clear the sealed value — only if it is still the same sealed value
 * (a password set meanwhile wins, and two replicas doing the same batch store one hash each, both
 * valid). Users with a sealed password can already sign in (see `verifyUserPassword`).
 */
async function drain(services: Services): Promise<void> {
  const { db } = services.handle;
  // Skip the scan when nothing waits (the usual start): one cheap query.
  const any = await db
    .selectFrom('users')
    .select('id')
    .where('pending_password', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (!any) return;
  let after = '';
  while (!services.shutdown.aborted) {
    const batch = await db
      .selectFrom('users')
      .select(['id', 'password_hash', 'pending_password'])
      .where('pending_password', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.id;
    const todo = batch.flatMap((u) => {
      const password =
        u.password_hash === null ? openPassword(services.rawSecret, u.id, u.pending_password!) : undefined;
      return [{ id: u.id, sealed: u.pending_password!, password }];
    });
    const toHash = todo.filter((t) => t.password !== undefined);
    const hashes = await hashAll(toHash.map((t) => t.password!));
    if (services.shutdown.aborted) return;
    const hashOf = new Map(toHash.map((t, i) => [t.id, hashes[i]!]));
    const values = sql.join(todo.map((t) => sql`(${t.id}, ${t.sealed}, ${hashOf.get(t.id) ?? null})`));
    // A row that already has a hash (set meanwhile) or whose seal does not open only loses the seal.
    await sql`update users set pending_password = null,
        password_hash = coalesce(users.password_hash, v.hash)
      from (values ${values}) as v(id, sealed, hash)
      where users.id = v.id and users.pending_password = v.sealed`.execute(db);
  }
}

/**
 * Starts (or queues behind the running one) a pass storing the hashes of sealed passwords. Called
 * after a large import and at every start, so a restart resumes where the last process stopped.
 * Returns a promise for when the pass ends.
 */
export function fillPendingPasswords(services: Services): Promise<void> {
  const previous = running.get(services) ?? Promise.resolve();
  const settled = previous
    .then(() => drain(services))
    .catch((error) => {
      // A database closed by a shutdown mid-pass is expected; the next start resumes.
      if (!services.shutdown.aborted) console.error('storing imported passwords failed', error);
    });
  running.set(services, settled);
  return settled;
}

/** Resolves when every queued pass of `services` has ended (tests, benchmarks). */
export function passwordsSettled(services: Services): Promise<void> {
  return running.get(services) ?? Promise.resolve();
}
