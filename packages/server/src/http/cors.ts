import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { giveAnswerHeaders, isComplete } from './answer-headers.js';

/** Response headers a cross-origin page may read. */
const EXPOSED = [
  'etag',
  'location',
  'retry-after',
  'idempotent-replayed',
  'content-disposition',
  'content-range',
  'accept-ranges',
  'tus-resumable',
  'tus-version',
  'tus-max-size',
  'upload-offset',
  'upload-length',
] as const;

/**
 * CORS for the API: the SDK and the elements run on customers' own pages, so the API is called
 * cross-origin. Credentials travel as bearer tokens (never cookies), so any origin may be allowed;
 * `SIGHTLINE_CORS_ORIGINS` (comma-separated) narrows it.
 */
export function apiCors(origins: readonly string[] | '*'): MiddlewareHandler {
  const preflight = cors({
    origin: origins === '*' ? '*' : [...origins],
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'if-none-match',
      'last-event-id',
      'range',
      // Recording uploads (tus 1.0).
      'tus-resumable',
      'upload-length',
      'upload-metadata',
      'upload-offset',
      'upload-defer-length',
      'x-http-method-override',
    ],
    exposeHeaders: [...EXPOSED],
    maxAge: 600,
  });
  const expose = EXPOSED.join(',');
  const allowed = origins === '*' ? undefined : new Set(origins);
  const anyOrigin = { 'access-control-expose-headers': expose, 'access-control-allow-origin': '*' };
  // Other requests get their headers on the response the route made, after it: hono's middleware
  // sets them on `c.res` before the route runs, which makes every response be copied (and turned
  // into a full web Response) once the route answers — a cost on every API call.
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    const allowOrigin = allowed ? (allowed.has(origin) ? origin : undefined) : '*';
    const given = allowed
      ? {
          'access-control-expose-headers': expose,
          vary: 'Origin',
          ...(allowOrigin ? { 'access-control-allow-origin': allowOrigin } : {}),
        }
      : anyOrigin;
    // A route that makes its answer itself puts them in (http/answer-headers.ts).
    giveAnswerHeaders(c, given);
    await next();
    if (isComplete(c.res)) return;
    // `Vary` is added to what the route set; the others replace it.
    for (const [name, value] of Object.entries(given)) setHeader(c, name, value, name === 'vary');
  };
}

/** Sets a response header; a response with immutable headers (a fetched one) is copied first. */
function setHeader(c: Context, name: string, value: string, append = false): void {
  try {
    if (append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, { append });
  }
}
