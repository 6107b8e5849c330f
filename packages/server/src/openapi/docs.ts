import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { completeDocument } from './complete.js';
import { renderDocs } from './render.js';

export const OPENAPI_INFO: Parameters<OpenAPIHono<AppEnv>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Sightline API',
    version: '0.1.0',
    description:
      'Reference server for Sightline remote video support: sessions, calls, consent and live events. ' +
      'Errors are RFC 9457 problem documents.',
  },
  servers: [{ url: 'http://localhost:8080' }],
};

/** The OpenAPI 3.1 document of an app, produced from its route schemas. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return completeDocument(app.getOpenAPI31Document(OPENAPI_INFO));
}

/** `GET /openapi.json` and a self-contained reference page at `/docs` (no CDN). */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>): void {
  let cached: string | undefined;
  app.get('/openapi.json', (c) => c.json(openApiDocument(app)));
  app.get('/docs', (c) => {
    cached ??= renderDocs(openApiDocument(app) as unknown as Record<string, unknown>);
    return c.html(cached);
  });
}
