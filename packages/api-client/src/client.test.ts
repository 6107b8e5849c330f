import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientProblemType, createClient } from './index.js';

// The client against a real HTTP server on loopback that answers what each test asks for and
// echoes what it received: the request as it went over the wire, the answer as the caller sees it.

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
/** The next answer: status, headers and body. */
let answer: { status: number; headers?: Record<string, string>; body?: string } = { status: 200 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const json = (status: number, body: unknown, type = 'application/json') => ({
  status,
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});

describe('createClient (issue 13: the typed client without openapi-fetch’s runtime)', () => {
  it('fills path parameters encoded, appends the query (arrays repeated, empty values left out) and parses JSON', async () => {
    answer = json(200, { id: 's 1' });
    const api = createClient({ baseUrl: `${baseUrl}/`, token: 'tok' });
    const { data, error, response } = await api.GET('/v1/sessions/{id}/messages', {
      params: { path: { id: 'a b/c' }, query: { after: 'x&y', limit: 5, never: undefined } as never },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: 's 1' });
    expect(response.status).toBe(200);
    const req = seen.at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/v1/sessions/a%20b%2Fc/messages?after=x%26y&limit=5');
    expect(req.headers.authorization).toBe('Bearer tok');
    expect(req.headers['content-type']).toBeUndefined();

    await api.GET('/v1/sessions', { params: { query: { status: ['requested', 'active'] } as never } });
    expect(seen.at(-1)!.url).toBe('/v1/sessions?status=requested&status=active');
  });

  it('sends a JSON body with its content type, asks for the token on every call, and passes keepalive on', async () => {
    let n = 0;
    const sent: Request[] = [];
    const api = createClient({
      baseUrl,
      getToken: async () => `t${++n}`,
      headers: { 'x-extra': 'yes' },
      fetch: (request) => {
        sent.push(request);
        return fetch(request);
      },
    });
    answer = json(201, { ok: true });
    const r = await api.POST('/v1/sessions', {
      body: { deviceId: 'd', reason: 'Zündung' } as never,
      keepalive: true,
    });
    expect(r.data).toEqual({ ok: true });
    const req = seen.at(-1)!;
    expect(JSON.parse(req.body)).toEqual({ deviceId: 'd', reason: 'Zündung' });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-extra']).toBe('yes');
    expect(req.headers.authorization).toBe('Bearer t1');
    expect(sent.at(-1)?.keepalive).toBe(true);
    await api.GET('/v1/me');
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer t2');
    // A header the call sets itself wins over the token.
    await api.GET('/v1/me', { headers: { authorization: 'Bearer mine' } });
    expect(seen.at(-1)!.headers.authorization).toBe('Bearer mine');
  });

  it('leaves a FormData body to the browser (multipart boundary) and a custom serializer’s body as it is', async () => {
    answer = { status: 204 };
    const api = createClient({ baseUrl });
    const form = new FormData();
    form.set('file', new Blob(['a,b\n1,2'], { type: 'text/csv' }), 'users.csv');
    const r = await api.POST('/v1/users/import' as never, { body: form } as never);
    expect(r).toMatchObject({ data: undefined });
    expect(seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.at(-1)!.body).toContain('1,2');

    await api.POST(
      '/v1/users/import' as never,
      {
        body: 'email\nx@y.z',
        bodySerializer: (b: unknown) => b as string,
        headers: { 'content-type': 'text/csv' },
      } as never,
    );
    expect(seen.at(-1)!.body).toBe('email\nx@y.z');
    expect(seen.at(-1)!.headers['content-type']).toBe('text/csv');
  });

  it('parses as text, blob or stream when asked; 204 and an empty body give no data', async () => {
    const api = createClient({ baseUrl });
    answer = { status: 200, headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' };
    expect((await api.GET('/v1/me', { parseAs: 'text' })).data).toBe('a,b\n1,2');
    const blob = (await api.GET('/v1/me', { parseAs: 'blob' })).data as Blob;
    expect(await blob.text()).toBe('a,b\n1,2');
    const stream = (await api.GET('/v1/me', { parseAs: 'stream' })).data as ReadableStream;
    expect(await new Response(stream).text()).toBe('a,b\n1,2');
    answer = { status: 200, headers: { 'content-length': '0' } };
    expect(await api.GET('/v1/me')).toMatchObject({ data: undefined });
    answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '' };
    expect(await api.GET('/v1/me')).toMatchObject({ data: undefined });
  });

  it('gives problems as values: the server’s problem, a non-JSON error page, and a network failure', async () => {
    const api = createClient({ baseUrl });
    const problem = { type: 'https://sightline.dev/problems/conflict', title: 'Conflict', status: 409 };
    answer = json(409, problem, 'application/problem+json');
    const conflict = await api.POST('/v1/sessions/{id}/confirm', { params: { path: { id: 's' } } });
    expect(conflict.error).toEqual(problem);
    expect(conflict.data).toBeUndefined();
    expect(conflict.response.status).toBe(409);

    answer = { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' };
    const proxy = await api.GET('/v1/me');
    expect(proxy.error).toMatchObject({
      type: ClientProblemType.unexpected,
      status: 502,
      detail: '<h1>Bad gateway</h1>',
    });

    const offline = createClient({ baseUrl: 'http://127.0.0.1:9' });
    const r = await offline.GET('/v1/me');
    expect(r.error).toMatchObject({ type: ClientProblemType.network, status: 503, title: 'Network error' });
    expect(r.response.status).toBe(503);
  });
});
