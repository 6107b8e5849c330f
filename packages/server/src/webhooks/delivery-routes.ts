import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { requireWebhookManager } from './access.js';
import { TEST_EVENT } from './events.js';
import { reachableEndpoint } from './routes.js';
import {
  DeliveryListQuery,
  DeliveryParams,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookDeliverySchema,
  WebhookIdParams,
} from './schemas.js';
import { deliveryToWire, newDeliveryId } from './store.js';
import type { WebhookWorker } from './worker.js';

/** One attempt as the detail's statement reads it (`at` as PostgreSQL writes a timestamp in JSON). */
interface AttemptRow {
  at: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

const TAG = ['webhooks'];

/** 404 for a delivery that is not this endpoint's (or not the caller's organization's). */
const noSuchDelivery = () => ProblemError.notFound('No delivery with this id at this endpoint.');

const listRoute = createRoute({
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags: TAG,
  security: bearer,
  summary: 'Deliveries of an endpoint, newest first (kept 30 days), filtered by status or event',
  request: { params: WebhookIdParams, query: DeliveryListQuery },
  responses: {
    200: jsonResponse(WebhookDeliveryPage, 'A page of deliveries'),
    ...problems(400, 401, 403, 404),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}',
  operationId: 'getWebhookDelivery',
  tags: TAG,
  security: bearer,
  summary: 'One delivery with its body and every attempt (status, duration, error, first 1 KB of the answer)',
  request: { params: DeliveryParams },
  responses: { 200: jsonResponse(WebhookDeliveryDetail, 'The delivery'), ...problems(401, 403, 404) },
});

const retryRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry',
  operationId: 'retryWebhookDelivery',
  tags: TAG,
  security: bearer,
  summary: 'Send a delivery again now (one more attempt; same webhook-id)',
  request: { params: DeliveryParams },
  responses: {
    202: jsonResponse(WebhookDeliverySchema, 'Queued'),
    ...problems(401, 403, 404, 409),
  },
});

const testRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/{id}/test',
  operationId: 'testWebhookEndpoint',
  tags: TAG,
  security: bearer,
  summary: 'Queue a `webhook.test` ping to the endpoint',
  request: { params: WebhookIdParams },
  responses: {
    202: jsonResponse(WebhookDeliverySchema, 'Queued'),
    ...problems(401, 403, 404, 409),
  },
});

function requireEnabled(row: { enabled: boolean }) {
  if (!row.enabled) {
    throw ProblemError.conflict('webhook-endpoint-disabled', 'The endpoint is disabled; enable it first.');
  }
}

/** An endpoint's deliveries: list, one with its attempts, retry, and a test ping. */
export function registerDeliveryRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  worker: Pick<WebhookWorker, 'kick'>,
): void {
  const { db } = services.handle;

  async function delivery(organizationId: string, endpointId: string, deliveryId: string) {
    const row = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('endpoint_id', '=', endpointId)
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) throw noSuchDelivery();
    return row;
  }

  app.openapi(listRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const endpoint = await reachableEndpoint(services, manager, c.req.valid('param').id);
    const { status, event, limit, cursor } = c.req.valid('query');
    let query = db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpoint.id)
      .orderBy('seq', 'desc')
      .limit(limit + 1);
    if (status) query = query.where('status', '=', status);
    if (event) query = query.where('event_type', '=', event);
    if (cursor) query = query.where('seq', '<', cursor);
    const rows = await query.execute();
    const page = rows.slice(0, limit);
    return c.json(
      {
        items: page.map(deliveryToWire),
        nextCursor: rows.length > limit ? String(page[page.length - 1]?.seq) : null,
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const params = c.req.valid('param');
    const endpoint = await reachableEndpoint(services, manager, params.id);
    // The delivery and its attempts in one statement, so one snapshot: read in two, an attempt
    // committed between them showed on a delivery still pending (and a log polling for pending
    // deliveries stopped before it turned failed or delivered).
    const row = await db
      .selectFrom('webhook_deliveries as d')
      .selectAll('d')
      .select(
        sql<AttemptRow[] | null>`(select json_agg(json_build_object(
            'at', a.at, 'statusCode', a.status_code, 'durationMs', a.duration_ms, 'error', a.error,
            'responseExcerpt', a.response_excerpt) order by a.id)
          from webhook_attempts a where a.delivery_id = d.id)`.as('attempt_rows'),
      )
      .where('d.organization_id', '=', manager.organizationId)
      .where('d.endpoint_id', '=', endpoint.id)
      .where('d.id', '=', params.deliveryId)
      .executeTakeFirst();
    if (!row) throw noSuchDelivery();
    const { attempt_rows: attempts, ...delivery } = row;
    return c.json(
      {
        ...deliveryToWire(delivery),
        payload: JSON.parse(delivery.payload) as unknown,
        attempts: (attempts ?? []).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
      },
      200,
    );
  });

  app.openapi(retryRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const params = c.req.valid('param');
    const endpoint = await reachableEndpoint(services, manager, params.id);
    requireEnabled(endpoint);
    const row = await delivery(manager.organizationId, endpoint.id, params.deliveryId);
    const now = services.clock();
    const queued = await db
      .updateTable('webhook_deliveries')
      .set({
        status: 'pending',
        next_attempt_at: now,
        // One more attempt; a delivery still on its schedule keeps the rest of it.
        give_up_after:
          row.status === 'pending'
            ? Math.max(Number(row.give_up_after), Number(row.attempts) + 1)
            : Number(row.attempts) + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    worker.kick();
    return c.json(deliveryToWire(queued), 202);
  });

  app.openapi(testRoute, async (c) => {
    const manager = requireWebhookManager(c.get('principal'));
    const endpoint = await reachableEndpoint(services, manager, c.req.valid('param').id);
    requireEnabled(endpoint);
    const now = services.clock();
    const payload = { type: TEST_EVENT, timestamp: now.toISOString(), data: { endpointId: endpoint.id } };
    const queued = await db
      .insertInto('webhook_deliveries')
      .values({
        id: newDeliveryId(),
        organization_id: manager.organizationId,
        endpoint_id: endpoint.id,
        outbox_id: null,
        event_type: TEST_EVENT,
        payload: JSON.stringify(payload),
        status: 'pending',
        give_up_after: 1,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    worker.kick();
    return c.json(deliveryToWire(queued), 202);
  });
}
