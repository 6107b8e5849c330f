import { once } from 'node:events';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { fetchForNode } from './node-fetch.js';

/**
 * Request bodies over a real socket, as node's adapter hands them to the app: the size limit read
 * from `Content-Length`, counted for a chunked body, and the JSON body the text guard reads being
 * the one the route validates (issue 13: neither builds a web Request or Response around it).
 */
let server: TestServer;
let base: string;
let close: () => void;
const LIMIT = 64 * 1024;
/** The last request the adapter handed to the app, and the app's answer to it. */
let handed: { request: Request; response: Response } | undefined;
/** Whether node's adapter built the web object behind its lightweight one (found by its symbol). */
const built = (o: object, cache: string) =>
  Object.getOwnPropertySymbols(o).some((s) => s.description === cache && (o as Record<symbol, unknown>)[s]);

beforeAll(async () => {
  server = await createTestServer('pglite', { maxBodyBytes: LIMIT });
  const fetch = fetchForNode(server.app.fetch);
  const http = serve({
    fetch: async (request, env) => {
      const response = await fetch(request, env);
      handed = { request, response };
      return response;
    },
    port: 0,
    hostname: '127.0.0.1',
  });
  await once(http, 'listening');
  close = () => http.close();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  close();
  await server.close();
});

/** A POST whose body goes out as `chunks`: with its Content-Length, or chunked (no length). */
async function post(
  path: string,
  token: string,
  chunks: (string | Buffer)[],
  { chunked = false, headers = {} }: { chunked?: boolean; headers?: Record<string, string> } = {},
) {
  const bytes = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
  const req = httpRequest(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(chunked ? {} : { 'content-length': String(Buffer.concat(bytes).length) }),
      ...headers,
    },
  });
  // The server may answer (413) before it has read everything: a reset after that is fine.
  req.on('error', () => {});
  for (const b of bytes) req.write(b);
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  let text = '';
  res.setEncoding('utf8');
  for await (const chunk of res) text += chunk;
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

const sessions = async () =>
  Number(
    (
      await server.services.handle.db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('request bodies over node (VS-1, issue 13)', () => {
  let customer: string;
  beforeAll(async () => {
    customer = await server.customer(FIXTURE.accessCode);
  });

  it('a body within the limit is read once and validated: its fields come through unchanged', async () => {
    const reason = 'Kessel zeigt E42 – “Zündung” 🔥';
    const res = await post('/v1/sessions', customer, [JSON.stringify({ reason })]);
    expect(res.status, res.text).toBe(201);
    expect(res.json().reason).toBe(reason);
    // Read straight from node's request and answered without a web Request or Response built.
    expect(built(handed!.request, 'requestCache')).toBe(false);
    expect(built(handed!.response, 'responseCache')).toBe(false);
  });

  it('a Content-Length over the limit → 413 before the body is read; nothing is written', async () => {
    const before = await sessions();
    const res = await post('/v1/sessions', customer, [JSON.stringify({ reason: 'x'.repeat(LIMIT) })]);
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json().detail).toBe(`Request bodies are limited to ${LIMIT} bytes.`);
    expect(await sessions()).toBe(before);
  });

  it('a chunked body over the limit → 413 once counted; nothing is written', async () => {
    const before = await sessions();
    const half = 'x'.repeat(LIMIT / 2 + 10);
    const res = await post('/v1/sessions', customer, ['{"reason":"', half, half, '"}'], { chunked: true });
    expect(res.status).toBe(413);
    expect(res.json().type).toMatch(/body-too-large$/);
    expect(await sessions()).toBe(before);
  });

  it('a chunked body within the limit is read whole', async () => {
    const res = await post('/v1/sessions', customer, ['{"reas', 'on":"chunk', 'ed"}'], { chunked: true });
    expect(res.status, res.text).toBe(201);
    expect(res.json().reason).toBe('chunked');
  });

  it('malformed JSON → 400, and invalid UTF-8 → 400 naming the body; nothing is written', async () => {
    const before = await sessions();
    const malformed = await post('/v1/sessions', customer, ['{"reason":']);
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toBe('application/problem+json');
    const notUtf8 = await post('/v1/sessions', customer, [
      Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    ]);
    expect(notUtf8.status).toBe(400);
    expect(JSON.stringify(notUtf8.json().errors)).toContain('json');
    expect(await sessions()).toBe(before);
  });

  it('a repeated request with the same Idempotency-Key answers the first creation again', async () => {
    const body = [JSON.stringify({ reason: 'only once' })];
    const headers = { 'idempotency-key': `body-limit-${Date.now()}` };
    const first = await post('/v1/sessions', customer, body, { headers });
    const before = await sessions();
    const again = await post('/v1/sessions', customer, body, { headers });
    expect(first.status, first.text).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await sessions()).toBe(before);
  });
});
