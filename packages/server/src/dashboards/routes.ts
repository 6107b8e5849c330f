import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { mayKeepDashboards } from '@sightline/core/domain';
import { sql } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import { checkIfMatch, versionEtag } from '../http/etag.js';
import { idempotency } from '../http/idempotency.js';
import {
  bearer,
  IdempotencyKeyHeader,
  jsonBody,
  jsonResponse,
  problems,
  ServerSentEventSchema,
} from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import {
  CreateDashboardRequest,
  DashboardIfMatch,
  DashboardList,
  DashboardParams,
  DashboardSchema,
  DashboardSnapshotSchema,
  DashboardStreamQuery,
  PatchDashboardRequest,
} from './schemas.js';
import { computeSnapshot } from './snapshot.js';
import {
  accessTo,
  assertReferences,
  type DashboardRow,
  dashboardsQuery,
  dashboardToWire,
  reachDashboard,
  withMonitorIds,
} from './store.js';
import { streamDashboard } from './stream.js';
import { newWatch, readWatch } from './watch.js';

const tags = ['dashboards'];
const who =
  'Company and team managers keep dashboards; the owner edits, managers it is shared with view. Every monitor ' +
  'shows the viewer only what they may see, whoever shared it.';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/dashboards',
  operationId: 'listDashboards',
  tags,
  summary: 'Your dashboards and those shared with you (MC-7)',
  description: who,
  security: bearer,
  responses: { 200: jsonResponse(DashboardList, 'Dashboards, own first, by name'), ...problems(401, 403) },
});
const createDashboardRoute = createRoute({
  method: 'post',
  path: '/v1/dashboards',
  operationId: 'createDashboard',
  tags,
  summary: 'Save a dashboard with its monitors (MC-7)',
  description: who,
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreateDashboardRequest) },
  responses: {
    201: jsonResponse(DashboardSchema, 'The new dashboard (ETag header carries its version)'),
    ...problems(400, 401, 403, 413, 422),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/v1/dashboards/{id}',
  operationId: 'getDashboard',
  tags,
  summary: 'One dashboard (MC-7)',
  security: bearer,
  request: { params: DashboardParams },
  responses: { 200: jsonResponse(DashboardSchema, 'The dashboard (ETag)'), ...problems(401, 403, 404) },
});
const patchRoute = createRoute({
  method: 'patch',
  path: '/v1/dashboards/{id}',
  operationId: 'updateDashboard',
  tags,
  summary: 'Change a dashboard: name, monitors, sharing (its owner, MC-7)',
  security: bearer,
  request: { params: DashboardParams, headers: DashboardIfMatch, body: jsonBody(PatchDashboardRequest) },
  responses: {
    200: jsonResponse(DashboardSchema, 'The dashboard after the change'),
    ...problems(400, 401, 403, 404, 412, 413),
  },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/dashboards/{id}',
  operationId: 'deleteDashboard',
  tags,
  summary: 'Delete a dashboard (its owner, MC-7)',
  security: bearer,
  request: { params: DashboardParams, headers: DashboardIfMatch },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 412) },
});
const snapshotRoute = createRoute({
  method: 'get',
  path: '/v1/dashboards/{id}/snapshot',
  operationId: 'getDashboardSnapshot',
  tags,
  summary: 'What each monitor shows you now, and a watch for the live stream (MC-7)',
  description:
    'Starts a watch: its `watch` value opens `GET /v1/dashboards/{id}/stream`, which pauses 12 hours later ' +
    '(`pausesAt`); a new snapshot resumes.',
  security: bearer,
  request: { params: DashboardParams },
  responses: { 200: jsonResponse(DashboardSnapshotSchema, 'The monitors now'), ...problems(401, 403, 404) },
});
const streamRoute = createRoute({
  method: 'get',
  path: '/v1/dashboards/{id}/stream',
  operationId: 'streamDashboard',
  tags,
  summary: 'The dashboard’s monitors, live (MC-7)',
  description:
    'Server-sent events: `ready` (`pausesAt`), `snapshot` (a `DashboardSnapshot` without the watch) at once and ' +
    'whenever a monitor changes, heartbeats as comments. At `pausesAt` — 12 hours after the watch began — ' +
    '`paused` and the stream ends: show “paused — resume” and take a new snapshot to resume. An expired token ' +
    'ends it with `token-expired`; a revoked credential or an unshared or deleted dashboard with `revoked`.',
  security: bearer,
  request: { params: DashboardParams, query: DashboardStreamQuery },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: ServerSentEventSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

/** Live dashboards (MC-7): saved per manager, shared with managers, their snapshot and live stream. */
export function registerDashboardRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  const managerOf = (principal: Principal) => {
    const { actor } = principal;
    if (!mayKeepDashboards(actor)) throw ProblemError.forbidden('Only managers keep dashboards.');
    return actor;
  };
  const reload = async (organizationId: string, id: string) =>
    (await dashboardsQuery(db, organizationId)
      .where('dashboards.id', '=', id)
      .executeTakeFirstOrThrow()) as DashboardRow;

  app.openapi(listRoute, async (c) => {
    const actor = managerOf(c.get('principal'));
    const rows = (await dashboardsQuery(db, actor.organizationId)
      .where((eb) =>
        eb.or([
          eb('dashboards.owner_id', '=', actor.userId),
          eb('dashboards.shared_with_organization', '=', true),
          sql<boolean>`dashboards.shared_with @> ${JSON.stringify([actor.userId])}::jsonb`,
        ]),
      )
      .orderBy('dashboards.name')
      .orderBy('dashboards.id')
      .execute()) as DashboardRow[];
    const items = rows
      .map((r) => ({ r, access: accessTo(actor, r) }))
      .filter((x): x is { r: DashboardRow; access: 'own' | 'view' } => x.access !== 'none')
      .sort((a, b) => (a.access === b.access ? 0 : a.access === 'own' ? -1 : 1))
      .map((x) => dashboardToWire(x.r, x.access));
    return c.json({ items }, 200);
  });

  app.use('/v1/dashboards', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createDashboardRoute, async (c) => {
    const actor = managerOf(c.get('principal'));
    const input = c.req.valid('json');
    const monitors = withMonitorIds(input.monitors);
    const sharedWith = [...new Set(input.sharedWith)];
    await assertReferences(db, actor.organizationId, actor.userId, { monitors, sharedWith });
    const now = services.clock();
    const id = randomUUID();
    await db
      .insertInto('dashboards')
      .values({
        id,
        organization_id: actor.organizationId,
        owner_id: actor.userId,
        name: input.name,
        monitors: JSON.stringify(monitors),
        shared_with: JSON.stringify(sharedWith),
        shared_with_organization: input.sharedWithOrganization,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const row = await reload(actor.organizationId, id);
    return c.json(dashboardToWire(row, 'own'), 201, {
      ETag: versionEtag(row.version),
      Location: `/v1/dashboards/${id}`,
    });
  });

  app.openapi(getRoute, async (c) => {
    const { actor } = c.get('principal');
    const { row, access } = await reachDashboard(db, actor, c.req.valid('param').id, 'view');
    return c.json(dashboardToWire(row, access), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchRoute, async (c) => {
    const { actor } = c.get('principal');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { row } = await reachDashboard(db, actor, id, 'own');
    checkIfMatch(c.req.valid('header')['if-match'], row.version, 'The dashboard changed since you read it.');
    const monitors = patch.monitors ? withMonitorIds(patch.monitors) : undefined;
    const sharedWith = patch.sharedWith ? [...new Set(patch.sharedWith)] : undefined;
    await assertReferences(db, row.organization_id, row.owner_id, { monitors, sharedWith });
    const updated = await db
      .updateTable('dashboards')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(monitors ? { monitors: JSON.stringify(monitors) } : {}),
        ...(sharedWith ? { shared_with: JSON.stringify(sharedWith) } : {}),
        ...(patch.sharedWithOrganization !== undefined
          ? { shared_with_organization: patch.sharedWithOrganization }
          : {}),
        version: sql<number>`version + 1`,
        updated_at: services.clock(),
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw ProblemError.preconditionFailed('The dashboard changed since you read it.');
    const after = await reload(row.organization_id, id);
    // Open streams of viewers it is no longer shared with end at their next wake.
    services.handle.notifier.notify();
    return c.json(dashboardToWire(after, 'own'), 200, { ETag: versionEtag(after.version) });
  });

  app.openapi(deleteRoute, async (c) => {
    const { actor } = c.get('principal');
    const { id } = c.req.valid('param');
    const { row } = await reachDashboard(db, actor, id, 'own');
    checkIfMatch(c.req.valid('header')['if-match'], row.version, 'The dashboard changed since you read it.');
    await db.deleteFrom('dashboards').where('id', '=', id).execute();
    services.handle.notifier.notify();
    return c.body(null, 204);
  });

  app.openapi(snapshotRoute, async (c) => {
    const principal = c.get('principal');
    const actor = managerOf(principal);
    const { row } = await reachDashboard(db, actor, c.req.valid('param').id, 'view');
    const now = services.clock();
    const watch = newWatch(services.jwtSecret, row.id, actor.userId, now);
    const monitors = await computeSnapshot(services, actor, row.monitors as never);
    return c.json(
      {
        dashboardId: row.id,
        at: now.toISOString(),
        monitors,
        watch: watch.value,
        pausesAt: watch.pausesAt.toISOString(),
      },
      200,
    );
  });

  app.openapi(streamRoute, async (c) => {
    const principal = c.get('principal');
    const actor = managerOf(principal);
    const { row } = await reachDashboard(db, actor, c.req.valid('param').id, 'view');
    const { watch } = c.req.valid('query');
    const now = services.clock();
    let pausesAt = newWatch(services.jwtSecret, row.id, actor.userId, now).pausesAt;
    if (watch !== undefined) {
      const given = readWatch(services.jwtSecret, row.id, actor.userId, watch, now);
      if (!given)
        throw ProblemError.badRequest('The watch is not one of this dashboard’s; take a new snapshot.');
      pausesAt = given;
    }
    return streamDashboard(c, services, principal, row, pausesAt) as never;
  });
}
