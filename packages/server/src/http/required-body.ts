import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { openApiDocument } from '../openapi/docs.js';
import { ProblemError } from '../problems/problem.js';

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;|$)/i;

interface RequiredBody {
  method: string;
  path: RegExp;
}

/** The operations of the contract whose JSON body is required, as path patterns. */
function requiredJsonBodies(app: OpenAPIHono<AppEnv>): RequiredBody[] {
  const doc = openApiDocument(app) as { paths?: Record<string, Record<string, unknown>> };
  const out: RequiredBody[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const body = (op as { requestBody?: { required?: boolean; content?: Record<string, unknown> } })
        .requestBody;
      if (!body?.required || !body.content?.['application/json']) continue;
      const pattern = template
        .split('/')
        .map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('/');
      out.push({ method: method.toUpperCase(), path: new RegExp(`^${pattern}$`) });
    }
  }
  return out;
}

/**
 * An operation whose contract requires a JSON body refuses a request without one: 400 `body-required`
 * when there is no body, 415 when it is not JSON. Without this, a body-less PATCH would validate as
 * an empty object and change nothing while answering 200. Runs after authentication.
 */
export function requireJsonBody(app: OpenAPIHono<AppEnv>): MiddlewareHandler<AppEnv> {
  let table: RequiredBody[] | undefined;
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      table ??= requiredJsonBodies(app);
      if (table.some((r) => r.method === method && r.path.test(c.req.path))) {
        const type = c.req.header('content-type') ?? '';
        const length = c.req.header('content-length');
        const hasBody =
          type !== '' || (length !== undefined && length !== '0') || c.req.header('transfer-encoding');
        if (!hasBody) throw new ProblemError(400, 'body-required', 'This operation needs a JSON body.');
        if (!JSON_TYPE.test(type)) {
          throw new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json.');
        }
      }
    }
    await next();
  };
}
