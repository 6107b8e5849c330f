import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Principal, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { ApiKeyIdParams, ApiKeyList, CreateApiKeyRequest, CreatedApiKey } from './schemas.js';
import { apiKeyToWire, createApiKey, revokeApiKey } from './service.js';

const listApiKeys = createRoute({
  method: 'get',
  path: '/v1/api-keys',
  operationId: 'listApiKeys',
  tags: ['api-keys'],
  summary: 'The organization’s API keys, newest first, without secrets (company managers)',
  security: bearer,
  responses: { 200: jsonResponse(ApiKeyList, 'Every key, revoked ones included'), ...problems(401, 403) },
});

const createApiKeyRoute = createRoute({
  method: 'post',
  path: '/v1/api-keys',
  operationId: 'createApiKey',
  tags: ['api-keys'],
  summary: 'Create an API key that provisions users (company managers, MC-1); the secret is shown once',
  security: bearer,
  description:
    'Not idempotent by design: a stored replay would keep the secret. After a lost answer, revoke the unknown key and create another.',
  request: { body: jsonBody(CreateApiKeyRequest) },
  responses: {
    201: jsonResponse(CreatedApiKey, 'The key with its secret'),
    ...problems(400, 401, 403, 413),
  },
});

const revokeApiKeyRoute = createRoute({
  method: 'delete',
  path: '/v1/api-keys/{id}',
  operationId: 'revokeApiKey',
  tags: ['api-keys'],
  summary: 'Revoke an API key at once (company managers)',
  security: bearer,
  request: { params: ApiKeyIdParams },
  responses: { 204: { description: 'Revoked (also when it already was)' }, ...problems(401, 403, 404) },
});

function requireCompanyManager(principal: Principal) {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.role !== 'company-manager') {
    throw ProblemError.forbidden('Only company managers manage API keys.');
  }
  return actor;
}

/** API keys (MC-1 API manager): list, create (secret shown once), revoke. */
export function registerApiKeyRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listApiKeys, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    const rows = await db
      .selectFrom('api_keys')
      .selectAll()
      .where('organization_id', '=', actor.organizationId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const now = services.clock();
    return c.json({ items: rows.map((r) => apiKeyToWire(r, now)) }, 200);
  });

  // No Idempotency-Key here: replaying would mean storing the secret; a retry makes a second key.
  app.openapi(createApiKeyRoute, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    const created = await createApiKey(
      db,
      actor.organizationId,
      actor.userId,
      c.req.valid('json'),
      services.clock(),
    );
    return c.json(created, 201, { Location: `/v1/api-keys/${created.id}`, 'Cache-Control': 'no-store' });
  });

  app.openapi(revokeApiKeyRoute, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    await revokeApiKey(db, actor.organizationId, c.req.valid('param').id, services.clock());
    // Open event streams on the key ask again at once, and end.
    services.handle.notifier.notify();
    return c.body(null, 204);
  });
}
