import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { hasPresence, mayViewPresence } from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { announcePresence } from './announce.js';
import { PresenceList, PresenceSchema, PutPresenceRequest } from './schemas.js';
import { ensurePresenceRow, loadPresence } from './store.js';
import { presenceToWire } from './wire.js';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/presence',
  operationId: 'listPresence',
  tags: ['presence'],
  summary: 'Presence of the staff the caller may see (MC-7)',
  description:
    'Company managers see everyone of the organization, team managers the people of their teams and those ' +
    'below, agents their own team; each sees themselves. Changes arrive on `GET /v1/events` as `presence.changed`.',
  security: bearer,
  responses: { 200: jsonResponse(PresenceList, 'Presence, by name'), ...problems(401, 403) },
});

const getMine = createRoute({
  method: 'get',
  path: '/v1/me/presence',
  operationId: 'getMyPresence',
  tags: ['presence'],
  summary: 'The caller’s own presence (MC-7)',
  security: bearer,
  responses: { 200: jsonResponse(PresenceSchema, 'Your presence'), ...problems(401, 403) },
});

const putMine = createRoute({
  method: 'put',
  path: '/v1/me/presence',
  operationId: 'setMyPresence',
  tags: ['presence'],
  summary: 'Set yourself away or available again (MC-7)',
  description:
    'The choice holds across tabs and sign-ins. Busy (a running call) outranks it; with no console open the ' +
    'user is offline whatever they chose. A change is announced as `presence.changed`.',
  security: bearer,
  request: { body: jsonBody(PutPresenceRequest) },
  responses: { 200: jsonResponse(PresenceSchema, 'Your presence now'), ...problems(400, 401, 403, 413) },
});

/** Agent presence (MC-7): who is available, busy, away or offline. */
export function registerPresenceRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  const staffOnly = (c: { get(k: 'principal'): AppEnv['Variables']['principal'] }) => {
    const { actor } = c.get('principal');
    if (!hasPresence(actor)) throw ProblemError.forbidden('Only staff members have a presence.');
    return actor;
  };

  app.openapi(listRoute, async (c) => {
    const actor = staffOnly(c);
    const [rows, teams] = await Promise.all([
      loadPresence(services, actor.organizationId, services.clock()),
      services.teamsOf(actor.organizationId),
    ]);
    const items = rows
      .filter((r) =>
        mayViewPresence(
          actor,
          { organizationId: actor.organizationId, userId: r.userId, teamId: r.teamId },
          teams,
        ),
      )
      .map(presenceToWire);
    return c.json({ items }, 200);
  });

  app.openapi(getMine, async (c) => {
    const actor = staffOnly(c);
    const [row] = await loadPresence(services, actor.organizationId, services.clock(), [actor.userId]);
    if (!row) throw ProblemError.forbidden('Only staff members have a presence.');
    return c.json(presenceToWire(row), 200);
  });

  app.openapi(putMine, async (c) => {
    const actor = staffOnly(c);
    const { status } = c.req.valid('json');
    const now = services.clock();
    await ensurePresenceRow(db, actor.organizationId, actor.userId, now);
    await db.updateTable('presence').set({ chosen: status }).where('user_id', '=', actor.userId).execute();
    await announcePresence(services, actor.organizationId, [actor.userId]);
    const [row] = await loadPresence(services, actor.organizationId, services.clock(), [actor.userId]);
    return c.json(presenceToWire(row!), 200);
  });
}
