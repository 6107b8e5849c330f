import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * hono's `bodyLimit`, answered from node's own request head when it tells the size: a body with a
 * `Content-Length` (what browsers and every HTTP client send for a JSON body) is checked against
 * it, and a request with neither that nor `Transfer-Encoding` has no body (RFC 9112 §6.3). Only a
 * chunked body is counted as it is read, by hono's middleware.
 *
 * hono's middleware asks the request for its body stream first, which makes node's adapter build a
 * full web `Request` with a web stream over the socket, and every later read of the body goes
 * through it: measured, a quarter of the main thread's time per session creation (issue 13). The
 * head check leaves the adapter's direct read of the body in place.
 */
export function jsonBodyLimit(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const head = incoming?.headers;
    // Not on node (a test's `app.request`), or a chunked body: hono's middleware counts it.
    if (!head || head['transfer-encoding'] !== undefined) return counted(c, next);
    const length = head['content-length'];
    // Node's parser accepts only digits here.
    if (length !== undefined && Number(length) > maxSize) return onError(c);
    await next();
  };
}
