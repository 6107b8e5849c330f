import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { managerReaches, requireWebhookManager, type WebhookManager } from './access.js';
import { registerDeliveryRoutes } from './delivery-routes.js';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  RotatedSecret,
  RotateSecretRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointList,
  WebhookEndpointSchema,
  WebhookIdParams,
} from './schemas.js';
import { checkUrl, UnsafeUrlError } from './ssrf.js';
import {
  disableEndpoint,
  endpointToWire,
  findEndpoint,
  insertEndpoint,
  newSecret,
  unknownPortals,
} from './store.js';
import { registerWebhookDocs } from './webhook-docs.js';
import type { WebhookWorker } from './worker.js';

const TAG = ['webhooks'];
const route = <T extends Parameters<typeof createRoute>[0]>(config: T) =>
  createRoute({ ...config, tags: TAG, security: bearer });

const listRoute = route({
  method: 'get',
  path: '/v1/webhooks',
  operationId: 'listWebhookEndpoints',
  summary: 'The organization’s webhook endpoints, newest first, without secrets',
  responses: { 200: jsonResponse(WebhookEndpointList, 'Every endpoint'), ...problems(401, 403) },
});

const createRouteDef = route({
  method: 'post',
  path: '/v1/webhooks',
  operationId: 'createWebhookEndpoint',
  summary: 'Add a webhook endpoint; its signing secret is shown once',
  description:
    'Company managers, or integration tokens with `webhooks:manage`. Not idempotent by design: a stored replay would keep the secret; after a lost answer, delete the unknown endpoint and create another. The endpoint receives events that happen after it is created.',
  request: { body: jsonBody(CreateWebhookEndpointRequest) },
  responses: {
    201: jsonResponse(CreatedWebhookEndpoint, 'The endpoint with its secret'),
    ...problems(400, 401, 403, 413),
  },
});

const getRoute = route({
  method: 'get',
  path: '/v1/webhooks/{id}',
  operationId: 'getWebhookEndpoint',
  summary: 'One webhook endpoint, without its secret',
  request: { params: WebhookIdParams },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), ...problems(401, 403, 404) },
});

const updateRoute = route({
  method: 'patch',
  path: '/v1/webhooks/{id}',
  operationId: 'updateWebhookEndpoint',
  summary: 'Change a webhook endpoint: URL, description, events, portal filter, enabled',
  request: { params: WebhookIdParams, body: jsonBody(UpdateWebhookEndpointRequest) },
  responses: {
    200: jsonResponse(WebhookEndpointSchema, 'The endpoint as changed'),
    ...problems(400, 401, 403, 404, 413),
  },
});

const deleteRoute = route({
  method: 'delete',
  path: '/v1/webhooks/{id}',
  operationId: 'deleteWebhookEndpoint',
  summary: 'Delete a webhook endpoint with its deliveries',
  request: { params: WebhookIdParams },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404) },
});

const rotateRoute = route({
  method: 'post',
  path: '/v1/webhooks/{id}/rotate-secret',
  operationId: 'rotateWebhookSecret',
  summary: 'A new signing secret (shown once); the old one keeps signing for an overlap window',
  description:
    'During the overlap (default 24 h, `overlapSeconds` shortens it, 0 ends it at once) every message carries two signatures in `webhook-signature`, one per secret, space-separated, so receivers can switch secrets without losing a message. A rotation during an overlap drops the oldest secret.',
  request: {
    params: WebhookIdParams,
    body: { required: false, content: { 'application/json': { schema: RotateSecretRequest } } },
  },
  responses: {
    200: jsonResponse(RotatedSecret, 'The new secret'),
    ...problems(400, 401, 403, 404, 413),
  },
});

/** The endpoint if the manager reaches it; 404 otherwise (other organizations' ids do not exist). */
export async function reachableEndpoint(services: Services, manager: WebhookManager, id: string) {
  const row = await findEndpoint(services.handle.db, manager.organizationId, id);
  if (!row || !managerReaches(manager, row)) throw ProblemError.notFound('No webhook endpoint with this id.');
  return row;
}

async function checkedUrl(services: Services, url: string): Promise<string> {
  try {
    return (await checkUrl(url, services.config.webhooksAllowPrivate)).toString();
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    throw new ProblemError(400, error.code, error.message, {
      errors: [{ path: 'json.url', message: error.message }],
    });
  }
}

