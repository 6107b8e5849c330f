import { ServerResponse } from 'node:http';
import type { Http2Bindings, HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { EventSink } from '../events/sink.js';

/** Headers of one HTTP/1.1 connection, not of an answer: HTTP/2 refuses them. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

type Fetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * The app's `fetch` for `@hono/node-server`: an event stream's answer (its body an
 * {@link EventSink}) is sent by writing its head — every middleware's headers included, since the
 * app has answered — and handing node's response to the sink, which writes each event into it
 * directly. The adapter would otherwise pump the body as a web stream, a read promise per chunk per
 * stream: with a thousand streams and a burst of changes, most of the server's time. Every other
 * answer goes to the adapter unchanged.
 */
export function fetchForNode(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    const out = env?.outgoing;
    // HTTP/2 (`listen` with TLS) forbids HTTP/1.1's connection headers (RFC 9113 §8.2.2) — an event
    // stream's `Connection` and `Transfer-Encoding` — and node refuses an answer that has them.
    if (out !== undefined && !(out instanceof ServerResponse))
      for (const name of HOP_BY_HOP) response.headers.delete(name);
    // The adapter's answers keep their body aside until asked for it; asking builds a web Response
    // (issue 13), so only an event stream's is asked for.
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    const sink = EventSink.of(response.body);
    // HTTP/1.1 (what `serve` runs); anything else goes through the adapter.
    if (!sink || !(out instanceof ServerResponse) || out.headersSent) return response;
    const head: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      head[name] = value;
    });
    out.writeHead(response.status, head);
    out.flushHeaders();
    // The adapter treats an answer marked already sent as done.
    if (!sink.attach(out)) throw new Error('event stream body read twice');
    return RESPONSE_ALREADY_SENT;
  };
}
