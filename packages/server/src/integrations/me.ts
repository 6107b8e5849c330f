import { z } from '@hono/zod-openapi';
import { type IntegrationActor, integrationScopes } from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { Principal } from '../context.js';
import type { Database } from '../db/schema.js';

/** `GET /v1/me` for an integration token (SI-12): its name, scopes, limits and expiry. */
export const IntegrationMe = z.object({
  kind: z.literal('integration'),
  organizationId: z.string(),
  participantId: z.string(),
  tokenId: z
    .string()
    .openapi({ description: 'The integration token (for an exchanged token: the one it came from).' }),
  name: z.string(),
  scopes: z.array(z.enum(integrationScopes as [string, ...string[]])),
  portalIds: z.array(z.string()).nullable(),
  teamIds: z.array(z.string()).nullable(),
  sessionId: z
    .string()
    .nullable()
    .openapi({ description: 'Set for a short-lived token exchanged for one session’s summary.' }),
  expiresAt: z.string().nullable().openapi({ description: 'When the integration token stops working.' }),
});

export async function integrationMe(db: Kysely<Database>, principal: Principal, actor: IntegrationActor) {
  const row = await db
    .selectFrom('integration_tokens')
    .select(['name', 'expires_at'])
    .where('id', '=', actor.tokenId)
    .executeTakeFirstOrThrow();
  return {
    kind: 'integration' as const,
    organizationId: actor.organizationId,
    participantId: principal.participantId,
    tokenId: actor.tokenId,
    name: row.name,
    scopes: [...actor.scopes],
    portalIds: actor.portalIds ? [...actor.portalIds] : null,
    teamIds: actor.teamIds ? [...actor.teamIds] : null,
    sessionId: actor.sessionId ?? null,
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  };
}
