import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import type { ContractInputs } from '../http/contract-inputs.js';
import { codesOf } from '../problems/catalog.js';

/**
 * Holds every problem answer of an operation of the contract to what the contract says of it: its
 * status documented with a problem document, and its code among the problem types the contract
 * names for that status and operation (./problem-types.ts). A breach is logged and answered as a
 * 500 naming it, so the test suite, which runs with this on, fails on it. Answers of no operation
 * (404 and 405 of unknown paths) are not held to anything.
 */
export function problemConformance(inputs: ContractInputs): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get('content-type') ?? '').includes('application/problem+json')) return;
    const op = inputs.of(c.req.method, c.req.path);
    if (!op) return;
    const status = c.res.status;
    const { code } = (await c.res.clone().json()) as { code?: string };
    const allowed = codesOf(status, op.tags) as string[];
    let breach: string | undefined;
    if (!op.problemStatuses.has(status)) breach = `status ${status} is not documented`;
    else if (!code || !allowed.includes(code))
      breach = `${status} ${code} is not among ${allowed.join(', ')}`;
    if (!breach) return;
    const message = `${c.req.method} ${c.req.path} breaks the contract: ${breach}`;
    console.error(message);
    c.res = new Response(
      JSON.stringify({
        type: 'https://sightline.dev/problems/internal',
        title: 'Internal Server Error',
        status: 500,
        code: 'internal',
        detail: message,
      }),
      { status: 500, headers: { 'content-type': 'application/problem+json' } },
    );
  };
}
