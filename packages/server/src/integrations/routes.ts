import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { canViewSession, hasIntegrationScope, type IntegrationScope } from '@sightline/core/domain';
import { signToken } from '../auth/tokens.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { findSession, sessionScope } from '../sessions/store.js';
import {
  CreatedIntegrationToken,
  CreateIntegrationTokenRequest,
  ExchangeRequest,
  ExchangeResponse,
  IntegrationTokenIdParams,
  IntegrationTokenList,
} from './schemas.js';
import { createIntegrationToken, integrationTokenToWire, revokeIntegrationToken } from './service.js';

const tags = ['integrations'];

const listRoute = createRoute({
  method: 'get',
  path: '/v1/integrations/tokens',
  operationId: 'listIntegrationTokens',
  tags,
  summary: 'The organization’s integration tokens, newest first, without secrets (company managers)',
  security: bearer,
  responses: {
    200: jsonResponse(IntegrationTokenList, 'Every token, revoked ones included'),
    ...problems(401, 403),
  },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/v1/integrations/tokens',
  operationId: 'createIntegrationToken',
  tags,
  summary: 'Create a scoped integration token for a CRM or ITSM tool (company managers, SI-12); shown once',
  description:
    'Scopes name what the token may do; `portalIds` and `teamIds` limit which sessions it reaches. ' +
    'Not idempotent by design: a stored replay would keep the secret.',
  security: bearer,
  request: { body: jsonBody(CreateIntegrationTokenRequest) },
  responses: {
    201: jsonResponse(CreatedIntegrationToken, 'The token with its secret'),
    ...problems(400, 401, 403, 413),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/integrations/tokens/{id}',
  operationId: 'revokeIntegrationToken',
  tags,
  summary: 'Revoke an integration token at once, with every token exchanged from it and their streams',
  security: bearer,
  request: { params: IntegrationTokenIdParams },
  responses: { 204: { description: 'Revoked (also when it already was)' }, ...problems(401, 403, 404) },
});

const exchangeRoute = createRoute({
  method: 'post',
  path: '/v1/integrations/tokens/exchange',
  operationId: 'exchangeIntegrationToken',
  tags,
  summary: 'Exchange an integration token for a short-lived token for one session’s summary (SI-12)',
  description:
    'Called by a host app’s backend, so the long-lived secret never reaches a browser. The answer is a ' +
    'bearer token for `<sightline-summary-viewer>`: it reaches only that session, with at most ' +
    '`summaries:read` and `summaries:write`, for at most one hour (never beyond the calling token), and ' +
    'stops at once when the calling token is revoked.',
  security: bearer,
  request: { body: jsonBody(ExchangeRequest) },
  responses: {
    200: jsonResponse(ExchangeResponse, 'The short-lived token'),
    ...problems(400, 401, 403, 404),
  },
});

function requireCompanyManager(principal: Principal) {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.role !== 'company-manager') {
    throw ProblemError.forbidden('Only company managers manage integration tokens.');
  }
  return actor;
}

function requireIntegration(principal: Principal) {
  const { actor } = principal;
  if (actor.kind !== 'integration') throw ProblemError.forbidden('This needs an integration token.');
  return actor;
}

/** Integration tokens (SI-12): list, create (secret shown once), revoke, exchange (`GET /v1/me` says who a token is). */
export function registerIntegrationRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listRoute, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    const rows = await db
      .selectFrom('integration_tokens')
      .selectAll()
      .where('organization_id', '=', actor.organizationId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const now = services.clock();
    return c.json({ items: rows.map((r) => integrationTokenToWire(r, now)) }, 200);
  });

  app.openapi(createTokenRoute, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    const created = await createIntegrationToken(
      db,
      actor.organizationId,
      actor.userId,
      c.req.valid('json'),
      services.clock(),
    );
    return c.json(created, 201, {
      Location: `/v1/integrations/tokens/${created.id}`,
      'Cache-Control': 'no-store',
    });
  });

  app.openapi(revokeRoute, async (c) => {
    const actor = requireCompanyManager(c.get('principal'));
    await revokeIntegrationToken(
      services.handle,
      actor.organizationId,
      c.req.valid('param').id,
      services.clock(),
    );
    return c.body(null, 204);
  });

  app.openapi(exchangeRoute, async (c) => {
    const actor = requireIntegration(c.get('principal'));
    if (actor.sessionId) throw ProblemError.forbidden('A short-lived token cannot be exchanged again.');
    const body = c.req.valid('json');
    const scopes = (body.scopes ?? ['summaries:read']) as IntegrationScope[];
    const missing = scopes.filter((s) => !hasIntegrationScope(actor, s));
    if (missing.length > 0) {
      throw ProblemError.forbidden(
        `The calling token does not hold ${missing.map((s) => `\`${s}\``).join(', ')}.`,
      );
    }
    let sessionId = body.sessionId;
    if (body.summaryId !== undefined) {
      const summary = await db
        .selectFrom('summaries')
        .select('session_id')
        .where('id', '=', body.summaryId)
        .where('organization_id', '=', actor.organizationId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!summary) throw ProblemError.notFound('No summary with this id.');
      sessionId = summary.session_id;
    }
    const session = sessionId ? await findSession(db, actor.organizationId, sessionId) : undefined;
    // A session outside the token's limits is as unknown as one that does not exist.
    if (
      !session ||
      !canViewSession(actor, sessionScope(session), await services.teamsOf(actor.organizationId))
    ) {
      throw ProblemError.notFound('No session with this id within the token’s limits.');
    }
    const now = services.clock();
    const parent = await db
      .selectFrom('integration_tokens')
      .select('expires_at')
      .where('id', '=', actor.tokenId)
      .executeTakeFirstOrThrow();
    const untilParent = parent.expires_at
      ? Math.floor((new Date(parent.expires_at).getTime() - now.getTime()) / 1000)
      : Number.POSITIVE_INFINITY;
    const ttl = Math.max(1, Math.min(body.ttlSeconds ?? 900, untilParent));
    const token = await signToken(
      services,
      { kind: 'integration', sub: actor.tokenId, org: actor.organizationId, scp: scopes, ses: session.id },
      ttl,
    );
    return c.json(
      {
        token,
        tokenType: 'Bearer' as const,
        expiresIn: ttl,
        expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
        sessionId: session.id,
        scopes,
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });
}
