import { randomBytes } from 'node:crypto';
import type { IntegrationScope } from '@sightline/core/domain';
import type { Kysely, Selectable } from 'kysely';
import { sha256 } from '../auth/secrets.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Database, IntegrationTokensTable } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';

/** Prefix of integration tokens: `sli_<id>_<secret>`. */
export const INTEGRATION_TOKEN_PREFIX = 'sli_';

export type IntegrationTokenRow = Selectable<IntegrationTokensTable>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function integrationTokenToWire(row: IntegrationTokenRow, now: Date) {
  const expired = row.expires_at !== null && new Date(row.expires_at) <= now;
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as IntegrationScope[],
    portalIds: row.portal_ids,
    teamIds: row.team_ids,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
    status:
      row.revoked_at !== null ? ('revoked' as const) : expired ? ('expired' as const) : ('active' as const),
  };
}

/** Ids among `wanted` that are not live rows of the organization in `table`. */
async function unknownIds(
  db: Kysely<Database>,
  table: 'portals' | 'teams',
  organizationId: string,
  wanted: readonly string[],
): Promise<number[]> {
  const rows =
    table === 'portals'
      ? await db
          .selectFrom('portals')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('id', 'in', wanted)
          .execute()
      : await db
          .selectFrom('teams')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('deleted_at', 'is', null)
          .where('id', 'in', wanted)
          .execute();
  const known = new Set(rows.map((r) => r.id));
  return wanted.flatMap((id, i) => (known.has(id) ? [] : [i]));
}

/**
 * Creates an integration token (SI-12). Portal and team limits must name the organization's own
 * portals and teams (another organization's id is as unknown as a made-up one). The secret is
 * returned once; only its SHA-256 is stored (256 random bits need no slow hash).
 */
export async function createIntegrationToken(
  db: Kysely<Database>,
  organizationId: string,
  createdBy: string,
  input: {
    name: string;
    scopes: string[];
    portalIds?: string[] | null | undefined;
    teamIds?: string[] | null | undefined;
    expiresAt?: string | null | undefined;
  },
  now: Date,
) {
  const errors: { path: string; message: string }[] = [];
  if (input.expiresAt && new Date(input.expiresAt) <= now)
    errors.push({ path: 'json.expiresAt', message: 'Must be in the future.' });
  const portalIds = input.portalIds ? [...new Set(input.portalIds)] : null;
  const teamIds = input.teamIds ? [...new Set(input.teamIds)] : null;
  if (portalIds) {
    for (const i of await unknownIds(db, 'portals', organizationId, portalIds))
      errors.push({ path: `json.portalIds.${i}`, message: 'No portal with this id.' });
  }
  if (teamIds) {
    for (const i of await unknownIds(db, 'teams', organizationId, teamIds))
      errors.push({ path: `json.teamIds.${i}`, message: 'No team with this id.' });
  }
  if (errors.length > 0) throw ProblemError.badRequest('The token cannot be created as asked.', errors);
  const id = randomBytes(9).toString('hex');
  const secret = randomBytes(32).toString('base64url').replace(/_/g, '-');
  const row = await db
    .insertInto('integration_tokens')
    .values({
      id,
      organization_id: organizationId,
      name: input.name,
      token_hash: sha256(secret),
      scopes: JSON.stringify(input.scopes),
      portal_ids: portalIds ? JSON.stringify(portalIds) : null,
      team_ids: teamIds ? JSON.stringify(teamIds) : null,
      created_by: createdBy,
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...integrationTokenToWire(row, now), token: `${INTEGRATION_TOKEN_PREFIX}${id}_${secret}` };
}

/**
 * Revokes at once: the next request fails, and open event streams of the token (and of the
 * short-lived tokens exchanged from it) end when the notifier wakes them, which the revocation does.
 */
export async function revokeIntegrationToken(
  handle: DatabaseHandle,
  organizationId: string,
  id: string,
  now: Date,
): Promise<void> {
  const revoked = await handle.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('integration_tokens')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    // Its commit wakes streams on every replica (db/connect.ts), which then find the token revoked.
    return row;
  });
  if (!revoked) {
    const exists = await handle.db
      .selectFrom('integration_tokens')
      .select('id')
      .where('id', '=', id)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
    if (!exists) throw ProblemError.notFound('No integration token with this id.');
    return;
  }
  handle.notifier.notify();
}
