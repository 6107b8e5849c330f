import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { afterEach, expect, it } from 'vitest';
import { fanoutOf } from '../events/fanout.js';
import { EventSink, SINK_LIMIT_BYTES } from '../events/sink.js';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { fetchForNode } from './node-fetch.js';

/** Event streams over a real socket, written straight into node's response (VS-3, MC-7). */
let server: TestServer | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  close = undefined;
  await server?.close();
  server = undefined;
});

/** What the adapter was handed for each request, by path. */
const handed = new Map<string, Response>();

async function listening(app: TestServer) {
  const fetch = fetchForNode(app.app.fetch);
  const http = serve({
    fetch: async (request, env) => {
      const answer = await fetch(request, env);
      handed.set(new URL(request.url).pathname, answer);
      return answer;
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await once(http, 'listening');
  close = () => http.close();
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

/** Reads an event stream's text until `done` holds for it. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (text: string) => boolean) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (!done(text)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    text += value;
  }
  return { text, reader };
}

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};

it('an event stream carries every middleware header, its events as they happen, and ends when the client leaves', async () => {
  server = await createTestServer('pglite', { corsOrigins: ['https://crm.example'] });
  const base = await listening(server);
  const agent = await server.login(FIXTURE.agentEmail);
  const customer = await server.customer(FIXTURE.accessCode);
  const aborting = new AbortController();
  const res = await fetch(`${base}/v1/events`, {
    headers: { authorization: `Bearer ${agent}`, origin: 'https://crm.example' },
    signal: aborting.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  expect(res.headers.get('access-control-allow-origin')).toBe('https://crm.example');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const body = res.body as ReadableStream<Uint8Array>;
  const fanout = fanoutOf(server.services);
  expect(fanout.size).toBe(1);
  // Sent by the sink, not pumped by the adapter.
  expect(handed.get('/v1/events')).toBe(RESPONSE_ALREADY_SENT);
  const created = server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'E42' } });
  const { text, reader } = await readUntil(body, (t) => t.includes('event: session.created'));
  expect(text).toMatch(/^event: ready\ndata: \{"after":"\d+"\}\nretry: 2000\n\n/);
  expect(text).toContain('"reason":"E42"');
  expect((await created).status).toBe(201);
  aborting.abort();
  await reader.cancel().catch(() => {});
  await until('the stream to leave the fan-out', () => fanout.size === 0);
});

it('a client that stops reading is cut off once more than the limit waits in node’s response', async () => {
  let gone = 0;
  let sink: EventSink | undefined;
  let served: ServerResponse | undefined;
  const http = createServer((_req, res) => {
    served = res;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    sink = new EventSink(() => gone++);
    sink.write(sink.encode(': ready\n\n'));
    expect(sink.attach(res)).toBe(true);
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  close = () => http.close();
  const req = httpRequest({ port: (http.address() as AddressInfo).port, host: '127.0.0.1' });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  res.pause();
  res.on('error', () => {});
  const attached = sink as EventSink;
  const chunk = new Uint8Array(256 * 1024).fill(58);
  let written = 0;
  while (attached.write(chunk)) {
    written += chunk.length;
    // Lets the socket take what the kernel accepts, as between two fan-out passes.
    await new Promise((r) => setImmediate(r));
    if (written > 64 * SINK_LIMIT_BYTES) break;
  }
  expect(attached.closed).toBe(true);
  expect(gone).toBe(1);
  expect(written).toBeGreaterThanOrEqual(SINK_LIMIT_BYTES - chunk.length);
  // Dropped, not ended after what waits: the client reconnects with Last-Event-ID.
  expect(served?.destroyed).toBe(true);
  expect(served?.writableFinished).toBe(false);
  expect(attached.write(chunk)).toBe(false);
});

it('a sink read as a web stream cannot be attached as well, and one attached is never pumped', async () => {
  const read = new EventSink(() => {});
  read.write(read.encode(': a\n\n'));
  read.close();
  expect(await new Response(read.body).text()).toBe(': a\n\n');
  expect(read.attach({} as never)).toBe(false);
  expect(EventSink.of(read.body)).toBe(read);
  expect(EventSink.of(new ReadableStream())).toBeUndefined();
});
