import type { NotFoundHandler } from 'hono';
import { problem, problemResponse } from '../problems/problem.js';
import type { RouteTable } from './route-table.js';

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * The answer when no route takes a request: 405 with `Allow` when the path exists for other methods
 * (RFC 9110 §15.5.6), else 404. Both are problem documents.
 */
export function notFoundOrMethodNotAllowed(routes: RouteTable): NotFoundHandler {
  return (c) => {
    const match = routes.match(c.req.method, new URL(c.req.url).pathname);
    if (match && !match.methods.has(c.req.method.toUpperCase())) {
      const allow = [...match.methods].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).join(', ');
      return problemResponse(
        problem(405, 'method-not-allowed', `${c.req.method} is not allowed here; use ${allow}.`),
        { Allow: allow },
      );
    }
    return problemResponse(problem(404, 'not-found', `No route for ${c.req.method} ${c.req.path}.`));
  };
}
