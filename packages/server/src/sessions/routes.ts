import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { SessionEvent } from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { idempotency } from '../http/idempotency.js';
import { jsonTextResponse } from '../http/json-text.js';
import {
  bearer,
  IdempotencyKeyHeader,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  problems,
} from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { sessionWire } from './assignees.js';
import { sessionJson, sessionPageJson } from './read-wire.js';
import {
  CancelSessionRequest,
  CreateSessionRequest,
  SessionIdParams,
  SessionListQuery,
  SessionPage,
  SessionSchema,
} from './schemas.js';
import { applySessionEvent, createSession } from './service.js';
import { etagOf } from './store.js';

const listSessions = createRoute({
  method: 'get',
  path: '/v1/sessions',
  operationId: 'listSessions',
  tags: ['sessions'],
  summary: 'Sessions the caller may see, newest first',
  security: bearer,
  request: { query: SessionListQuery },
  responses: { 200: jsonResponse(SessionPage, 'A page of sessions'), ...problems(400, 401) },
});

const createSessionRoute = createRoute({
  method: 'post',
  path: '/v1/sessions',
  operationId: 'createSession',
  tags: ['sessions'],
  summary: 'Request a session (customer, VS-1) or create one (staff, VS-5)',
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreateSessionRequest) },
  responses: {
    201: jsonResponse(SessionSchema, 'The new session'),
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

const getSession = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}',
  operationId: 'getSession',
  tags: ['sessions'],
  summary: 'One session with its calls',
  security: bearer,
  request: { params: SessionIdParams },
  responses: {
    200: jsonResponse(SessionSchema, 'The session (ETag header carries its version)'),
    ...problems(401, 403, 404),
  },
});

function lifecycleRoute(action: 'confirm' | 'close' | 'reopen', summary: string) {
  return createRoute({
    method: 'post',
    path: `/v1/sessions/{id}/${action}`,
    operationId: `${action}Session`,
    tags: ['sessions'],
    summary,
    security: bearer,
    request: { params: SessionIdParams, headers: IfMatchHeader },
    responses: {
      200: jsonResponse(SessionSchema, 'The session after the transition'),
      ...problems(400, 401, 403, 404, 409, 412, 413),
    },
  });
}

const confirmRoute = lifecycleRoute('confirm', 'Confirm a requested session (staff, VS-4)');
const cancelRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/cancel',
  operationId: 'cancelSession',
  tags: ['sessions'],
  summary: 'Cancel a requested or confirmed session (either side, VS-6)',
  security: bearer,
  request: {
    params: SessionIdParams,
    headers: IfMatchHeader,
    body: { ...jsonBody(CancelSessionRequest), required: false },
  },
  responses: {
    200: jsonResponse(SessionSchema, 'The cancelled session'),
    ...problems(400, 401, 403, 404, 409, 412, 413),
  },
});
const closeRoute = lifecycleRoute('close', 'Close a completed session (staff, VS-6)');
const reopenRoute = lifecycleRoute('reopen', 'Reopen a completed or closed session (staff, VS-6)');

/** Session listing, reading, creation and the lifecycle operations. */
export function registerSessionRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(listSessions, async (c) => {
    const query = c.req.valid('query');
    if (query.from && query.to && query.from >= query.to)
      throw ProblemError.badRequest('`from` must be before `to`.');
    return jsonTextResponse(c, await sessionPageJson(services, c.get('principal'), query), 200);
  });

  app.use('/v1/sessions', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createSessionRoute, async (c) => {
    const { row, calls } = await createSession(services, c.get('principal'), c.req.valid('json'));
    const toWire = await sessionWire(services, c.get('principal'), [row]);
    return c.json(toWire(row, calls), 201, {
      ETag: etagOf(row),
      Location: `/v1/sessions/${row.id}`,
    });
  });

  app.openapi(getSession, async (c) => {
    const { json, etag } = await sessionJson(services, c.get('principal'), c.req.valid('param').id);
    return jsonTextResponse(c, json, 200, { ETag: etag });
  });

  const lifecycle = [
    [confirmRoute, () => ({ type: 'confirm' })],
    [closeRoute, () => ({ type: 'close' })],
    [reopenRoute, () => ({ type: 'reopen' })],
  ] as const;
  for (const [route, event] of lifecycle) {
    app.openapi(route, async (c) => {
      const { id } = c.req.valid('param');
      const { row, calls } = await applySessionEvent(
        services,
        c.get('principal'),
        id,
        event() as SessionEvent,
        {
          ifMatch: c.req.valid('header')['if-match'],
        },
      );
      const toWire = await sessionWire(services, c.get('principal'), [row]);
      return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
    });
  }

  app.openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const event: SessionEvent = body.reason ? { type: 'cancel', reason: body.reason } : { type: 'cancel' };
    const { row, calls } = await applySessionEvent(services, c.get('principal'), id, event, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    const toWire = await sessionWire(services, c.get('principal'), [row]);
    return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
  });
}
