import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { signToken } from '../auth/tokens.js';
import type { AppEnv, Services } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { versionEtag } from '../http/etag.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { userToWire } from '../users/store.js';
import { requireBootstrap } from './bootstrap.js';
import {
  CreatedOrganization,
  CreateOrganizationRequest,
  OrganizationIdParams,
  OrganizationSchema,
  PatchOrganizationRequest,
  PatchOrganizationTermsRequest,
} from './schemas.js';
import { createOrganization, updateOrganization } from './service.js';
import { findOrganization, organizationToWire } from './store.js';

const bootstrap = [{ bootstrapToken: [] }];
const IfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the organization as last read; a stale one is refused with 412.',
  }),
});

const createOrganizationRoute = createRoute({
  method: 'post',
  path: '/v1/organizations',
  operationId: 'createOrganization',
  tags: ['organizations'],
  summary: 'Create an organization with its first company manager (operator, bootstrap token)',
  description:
    'Needs `Authorization: Bearer <SIGHTLINE_BOOTSTRAP_TOKEN>`; disabled (403) while the server has none. ' +
    'Answers with the organization, its first company manager and a token for that manager. ' +
    'A retry after a lost answer is refused with 409 (the manager’s email is taken): sign in instead.',
  security: bootstrap,
  request: { body: jsonBody(CreateOrganizationRequest) },
  responses: {
    201: jsonResponse(CreatedOrganization, 'The organization, its first manager and a token'),
    ...problems(400, 401, 403, 409, 413, 429),
  },
});

const getOrganizationTerms = createRoute({
  method: 'get',
  path: '/v1/organizations/{id}',
  operationId: 'getOrganizationById',
  tags: ['organizations'],
  summary: 'Any organization (operator, bootstrap token)',
  security: bootstrap,
  request: { params: OrganizationIdParams },
  responses: {
    200: jsonResponse(OrganizationSchema, 'The organization (ETag header carries its version)'),
    ...problems(401, 403, 404, 429),
  },
});

const patchOrganizationTerms = createRoute({
  method: 'patch',
  path: '/v1/organizations/{id}',
  operationId: 'updateOrganizationTerms',
  tags: ['organizations'],
  summary: 'Change an organization’s plan and licence renewal date (operator, bootstrap token)',
  security: bootstrap,
  request: { params: OrganizationIdParams, headers: IfMatch, body: jsonBody(PatchOrganizationTermsRequest) },
  responses: {
    200: jsonResponse(OrganizationSchema, 'The organization after the change'),
    ...problems(400, 401, 403, 404, 412, 413, 429),
  },
});

const getOwnOrganization = createRoute({
  method: 'get',
  path: '/v1/organization',
  operationId: 'getOrganization',
  tags: ['organizations'],
  summary: 'The caller’s organization (staff)',
  security: bearer,
  responses: {
    200: jsonResponse(OrganizationSchema, 'The organization (ETag header carries its version)'),
    ...problems(401, 403),
  },
});

const patchOwnOrganization = createRoute({
  method: 'patch',
  path: '/v1/organization',
  operationId: 'updateOrganization',
  tags: ['organizations'],
  summary: 'Change the organization’s name, default language or time zone (company managers)',
  description: 'The plan and the licence renewal date are the operator’s (`PATCH /v1/organizations/{id}`).',
  security: bearer,
  request: { headers: IfMatch, body: jsonBody(PatchOrganizationRequest) },
  responses: {
    200: jsonResponse(OrganizationSchema, 'The organization after the change'),
    ...problems(400, 401, 403, 412, 413),
  },
});

/** Organizations: the operator's bootstrap routes and the organization's own (MC-1). */
export function registerOrganizationRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  app.openAPIRegistry.registerComponent('securitySchemes', 'bootstrapToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator’s `SIGHTLINE_BOOTSTRAP_TOKEN`.',
  });
  const guard = async (c: Context) => {
    await services.requests.hit('bootstrap', clientIp(c), [
      { scope: 'client', maxAttempts: services.config.authAttemptsPerMinute, windowSeconds: 60 },
    ]);
    requireBootstrap(services, c);
  };

  app.openapi(createOrganizationRoute, async (c) => {
    await guard(c);
    const { organization, manager } = await createOrganization(db, c.req.valid('json'));
    const ttl = services.config.tokenTtlSeconds;
    const token = await signToken(services, { kind: 'user', sub: manager.id, org: organization.id }, ttl);
    return c.json(
      {
        organization: organizationToWire(organization),
        manager: userToWire(manager),
        token,
        tokenType: 'Bearer' as const,
        expiresIn: ttl,
      },
      201,
      { Location: `/v1/organizations/${organization.id}`, ETag: versionEtag(organization.version) },
    );
  });

  app.openapi(getOrganizationTerms, async (c) => {
    await guard(c);
    const row = await findOrganization(db, c.req.valid('param').id);
    if (!row) throw ProblemError.notFound('No organization with this id.');
    return c.json(organizationToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchOrganizationTerms, async (c) => {
    await guard(c);
    const row = await updateOrganization(
      db,
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(organizationToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(getOwnOrganization, async (c) => {
    const { actor } = c.get('principal');
    if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff see the organization.');
    const row = (await findOrganization(db, actor.organizationId))!;
    return c.json(organizationToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchOwnOrganization, async (c) => {
    const { actor } = c.get('principal');
    if (actor.kind !== 'staff' || actor.role !== 'company-manager') {
      throw ProblemError.forbidden('Only company managers change the organization.');
    }
    const row = await updateOrganization(
      db,
      actor.organizationId,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(organizationToWire(row), 200, { ETag: versionEtag(row.version) });
  });
}