/** The portal filter checked against the organization and the caller's own portal limit. */
async function checkedPortals(
  services: Services,
  manager: WebhookManager,
  portalIds: string[] | null | undefined,
): Promise<string[] | null> {
  const wanted = portalIds === undefined || portalIds === null ? null : [...new Set(portalIds)];
  if (manager.portalIds !== null) {
    const limit = manager.portalIds;
    if (wanted === null) return [...limit];
    const outside = wanted.filter((p) => !limit.includes(p));
    if (outside.length > 0) {
      throw ProblemError.badRequest('The token may not receive events of these portals.', [
        { path: 'json.portalIds', message: `Outside the token's portals: ${outside.join(', ')}` },
      ]);
    }
  }
  if (wanted) {
    const unknown = await unknownPortals(services.handle.db, manager.organizationId, wanted);
    if (unknown.length > 0) {
      throw ProblemError.badRequest('Unknown portals.', [
        { path: 'json.portalIds', message: `No such portal: ${unknown.join(', ')}` },
      ]);
    }
  }
  return wanted;
}

const uniqueEvents = (events: readonly string[]) => [...new Set(events)];

/** Webhook endpoints (SI-12, Standard Webhooks): CRUD, secret rotation, and their deliveries. */
export function registerWebhookRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  worker: Pick<WebhookWorker, 'kick'>,
): void {
  const { db } = services.handle;

  app.openapi(listRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const rows = await db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('organization_id', '=', manager.organizationId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return c.json({ items: rows.filter((r) => managerReaches(manager, r)).map(endpointToWire) }, 200);
  });

  // No Idempotency-Key here: replaying would mean storing the secret; a retry makes a second endpoint.
  app.openapi(createRouteDef, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const body = c.req.valid('json');
    const url = await checkedUrl(services, body.url);
    const portalIds = await checkedPortals(services, manager, body.portalIds);
    const { row, secret } = await insertEndpoint(services.handle, {
      organizationId: manager.organizationId,
      url,
      description: body.description ?? '',
      events: uniqueEvents(body.events),
      portalIds,
      createdBy: manager.by,
      now: services.clock(),
    });
    return c.json({ ...endpointToWire(row), secret }, 201, {
      Location: `/v1/webhooks/${row.id}`,
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(getRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const row = await reachableEndpoint(services, manager, c.req.valid('param').id);
    return c.json(endpointToWire(row), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const row = await reachableEndpoint(services, manager, c.req.valid('param').id);
    const body = c.req.valid('json');
    const now = services.clock();
    const url = body.url === undefined ? undefined : await checkedUrl(services, body.url);
    const portalIds =
      body.portalIds === undefined ? undefined : await checkedPortals(services, manager, body.portalIds);
    const updated = await db.transaction().execute(async (trx) => {
      if (body.enabled === false) await disableEndpoint(trx, row.id, 'manual', now);
      return trx
        .updateTable('webhook_endpoints')
        .set({
          updated_at: now,
          ...(url !== undefined ? { url } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.events !== undefined ? { events: JSON.stringify(uniqueEvents(body.events)) } : {}),
          ...(portalIds !== undefined ? { portal_ids: portalIds ? JSON.stringify(portalIds) : null } : {}),
          ...(body.enabled === true
            ? { enabled: true, disabled_reason: null, disabled_at: null, failing_since: null }
            : {}),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return c.json(endpointToWire(updated), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const row = await reachableEndpoint(services, manager, c.req.valid('param').id);
    await db.deleteFrom('webhook_endpoints').where('id', '=', row.id).execute();
    return c.body(null, 204);
  });

  app.openapi(rotateRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const row = await reachableEndpoint(services, manager, c.req.valid('param').id);
    const text = await c.req.text();
    let overlapSeconds = 86_400;
    if (text.trim()) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw ProblemError.badRequest('The body is not JSON.');
      }
      const result = RotateSecretRequest.safeParse(parsed);
      if (!result.success) {
        throw ProblemError.badRequest(
          'Invalid rotation.',
          result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
        );
      }
      overlapSeconds = result.data.overlapSeconds ?? overlapSeconds;
    }
    const now = services.clock();
    const secret = newSecret();
    const expires = overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null;
    await db
      .updateTable('webhook_endpoints')
      .set({
        secret,
        previous_secret: expires ? row.secret : null,
        previous_secret_expires_at: expires,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .execute();
    return c.json({ secret, previousSecretExpiresAt: expires?.toISOString() ?? null }, 200, {
      'Cache-Control': 'no-store',
    });
  });

  registerDeliveryRoutes(app, services, worker);
  registerWebhookDocs(app);
}
