import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Principal, Services } from '../context.js';
import { versionEtag } from '../http/etag.js';
import { idempotency } from '../http/idempotency.js';
import { bearer, IdempotencyKeyHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import {
  CreatePortalRequest,
  PatchPortalRequest,
  PortalIdParams,
  PortalList,
  PortalSchema,
} from './schemas.js';
import { createPortal, updatePortal } from './service.js';
import { portalToWire, readPortals } from './store.js';

const IfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the portal as last read; a stale one is refused with 412.',
  }),
});

const listPortals = createRoute({
  method: 'get',
  path: '/v1/portals',
  operationId: 'listPortals',
  tags: ['portals'],
  summary: 'The organization’s portals, by name (staff)',
  security: bearer,
  responses: { 200: jsonResponse(PortalList, 'Every portal'), ...problems(401, 403) },
});

const createPortalRoute = createRoute({
  method: 'post',
  path: '/v1/portals',
  operationId: 'createPortal',
  tags: ['portals'],
  summary: 'Create a portal with its sub-portals, teams and feature modes (company managers, MC-6)',
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreatePortalRequest) },
  responses: {
    201: jsonResponse(PortalSchema, 'The new portal (ETag header carries its version)'),
    ...problems(400, 401, 403, 409, 413, 422),
  },
});

const getPortal = createRoute({
  method: 'get',
  path: '/v1/portals/{id}',
  operationId: 'getPortal',
  tags: ['portals'],
  summary: 'One portal (staff)',
  security: bearer,
  request: { params: PortalIdParams },
  responses: {
    200: jsonResponse(PortalSchema, 'The portal (ETag header carries its version)'),
    ...problems(401, 403, 404),
  },
});

const patchPortal = createRoute({
  method: 'patch',
  path: '/v1/portals/{id}',
  operationId: 'updatePortal',
  tags: ['portals'],
  summary:
    'Change a portal: name, slug, sub-portals, teams, feature modes, hours (company managers, MC-1, MC-6)',
  security: bearer,
  request: { params: PortalIdParams, headers: IfMatch, body: jsonBody(PatchPortalRequest) },
  responses: {
    200: jsonResponse(PortalSchema, 'The portal after the change'),
    ...problems(400, 401, 403, 404, 409, 412, 413),
  },
});

/** Staff of the organization read portals; API keys provision users and teams only, customers none. */
function requireReader(principal: Principal): void {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.role === 'api-manager') {
    throw ProblemError.forbidden('Only staff of the organization may see its portals.');
  }
}

/** Portals and their feature settings are the company managers' (MC-1, MC-6). */
function requireCompanyManager(principal: Principal): void {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.role !== 'company-manager') {
    throw ProblemError.forbidden('Only company managers may create or change portals and their features.');
  }
}

/** `GET/POST /v1/portals`, `GET/PATCH /v1/portals/{id}` (MC-6, VS-2). */
export function registerPortalRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listPortals, async (c) => {
    const principal = c.get('principal');
    requireReader(principal);
    const rows = await readPortals(db, principal.actor.organizationId);
    return c.json({ items: rows.map(portalToWire) }, 200);
  });

  app.use('/v1/portals', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createPortalRoute, async (c) => {
    const principal = c.get('principal');
    requireCompanyManager(principal);
    const input = c.req.valid('json');
    const row = await db
      .transaction()
      .execute((trx) => createPortal(trx, principal.actor.organizationId, input, { now: services.clock() }));
    return c.json(portalToWire(row), 201, {
      ETag: versionEtag(row.version),
      Location: `/v1/portals/${row.id}`,
    });
  });

  app.openapi(getPortal, async (c) => {
    const principal = c.get('principal');
    const [row] = await readPortals(db, principal.actor.organizationId, c.req.valid('param').id);
    if (!row) throw ProblemError.notFound('No portal with this id.');
    requireReader(principal);
    return c.json(portalToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchPortal, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const exists = await db
      .selectFrom('portals')
      .select('id')
      .where('id', '=', id)
      .where('organization_id', '=', principal.actor.organizationId)
      .executeTakeFirst();
    if (!exists) throw ProblemError.notFound('No portal with this id.');
    requireCompanyManager(principal);
    const patch = c.req.valid('json');
    const row = await db
      .transaction()
      .execute((trx) =>
        updatePortal(trx, principal.actor.organizationId, id, patch, c.req.valid('header')['if-match']),
      );
    return c.json(portalToWire(row), 200, { ETag: versionEtag(row.version) });
  });
}
