import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { canViewSession, type SessionEvent } from '@sightline/core/domain';
import { sql } from 'kysely';
import type { AppEnv, Services } from '../context.js';
import { idempotency } from '../http/idempotency.js';
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
import {
  CancelSessionRequest,
  CreateSessionRequest,
  SessionIdParams,
  SessionListQuery,
  SessionPage,
  SessionSchema,
} from './schemas.js';
import { applySessionEvent, createSession, loadVisibleSession } from './service.js';
import { callsOf, etagOf, sessionScope } from './store.js';

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

function decodeCursor(cursor: string | undefined): bigint | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^\d{1,18}$/.test(text)) throw ProblemError.badRequest('The cursor is not valid.');
  return BigInt(text);
}

/** Session listing, reading, creation and the lifecycle operations. */
export function registerSessionRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listSessions, async (c) => {
    const { actor } = c.get('principal');
    const query = c.req.valid('query');
    const teams = await services.teamsOf(actor.organizationId);
    let after = decodeCursor(query.cursor);
    const items = [];
    let nextCursor: string | null = null;
    // Visibility is the domain's canViewSession, applied row by row over ordered batches.
    for (;;) {
      let q = db
        .selectFrom('sessions')
        .selectAll()
        .where('organization_id', '=', actor.organizationId)
        .orderBy('seq', 'desc')
        .limit(200);
      if (actor.kind === 'customer') q = q.where('device_id', '=', actor.deviceId);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.deviceId) q = q.where('device_id', '=', query.deviceId);
      if (query.ticket) q = q.where(sql<boolean>`ticket_links @> ${JSON.stringify([query.ticket])}::jsonb`);
      if (after !== undefined) q = q.where('seq', '<', String(after));
      const rows = await q.execute();
      for (const row of rows) {
        after = BigInt(row.seq);
        if (query.assigneeId && !row.assignee_ids.includes(query.assigneeId)) continue;
        if (!canViewSession(actor, sessionScope(row), teams)) continue;
        items.push(row);
        if (items.length === query.limit) break;
      }
      if (items.length === query.limit) {
        nextCursor = Buffer.from(String(after)).toString('base64url');
        break;
      }
      if (rows.length < 200) break;
    }
    const [calls, toWire] = await Promise.all([
      callsOf(
        db,
        items.map((r) => r.id),
      ),
      sessionWire(services, c.get('principal'), items),
    ]);
    return c.json(
      {
        items: items.map((row) =>
          toWire(
            row,
            calls.filter((call) => call.session_id === row.id),
          ),
        ),
        nextCursor,
      },
      200,
    );
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
    const { row, calls } = await loadVisibleSession(services, c.get('principal'), c.req.valid('param').id);
    const toWire = await sessionWire(services, c.get('principal'), [row]);
    return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
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
