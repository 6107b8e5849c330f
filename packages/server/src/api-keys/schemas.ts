import { z } from '@hono/zod-openapi';

export const ApiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable().openapi({ description: 'The company manager who created it.' }),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Approximate (updated at most once a minute).' }),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .openapi('ApiKey');

export const CreatedApiKey = ApiKeySchema.extend({
  key: z.string().openapi({
    description: 'The secret `slk_<id>_<secret>`, shown only in this answer; only a hash is stored.',
  }),
}).openapi('CreatedApiKey');

export const ApiKeyList = z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList');

export const CreateApiKeyRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'HR provisioning' }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .openapi({ description: 'When the key stops working; none: until revoked.' }),
  })
  .openapi('CreateApiKeyRequest');

export const ApiKeyIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
