import { hasIntegrationScope, type IntegrationScope } from '@sightline/core/domain';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/**
 * Everything an integration token may call (SI-12), and the scope each needs (`null`: any token;
 * the route checks further). The routes check scopes and limits themselves too; this list is the
 * outer wall, so a route added later is closed to integration tokens until it is listed here.
 */
export const integrationOperations: readonly {
  method: string;
  path: RegExp;
  scope: IntegrationScope | null;
}[] = [
  { method: 'GET', path: /^\/v1\/sessions$/, scope: 'sessions:read' },
  { method: 'GET', path: /^\/v1\/sessions\/[^/]+$/, scope: 'sessions:read' },
  { method: 'GET', path: /^\/v1\/sessions\/[^/]+\/summary$/, scope: 'summaries:read' },
  { method: 'GET', path: /^\/v1\/summaries$/, scope: 'summaries:read' },
  { method: 'GET', path: /^\/v1\/summaries\/overview$/, scope: 'summaries:read' },
  { method: 'GET', path: /^\/v1\/summaries\/[^/]+$/, scope: 'summaries:read' },
  { method: 'GET', path: /^\/v1\/summaries\/[^/]+\/export$/, scope: 'summaries:read' },
  { method: 'PATCH', path: /^\/v1\/summaries\/[^/]+$/, scope: 'summaries:write' },
  { method: 'GET', path: /^\/v1\/events$/, scope: null },
  { method: 'GET', path: /^\/v1\/me$/, scope: null },
  { method: 'POST', path: /^\/v1\/integrations\/tokens\/exchange$/, scope: null },
  { method: '*', path: /^\/v1\/webhooks(\/.*)?$/, scope: 'webhooks:manage' },
];

/** Refuses integration tokens (403) outside {@link integrationOperations} or without the scope. */
export function integrationGate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('principal')?.actor;
    if (actor?.kind === 'integration') {
      const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
      const op = integrationOperations.find(
        (o) => (o.method === '*' || o.method === method) && o.path.test(c.req.path),
      );
      if (!op) throw ProblemError.forbidden('Integration tokens may not call this operation.');
      if (op.scope && !hasIntegrationScope(actor, op.scope)) {
        throw ProblemError.forbidden(`This needs the \`${op.scope}\` scope.`);
      }
    }
    await next();
  };
}
