import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { CallTransportField, callTransportOf } from '../calls/transport.js';
import type { AppEnv, Services } from '../context.js';
import { findAccessCode, normalizeAccessCode, redeemFoundAccessCode } from '../devices/access-codes.js';
import { clientIp } from '../http/client-ip.js';
import { IntegrationMe, integrationMe } from '../integrations/me.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { registerPatchMe, StaffMeFields, staffMe } from '../users/me.js';
import { matchesSealed } from '../users/pending-password.js';
import { verifyPassword } from './passwords.js';
import { signToken } from './tokens.js';

const LoginRequest = z
  .strictObject({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginRequest');

const AccessCodeRequest = z
  .strictObject({ code: z.string().min(1).max(100).openapi({ example: 'DEMO-0001' }) })
  .openapi('AccessCodeRequest');

export const TokenResponse = z
  .object({
    token: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the token expires.' }),
  })
  .openapi('TokenResponse');

export const Me = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('staff'),
      organizationId: z.string(),
      participantId: z.string(),
      userId: z.string(),
      email: z.string(),
      displayName: z.string(),
      role: z.enum(['company-manager', 'team-manager', 'api-manager', 'agent']),
      teamId: z.string().nullable(),
      managedTeamIds: z.array(z.string()),
      ...StaffMeFields,
      callTransport: CallTransportField,
    }),
    z.object({
      kind: z.literal('customer'),
      organizationId: z.string(),
      participantId: z.string(),
      deviceId: z.string(),
      callTransport: CallTransportField,
      sessionId: z.string().optional().openapi({
        description:
          'Signed in with an invitation (VS-5): the one session this sign-in reaches. The customer cannot request another.',
      }),
    }),
    IntegrationMe,
  ])
  .openapi('Me');

const THROTTLED =
  'Attempts are counted per client network and email or code, per client network and per organization, ' +
  'shared by every server; past a limit the answer is 429 `too-many-requests` with `Retry-After` (seconds), ' +
  'whichever limit holds and whether or not the account or code exists. Attempts that sign in do not count.';

const login = createRoute({
  method: 'post',
  path: '/v1/auth/login',
  operationId: 'login',
  tags: ['auth'],
  summary: 'Exchange email and password for a bearer token',
  description: THROTTLED,
  request: { body: jsonBody(LoginRequest) },
  responses: {
    200: jsonResponse(TokenResponse, 'A short-lived bearer token'),
    ...problems(400, 401, 413, 429),
  },
});

const accessCode = createRoute({
  method: 'post',
  path: '/v1/auth/access-code',
  operationId: 'exchangeAccessCode',
  tags: ['auth'],
  summary: 'Exchange a customer access code for a token scoped to that device',
  description:
    'Unknown codes answer 401 `unauthorized`; withdrawn codes (revoked, or of a deleted device) 401 `access-code-revoked`; expired ones 401 `access-code-expired`. The token ends when its code is revoked or expires. ' +
    THROTTLED,
  request: { body: jsonBody(AccessCodeRequest) },
  responses: { 200: jsonResponse(TokenResponse, 'A customer token'), ...problems(400, 401, 413, 429) },
});

const me = createRoute({
  method: 'get',
  path: '/v1/me',
  operationId: 'getMe',
  tags: ['auth'],
  summary: 'Who the token belongs to',
  security: bearer,
  responses: {
    200: jsonResponse(Me, 'The caller (for staff, the ETag header carries the version)'),
    ...problems(401),
  },
});

/** Login, access-code exchange and `GET /v1/me`. */
export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const address = email.toLowerCase();
    const user = await db
      .selectFrom('users')
      .select(['id', 'organization_id', 'password_hash', 'pending_password'])
      .where(sql`lower(email)`, '=', address)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    // Counted before the password is checked, for unknown emails as for known ones.
    const attempt = await services.signIns.admit({
      kind: 'login',
      clientAddress: clientIp(c),
      identifier: address,
      organizationId: user?.organization_id ?? null,
      subject: user ? `user:${user.id}` : null,
    });
    // Verify even for unknown users so timing does not reveal which emails exist. A large import's
    // user whose hash is not stored yet is checked against the sealed password (same argon2 cost).
    let ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (user && user.password_hash === null && user.pending_password) {
      ok = matchesSealed(services.rawSecret, user.id, user.pending_password, password);
    }
    if (!user || !ok) {
      await services.signIns.failed(attempt);
      throw ProblemError.unauthorized('Email or password is wrong.');
    }
    await services.signIns.succeeded(attempt);
    const ttl = services.config.tokenTtlSeconds;
    const token = await signToken(services, { kind: 'user', sub: user.id, org: user.organization_id }, ttl);
    return c.json({ token, tokenType: 'Bearer' as const, expiresIn: ttl }, 200);
  });

  app.openapi(accessCode, async (c) => {
    const code = normalizeAccessCode(c.req.valid('json').code);
    const found = await findAccessCode(db, code);
    const attempt = await services.signIns.admit({
      kind: 'access-code',
      clientAddress: clientIp(c),
      identifier: code,
      organizationId: found?.organizationId ?? null,
      subject: found ? `access-code:${found.id}` : null,
    });
    let redeemed: ReturnType<typeof redeemFoundAccessCode>;
    try {
      redeemed = redeemFoundAccessCode(found, services.clock());
    } catch (error) {
      await services.signIns.failed(attempt);
      throw error;
    }
    await services.signIns.succeeded(attempt);
    const ttl = services.config.customerTokenTtlSeconds;
    const token = await signToken(
      services,
      {
        kind: 'customer',
        sub: `customer:${redeemed.deviceId}`,
        org: redeemed.organizationId,
        device: redeemed.deviceId,
        acc: redeemed.id,
      },
      ttl,
    );
    return c.json({ token, tokenType: 'Bearer' as const, expiresIn: ttl }, 200);
  });

  app.openapi(me, async (c) => {
    const { actor, participantId } = c.get('principal');
    if (actor.kind === 'customer') {
      return c.json(
        {
          kind: 'customer' as const,
          organizationId: actor.organizationId,
          participantId,
          deviceId: actor.deviceId,
          callTransport: callTransportOf(services),
          ...(actor.sessionId !== undefined ? { sessionId: actor.sessionId } : {}),
        },
        200,
      );
    }
    if (actor.kind === 'integration') return c.json(await integrationMe(db, c.get('principal'), actor), 200);
    // From the read cache while no user or team manager has been written since (issue 13).
    const { body, etag } = await services.handle.cache.get(
      `me:${actor.organizationId}:${actor.userId}`,
      ['users', 'team_managers'],
      () => staffMe(services, { ...c.get('principal'), actor }),
    );
    return c.json(body, 200, { ETag: etag });
  });

  registerPatchMe(app, services, Me, clientIp);
}

// argon2id hash of a random string: verifying against it costs what a real check costs.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c2lnaHRsaW5lLWR1bW15$0F2d9fHV3Kc8W8m0y3h7dVZ1uU5Wb2kq0m5y9f1cQ2o';
