import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import type { ContractInputs } from './contract-inputs.js';
import { deferInputProblem } from './deferred-input.js';

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;|$)/i;

/**
 * An operation whose contract requires a JSON body refuses a request without one: 400 `body-required`
 * when there is no body (deferred to the route's first read of its body, after its own checks:
 * http/deferred-input.ts), 415 when it is not JSON. Without this, a body-less PATCH would validate
 * as an empty object and change nothing while answering 200. Runs after authentication.
 */
export function requireJsonBody(inputs: ContractInputs): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      if (inputs.of(method, c.req.path)?.jsonRequired) {
        const type = c.req.header('content-type') ?? '';
        const length = c.req.header('content-length');
        const hasBody =
          type !== '' || (length !== undefined && length !== '0') || c.req.header('transfer-encoding');
        if (!hasBody) {
          deferInputProblem(
            c,
            'json',
            new ProblemError(400, 'body-required', 'This operation needs a JSON body.'),
          );
        } else if (!JSON_TYPE.test(type)) {
          throw new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json.');
        }
      }
    }
    await next();
  };
}
