import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  type ServerHttp2Session,
} from 'node:http2';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate, type TestCertificate } from '../../../../scripts/test-certificate.mjs';
import { loadConfig } from '../config.js';
import { createTestServer, FIXTURE, type TestServer } from '../testing/harness.js';
import { listen } from './listen.js';
import { fetchForNode } from './node-fetch.js';

// The server over TLS with HTTP/2 (SIGHTLINE_TLS_CERT / SIGHTLINE_TLS_KEY): a browser's event and
// signal streams share one connection instead of six HTTP/1.1 connections per origin for every tab.
// The certificate is made here with openssl, for localhost.

let certificate: TestCertificate | undefined;
let server: TestServer;
let http: ServerType;
let origin: string;
let cert: Buffer;
const sessions = new Set<ServerHttp2Session>();

beforeAll(async () => {
  certificate = makeTestCertificate();
  cert = readFileSync(certificate.certFile);
  server = await createTestServer('pglite');
  http = listen(fetchForNode(server.app.fetch), {
    port: 0,
    hostname: '127.0.0.1',
    tls: { certFile: certificate.certFile, keyFile: certificate.keyFile },
  });
  http.on('session', (s: ServerHttp2Session) => sessions.add(s));
  await once(http, 'listening');
  origin = `https://localhost:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Closing waits for every connection: the server's ends of this file's HTTP/2 connections go first.
  for (const s of sessions) s.destroy();
  await new Promise((resolve) => http?.close(resolve));
  await server?.close();
  certificate?.remove();
});

/** Reads a stream's text until `done` holds for it (or 10 s pass). */
function readUntil(stream: ClientHttp2Stream, done: (text: string) => boolean): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; read: ${text.slice(0, 200)}`)), 10_000);
    const check = () => {
      if (!done(text)) return;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve(text);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      check();
    };
    stream.on('data', onData);
    check();
  });
}

/** A request on the HTTP/2 connection: its status, and the stream to read. */
async function request(
  session: ClientHttp2Session,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; stream: ClientHttp2Stream }> {
  const stream = session.request(headers, { endStream: body === undefined });
  if (body !== undefined) stream.end(body);
  const [response] = (await once(stream, 'response')) as [Record<string, string | number>];
  return { status: Number(response[':status']), stream };
}

describe('HTTP/2 over TLS', () => {
  it('carries twelve event streams and the requests beside them on one connection; each stream gets every event', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const customer = await server.customer(FIXTURE.accessCode);
    const session = connect(origin, { ca: cert });
    session.on('error', () => {});
    try {
      const streams = await Promise.all(
        Array.from({ length: 12 }, () =>
          request(session, { ':path': '/v1/events', authorization: `Bearer ${agent}` }),
        ),
      );
      expect(streams.map((s) => s.status)).toEqual(Array(12).fill(200));
      await Promise.all(streams.map((s) => readUntil(s.stream, (t) => t.includes('event: ready'))));
      // More than six streams at once, and the same connection still answers requests.
      const me = await request(session, { ':path': '/v1/me', authorization: `Bearer ${agent}` });
      expect(me.status).toBe(200);
      expect(JSON.parse(await readUntil(me.stream, (t) => t.endsWith('}')))).toMatchObject({ kind: 'staff' });
      const created = await request(
        session,
        {
          ':method': 'POST',
          ':path': '/v1/sessions',
          authorization: `Bearer ${customer}`,
          'content-type': 'application/json',
        },
        JSON.stringify({ reason: 'Twelve tabs' }),
      );
      expect(created.status).toBe(201);
      const texts = await Promise.all(
        streams.map((s) => readUntil(s.stream, (t) => t.includes('event: session.created'))),
      );
      for (const text of texts) expect(text).toContain('"reason":"Twelve tabs"');
      for (const s of streams) s.stream.close();
    } finally {
      session.destroy();
    }
  });

  it('still answers an HTTP/1.1 client on the same port', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) =>
      httpsGet(
        `${origin}/v1/me`,
        { ca: cert, agent: false, headers: { authorization: `Bearer ${agent}` } },
        resolve,
      ).on('error', reject),
    );
    expect(res.httpVersion).toBe('1.1');
    expect(res.statusCode).toBe(200);
    res.resume();
  });

  it('reads TLS from SIGHTLINE_TLS_CERT and SIGHTLINE_TLS_KEY, both or neither, and links with https', () => {
    const config = loadConfig(
      { SIGHTLINE_TLS_CERT: 'c.pem', SIGHTLINE_TLS_KEY: 'k.pem', PORT: '8443' },
      '/srv',
    );
    expect(config.tls).toEqual({ certFile: '/srv/c.pem', keyFile: '/srv/k.pem' });
    expect(config.publicUrl).toBe('https://localhost:8443');
    expect(loadConfig({}, '/srv').tls).toBeUndefined();
    expect(() => loadConfig({ SIGHTLINE_TLS_CERT: 'c.pem' })).toThrow(/go together/);
    expect(() => loadConfig({ SIGHTLINE_TLS_KEY: 'k.pem' })).toThrow(/go together/);
  });
});
