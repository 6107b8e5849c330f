import { availableParallelism } from 'node:os';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/schema.js';

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

/** Stores hashes for users still without one (a password set meanwhile wins). */
async function storeHashes(db: Kysely<Database>, pairs: readonly { id: string; hash: string }[]) {
  if (pairs.length === 0) return;
  const values = sql.join(pairs.map((p) => sql`(${p.id}, ${p.hash})`));
  await sql`update users set password_hash = v.hash
    from (values ${values}) as v(id, hash)
    where users.id = v.id and users.password_hash is null`.execute(db);
}

const running = new WeakMap<object, Promise<void>>();

/**
 * Hashes the passwords of a large import after it committed and stores them in batches; until a
 * user's hash is stored, signing in as that user fails. Stops on shutdown: users left without a
 * password sign in after a password reset. Returns a promise for when all are stored.
 */
export function fillPasswordsLater(
  owner: object,
  db: Kysely<Database>,
  users: readonly { id: string; password: string }[],
  signal: AbortSignal,
): Promise<void> {
  const previous = running.get(owner) ?? Promise.resolve();
  const job = previous.then(async () => {
    for (let i = 0; i < users.length && !signal.aborted; i += 100) {
      const batch = users.slice(i, i + 100);
      const hashes = await hashAll(batch.map((u) => u.password));
      if (signal.aborted) return;
      await storeHashes(
        db,
        batch.map((u, j) => ({ id: u.id, hash: hashes[j]! })),
      );
    }
  });
  const settled = job.catch((error) => console.error('storing imported passwords failed', error));
  running.set(owner, settled);
  return settled;
}

/** Resolves when every background password job of `owner` has finished (tests, benchmarks). */
export function passwordsSettled(owner: object): Promise<void> {
  return running.get(owner) ?? Promise.resolve();
}
