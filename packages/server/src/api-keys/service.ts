import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { API_KEY_PREFIX } from '../auth/authenticate.js';
import { sha256 } from '../auth/secrets.js';
import type { ApiKeysTable, Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import { insertUser } from '../users/service.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function apiKeyToWire(row: Selectable<ApiKeysTable>, now: Date) {
  const expired = row.expires_at !== null && new Date(row.expires_at) <= now;
  return {
    id: row.id,
    name: row.name,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
    status:
      row.revoked_at !== null ? ('revoked' as const) : expired ? ('expired' as const) : ('active' as const),
  };
}

/**
 * Creates an API key (MC-1 API manager). A key acts through its own user row of role `api-manager`
 * (no password, not listed among users), so everything that records "who" keeps working. The
 * secret is returned once; only its SHA-256 is stored (it is 256 random bits, no slow hash needed).
 */
export async function createApiKey(
  db: Kysely<Database>,
  organizationId: string,
  createdBy: string,
  input: { name: string; expiresAt?: string | null | undefined },
  now: Date,
) {
  if (input.expiresAt && new Date(input.expiresAt) <= now) {
    throw ProblemError.badRequest('The expiry lies in the past.', [
      { path: 'body.expiresAt', message: 'Must be in the future.' },
    ]);
  }
  const id = randomBytes(9).toString('hex');
  const secret = randomBytes(32).toString('base64url').replace(/_/g, '-');
  const row = await db.transaction().execute((trx) =>
    insertApiKey(trx, {
      id,
      secret,
      organizationId,
      createdBy,
      name: input.name,
      expiresAt: input.expiresAt,
    }),
  );
  return { ...apiKeyToWire(row, now), key: `${API_KEY_PREFIX}${id}_${secret}` };
}

/**
 * Stores a key inside the caller's transaction: its own `api-manager` user row (unless `userId`
 * names one) and the SHA-256 of its secret. `POST /v1/api-keys` and the demo seed use it.
 */
export async function insertApiKey(
  trx: Kysely<Database>,
  key: {
    id: string;
    secret: string;
    organizationId: string;
    createdBy: string | null;
    name: string;
    expiresAt?: string | null | undefined;
    userId?: string;
  },
) {
  const userId =
    key.userId ??
    (await insertUser(trx, {
      id: `apikey_${key.id}`,
      organizationId: key.organizationId,
      email: `${key.id}@api-keys.invalid`,
      passwordHash: null,
      role: 'api-manager',
      displayName: key.name,
      language: 'en',
      timeZone: 'UTC',
    }));
  return trx
    .insertInto('api_keys')
    .values({
      id: key.id,
      organization_id: key.organizationId,
      user_id: userId,
      key_hash: sha256(key.secret),
      name: key.name,
      expires_at: key.expiresAt ?? null,
      created_by: key.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Revokes at once: the next request with the key is refused (the key's user row is deleted too). */
export async function revokeApiKey(db: Kysely<Database>, organizationId: string, id: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No API key with this id.');
    if (row.revoked_at !== null) return;
    await trx.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).execute();
    await trx
      .updateTable('users')
      .set({ deleted_at: now })
      .where('id', '=', row.user_id)
      .where('role', '=', 'api-manager')
      .execute();
  });
}
