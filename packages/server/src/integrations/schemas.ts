import { z } from '@hono/zod-openapi';
import { exchangeableScopes, integrationScopes } from '@sightline/core/domain';

const Scope = z.enum(integrationScopes as [string, ...string[]]).openapi('IntegrationScope', {
  description:
    '`sessions:read` sessions and their events; `summaries:read` summaries (view, export); `summaries:write` also edit them; `webhooks:manage` the webhook endpoints.',
});

const Ids = z.array(z.string().min(1).max(200)).min(1).max(100);

export const IntegrationTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(Scope),
    portalIds: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Only sessions of these portals; `null`: every portal.' }),
    teamIds: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Only sessions held by these teams or their sub-teams; `null`: no limit.' }),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'Approximate (at most once a minute).' }),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('IntegrationToken');

export const CreatedIntegrationToken = IntegrationTokenSchema.extend({
  token: z.string().openapi({
    description: 'The secret `sli_<id>_<secret>`, shown only in this answer; only a hash is stored.',
  }),
}).openapi('CreatedIntegrationToken');

export const IntegrationTokenList = z
  .object({ items: z.array(IntegrationTokenSchema) })
  .openapi('IntegrationTokenList');

export const CreateIntegrationTokenRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'Acme CRM' }),
    scopes: z
      .array(Scope)
      .min(1)
      .max(integrationScopes.length)
      .refine((s) => new Set(s).size === s.length, 'Each scope once.')
      .openapi({ example: ['summaries:read', 'sessions:read'] }),
    portalIds: Ids.nullable().optional().openapi({ description: 'Limit to these portals.' }),
    teamIds: Ids.nullable().optional().openapi({ description: 'Limit to these teams and their sub-teams.' }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .openapi({ description: 'When the token stops working; none: until revoked.' }),
  })
  .openapi('CreateIntegrationTokenRequest');

export const IntegrationTokenIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const ExchangeRequest = z
  .strictObject({
    sessionId: z.string().min(1).max(200).optional(),
    summaryId: z.string().min(1).max(200).optional(),
    scopes: z
      .array(z.enum(exchangeableScopes as [string, ...string[]]))
      .min(1)
      .max(2)
      .optional()
      .openapi({ description: 'Default `summaries:read`; never more than the calling token holds.' }),
    ttlSeconds: z.number().int().min(60).max(3600).optional().openapi({ description: 'Default 900.' }),
  })
  .refine((b) => (b.sessionId === undefined) !== (b.summaryId === undefined), {
    message: 'Name exactly one of sessionId and summaryId.',
    path: ['sessionId'],
  })
  .openapi('IntegrationTokenExchangeRequest');

export const ExchangeResponse = z
  .object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int(),
    expiresAt: z.string(),
    sessionId: z.string(),
    scopes: z.array(Scope),
  })
  .openapi('IntegrationTokenExchange');
