import { timingSafeEqual } from 'node:crypto';
import { hasIntegrationScope, type IntegrationScope, integrationScopes } from '@sightline/core/domain';
import { participantIdFor, sha256 } from '../auth/secrets.js';
import type { Principal, Services } from '../context.js';
import { INTEGRATION_TOKEN_PREFIX } from './service.js';

/** How often `integration_tokens.last_used_at` is written at most (a hint, not an audit log). */
const LAST_USED_RESOLUTION_MS = 60_000;

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The live (not revoked, not expired) token row, or `undefined`. */
async function liveToken(services: Services, id: string, organizationId?: string) {
  const now = services.clock();
  let q = services.handle.db
    .selectFrom('integration_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if (organizationId) q = q.where('organization_id', '=', organizationId);
  return q.executeTakeFirst();
}

function principalOf(
  services: Services,
  row: {
    id: string;
    organization_id: string;
    portal_ids: string[] | null;
    team_ids: string[] | null;
    expires_at: Date | string | null;
  },
  scopes: readonly IntegrationScope[],
  sessionId: string | null,
): Principal {
  return {
    actor: {
      kind: 'integration',
      organizationId: row.organization_id,
      tokenId: row.id,
      scopes,
      portalIds: row.portal_ids,
      teamIds: row.team_ids,
      sessionId,
    },
    subject: `integration:${row.id}`,
    participantId: participantIdFor(services.rawSecret, `integration:${row.id}`),
    ...(row.expires_at ? { expiresAt: new Date(row.expires_at) } : {}),
  };
}

/** Resolves a long-lived integration token `sli_<id>_<secret>` (SI-12). */
export async function integrationTokenPrincipal(
  services: Services,
  token: string,
): Promise<Principal | undefined> {
  const [id, secret] = token.slice(INTEGRATION_TOKEN_PREFIX.length).split('_', 2);
  if (!id || !secret) return undefined;
  const row = await liveToken(services, id);
  if (!row || !sameHash(row.token_hash, sha256(secret))) return undefined;
  const now = services.clock();
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (now.getTime() - lastUsed > LAST_USED_RESOLUTION_MS) {
    await services.handle.db
      .updateTable('integration_tokens')
      .set({ last_used_at: now })
      .where('id', '=', row.id)
      .execute();
  }
  return principalOf(services, row, row.scopes as IntegrationScope[], null);
}

/**
 * Resolves a short-lived token exchanged for one session's summary: valid only while the token it
 * was exchanged from is live (revoking that ends it at once), with at most that token's scopes.
 */
export async function exchangedTokenPrincipal(
  services: Services,
  claims: { sub: string; org: string; scp: readonly string[]; ses: string },
): Promise<Principal | undefined> {
  const row = await liveToken(services, claims.sub, claims.org);
  if (!row) return undefined;
  // Only claimed scopes the parent holds (`summaries:write` covers `summaries:read`).
  const parent = principalOf(services, row, row.scopes as IntegrationScope[], null).actor;
  const scopes = integrationScopes.filter((s) => claims.scp.includes(s) && hasIntegrationScope(parent, s));
  if (scopes.length === 0) return undefined;
  return principalOf(services, row, scopes, claims.ses);
}
