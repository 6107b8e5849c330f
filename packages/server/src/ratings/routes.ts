import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { mayRate } from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { appendEvent } from '../events/outbox.js';
import { idempotency } from '../http/idempotency.js';
import { bearer, IdempotencyKeyHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { scopeOf } from '../sessions/store.js';
import { PostRatingRequest, RatingList, RatingParams, RatingSchema } from './schemas.js';
import { type RatingRow, ratingsOf, ratingsToWire } from './store.js';

const postRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/ratings',
  operationId: 'rateSession',
  tags: ['ratings'],
  summary: 'Rate a session once its call has ended (MC-15)',
  description:
    'The customer of the session’s device and each staff member holding the session (its assignees) ' +
    'rate it once each, 1–5 with an optional comment. Open once a call of the session has ended: a ' +
    'completed or closed session, or one reopened after a call. Before that 409 `not-yet`; a second ' +
    'rating by the same rater 409 `already-rated`; anyone else who sees the session (managers above ' +
    'the holders) 403. Appends a `rating.created` event.',
  security: bearer,
  request: { params: RatingParams, headers: IdempotencyKeyHeader, body: jsonBody(PostRatingRequest) },
  responses: {
    201: jsonResponse(RatingSchema, 'Stored'),
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/ratings',
  operationId: 'listRatings',
  tags: ['ratings'],
  summary: 'The session’s ratings, oldest first (MC-15)',
  description:
    'Staff who may see the session get every rating; the customer gets only their own (at most one).',
  security: bearer,
  request: { params: RatingParams },
  responses: { 200: jsonResponse(RatingList, 'The ratings'), ...problems(400, 401, 403, 404) },
});

/** Session ratings (MC-15): one per rater, after the call, announced as `rating.created`. */
export function registerRatingRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.use('/v1/sessions/:id/ratings', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );

  app.openapi(postRoute, async (c) => {
    const principal = c.get('principal');
    const body = c.req.valid('json');
    const { row, calls } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    const outcome = mayRate(principal.actor, {
      organizationId: row.organization_id,
      deviceId: row.device_id,
      assigneeIds: row.assignee_ids,
      calls: calls.map((call) => ({ endedAt: call.ended_at })),
    });
    if (!outcome.ok) {
      const { code, reason } = outcome.rejection;
      throw code === 'forbidden' ? ProblemError.forbidden(reason) : ProblemError.conflict(code, reason);
    }
    const { rater } = outcome;
    const wire = await db.transaction().execute(async (trx) => {
      const inserted = (await trx
        .insertInto('session_ratings')
        .values({
          id: randomUUID(),
          session_id: row.id,
          organization_id: row.organization_id,
          rater_kind: rater.kind,
          rater_id: rater.id,
          rater_participant: principal.participantId,
          score: body.score,
          comment: body.comment ? body.comment : null,
          created_at: services.clock(),
        })
        .onConflict((oc) => oc.columns(['session_id', 'rater_kind', 'rater_id']).doNothing())
        .returningAll()
        .executeTakeFirst()) as RatingRow | undefined;
      if (!inserted) {
        throw ProblemError.conflict('already-rated', 'You have already rated this session.');
      }
      const [rating] = await ratingsToWire(trx, row.organization_id, [inserted]);
      await appendEvent(trx, services.handle, {
        organizationId: row.organization_id,
        type: 'rating.created',
        sessionId: row.id,
        scope: scopeOf(row),
        data: { rating, raterKind: rater.kind },
      });
      return rating;
    });
    services.handle.notifier.notify();
    return c.json(wire!, 201);
  });

  app.openapi(listRoute, async (c) => {
    const principal = c.get('principal');
    const { row } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    const rows = await ratingsOf(db, row.id, principal.actor.kind === 'customer');
    return c.json({ items: await ratingsToWire(db, row.organization_id, rows) }, 200);
  });
}
