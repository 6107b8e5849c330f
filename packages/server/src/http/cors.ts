import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/**
 * CORS for the API: the SDK and the elements run on customers' own pages, so the API is called
 * cross-origin. Credentials travel as bearer tokens (never cookies), so any origin may be allowed;
 * `SIGHTLINE_CORS_ORIGINS` (comma-separated) narrows it.
 */
export function apiCors(origins: readonly string[] | '*'): MiddlewareHandler {
  return cors({
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
    exposeHeaders: [
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
    ],
    maxAge: 600,
  });
}
