import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemSchema } from '../problems/problem.js';
import { PasswordResetAccepted, PasswordResetConfirm, PasswordResetRequest } from './schemas.js';
import { passwordResetsOf } from './service.js';

const requestReset = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset',
  operationId: 'requestPasswordReset',
  tags: ['auth'],
  summary: 'Mail a single-use link to choose a new password (MC-2)',
  description:
    'Always 202 with the same body, whether or not an account uses the address; the link expires ' +
    'in 1 hour. Throttled per client and per address (429 with `Retry-After`).',
  request: { body: jsonBody(PasswordResetRequest) },
  responses: {
    202: jsonResponse(PasswordResetAccepted, 'Accepted; a mail follows if an account uses the address'),
    ...problems(400, 413, 429),
  },
});

const confirmReset = createRoute({
  method: 'post',
  path: '/v1/auth/password-reset/confirm',
  operationId: 'confirmPasswordReset',
  tags: ['auth'],
  summary: 'Choose a new password with the token of a reset link (MC-2)',
  description:
    'On success every other open reset link of the user stops working and the user gets a notice ' +
    'by mail. A token works once: used or expired → 410, unknown → 400.',
  request: { body: jsonBody(PasswordResetConfirm) },
  responses: {
    204: { description: 'The password is changed; sign in with it' },
    ...problems(400, 413, 429),
    410: {
      description: 'The link was already used (`reset-token-used`) or has expired (`reset-token-expired`)',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

const ACCEPTED = {
  accepted: true as const,
  detail:
    'If an account uses this address, a link to choose a new password is on its way. It works once, within 1 hour.',
};

/** `POST /v1/auth/password-reset` and `…/confirm`: public, like login. */
export function registerPasswordResetRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const resets = passwordResetsOf(services);
  // Per client network, and per address so nobody floods someone's mailbox (unknown addresses count
  // the same as known ones); in the database, so every server process counts together.
  const perClient = {
    scope: 'client' as const,
    maxAttempts: services.config.authAttemptsPerMinute,
    windowSeconds: 60,
  };

  app.openapi(requestReset, async (c) => {
    const email = c.req.valid('json').email.trim().toLowerCase();
    await services.requests.hit('password-reset', clientIp(c), [
      perClient,
      {
        scope: 'identifier',
        identifier: email,
        maxAttempts: services.config.passwordResetsPerHour,
        windowSeconds: 60 * 60,
      },
    ]);
    resets.request(email);
    return c.json(ACCEPTED, 202);
  });

  app.openapi(confirmReset, async (c) => {
    const { token, password } = c.req.valid('json');
    await services.requests.hit('password-reset-confirm', clientIp(c), [perClient]);
    await resets.confirm(token, password);
    return c.body(null, 204);
  });
}
