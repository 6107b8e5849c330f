import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';

/**
 * Serves the example host pages (`/examples/…`, with `/` showing their index) and the example
 * bundle (`/assets/…`, made by `scripts/build-examples.mjs`) from the same origin as the API, as a
 * customer's own site would serve its pages. Used by the demo; the API does not depend on it.
 */
export function serveExamples(app: OpenAPIHono<AppEnv>, examplesDir: string): boolean {
  const dir = resolve(examplesDir);
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  // serveStatic resolves `root` against the working directory.
  const root = relative(process.cwd(), dir) || '.';
  app.get('/', serveStatic({ root, path: 'index.html' }));
  app.get('/examples', (c) => c.redirect('/examples/'));
  app.get(
    '/examples/*',
    serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/examples/, '') }),
  );
  app.get('/assets/*', serveStatic({ root }));
  return true;
}
