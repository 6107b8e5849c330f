import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { resolvePrincipal } from './authenticate.js';
import { TokenResponse } from './routes.js';
import { signToken, verifyToken } from './tokens.js';

const refresh = createRoute({
  method: 'post',
  path: '/v1/auth/refresh',
  operationId: 'refreshToken',
  tags: ['auth'],
  summary: 'Exchange a valid sign-in token for a fresh one, up to the maximum session length',
  description:
    'For the tokens of `/v1/auth/login` and `/v1/auth/access-code`, before they expire. The new token keeps ' +
    'the time of the sign-in: once the maximum session length (default 12 h) has passed since then, ' +
    'the answer is 401 `session-expired` and the person signs in again. A deleted user, a revoked ' +
    'access code or a deleted device cannot refresh. API keys and integration tokens do not expire ' +
    'this way (403); a host app exchanges its integration token again instead.',
  security: bearer,
  responses: { 200: jsonResponse(TokenResponse, 'A fresh token'), ...problems(401, 403) },
});

/** `POST /v1/auth/refresh`: sliding sign-in sessions, so consoles and event streams outlive one token. */
export function registerRefreshRoute(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(refresh, async (c) => {
    const authorization = c.req.header('authorization');
    const raw = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    // The principal first: the same checks as any request (user live, code and device valid).
    const principal = await resolvePrincipal(services, authorization);
    const claims = raw ? await verifyToken(services, raw) : undefined;
    if (!principal || !claims) {
      if (principal) throw ProblemError.forbidden('API keys and integration tokens are not refreshed.');
      throw ProblemError.unauthorized();
    }
    if (claims.kind === 'integration') {
      throw ProblemError.forbidden('A token exchanged for one summary is not refreshed; exchange again.');
    }
    const now = Math.floor(services.clock().getTime() / 1000);
    const signedInAt = claims.at ?? now;
    const sessionEnds = signedInAt + services.config.maxSessionSeconds;
    if (sessionEnds <= now) {
      throw new ProblemError(401, 'session-expired', 'The sign-in is too old to refresh; sign in again.');
    }
    const ttl = Math.min(
      claims.kind === 'user' ? services.config.tokenTtlSeconds : services.config.customerTokenTtlSeconds,
      sessionEnds - now,
    );
    const { exp: _exp, ...kept } = claims;
    const token = await signToken(services, { ...kept, at: signedInAt }, ttl);
    return c.json({ token, tokenType: 'Bearer' as const, expiresIn: ttl }, 200, {
      'Cache-Control': 'no-store',
    });
  });
}
