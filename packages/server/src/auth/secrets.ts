import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** SHA-256 hex digest; used to store access codes and API keys at rest (they are high-entropy). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Random URL-safe token. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** Returns the JWT secret: from the configuration, or generated once and persisted in the database. */
export async function resolveJwtSecret(
  db: Kysely<Database>,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('settings')
    .values({ key: 'jwt_secret', value: randomToken(32) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'jwt_secret')
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Stable opaque participant id for a token subject: the same person always gets the same id, and
 * the id reveals no name, email or internal id (LiveKit identities and signaling use it).
 */
export function participantIdFor(secret: string, subject: string): string {
  return (
    'p_' + createHmac('sha256', secret).update(`participant:${subject}`).digest('base64url').slice(0, 22)
  );
}
