import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEventStream, type StreamStatus } from './event-stream';

// A real HTTP server on loopback that streams numbered events and can drop connections.
function eventServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handler);
  return new Promise<{ url: string; server: Server }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/v1/events`, server });
    });
  });
}

let open: Server | undefined;
afterEach(() => {
  open?.closeAllConnections();
  open?.close();
});

describe('connectEventStream', () => {
  it('resumes with Last-Event-ID after a drop: nothing lost, nothing repeated', async () => {
    const seenHeaders: (string | undefined)[] = [];
    const { url, server } = await eventServer((req, res) => {
      seenHeaders.push(req.headers['last-event-id'] as string | undefined);
      const after = Number(req.headers['last-event-id'] ?? 0);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      // Three events per connection, then the server drops the connection.
      for (let id = after + 1; id <= Math.min(after + 3, 7); id++) res.write(`id: ${id}\ndata: ${id}\n\n`);
      if (after + 3 >= 7) return; // keep the last connection open
      setTimeout(() => res.destroy(), 20);
    });
    open = server;
    const stream = connectEventStream({ url, retryMs: 5, getToken: () => 'secret' });
    const got = await firstValueFrom(stream.events$.pipe(take(7), toArray()));
    expect(got.map((e) => e.data)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(seenHeaders).toEqual([undefined, '3', '6']);
    expect(stream.lastEventId).toBe('7');
    stream.close();
  });

  it('reports reconnecting while the server is failing and open again when it recovers', async () => {
    let calls = 0;
    const { url, server } = await eventServer((_req, res) => {
      calls++;
      if (calls < 3) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('id: 1\ndata: up\n\n');
    });
    open = server;
    const stream = connectEventStream({ url, retryMs: 5 });
    const statuses: StreamStatus[] = [];
    stream.status$.subscribe((s) => statuses.push(s));
    await firstValueFrom(stream.events$);
    expect(statuses).toEqual(['connecting', 'reconnecting', 'open']);
    expect(calls).toBe(3);
    stream.close();
  });

  it('closes for good when the server refuses the caller (401)', async () => {
    const { url, server } = await eventServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"title":"Unauthorized"}');
    });
    open = server;
    const stream = connectEventStream({ url, retryMs: 5 });
    const why = await firstValueFrom(stream.closed$);
    expect(why).toMatchObject({ reason: 'refused', status: 401 });
    expect(await firstValueFrom(stream.status$.pipe(filter((s) => s === 'closed')))).toBe('closed');
  });

  it('sends the bearer token from getToken on every connection', async () => {
    const auth: (string | undefined)[] = [];
    const { url, server } = await eventServer((req, res) => {
      auth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`id: ${auth.length}\ndata: x\n\n`);
      if (auth.length < 2) setTimeout(() => res.destroy(), 20);
    });
    open = server;
    let n = 0;
    const stream = connectEventStream({ url, retryMs: 5, getToken: () => `t${++n}` });
    await firstValueFrom(stream.events$.pipe(take(2), toArray()));
    expect(auth).toEqual(['Bearer t1', 'Bearer t2']);
    stream.close();
  });

  it('a 401 refreshes the token once; at token-expired it refreshes and resumes at once from the id the server names', async () => {
    const seen: { auth: string | undefined; last: string | undefined }[] = [];
    const { url, server } = await eventServer((req, res) => {
      const auth = req.headers.authorization;
      seen.push({ auth, last: req.headers['last-event-id'] as string | undefined });
      if (auth === 'Bearer stale') {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (auth === 'Bearer first') {
        // Nothing this caller may see yet, then the token runs out: the server names its cursor.
        res.end('event: token-expired\ndata: {"reason":"token-expired","lastEventId":"41"}\n\n');
        return;
      }
      res.write('id: 42\ndata: in the gap\n\n');
    });
    open = server;
    const tokens = ['stale', 'first', 'fresh'];
    let token = tokens[0];
    let refreshes = 0;
    const stream = connectEventStream({
      url,
      retryMs: 60_000, // a backoff would fail the test: resuming must not wait
      getToken: () => token,
      refreshToken: async () => {
        refreshes++;
        token = tokens[refreshes];
        return true;
      },
    });
    const got = await firstValueFrom(stream.events$);
    expect(got.data).toBe('in the gap');
    expect(refreshes).toBe(2);
    expect(seen).toEqual([
      { auth: 'Bearer stale', last: undefined },
      { auth: 'Bearer first', last: undefined },
      { auth: 'Bearer fresh', last: '41' },
    ]);
    stream.close();
  });

  it('closes as refused when no fresh token can be had', async () => {
    const { url, server } = await eventServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: token-expired\ndata: {"lastEventId":"3"}\n\n');
    });
    open = server;
    const stream = connectEventStream({
      url,
      retryMs: 5,
      getToken: () => 't',
      refreshToken: async () => false,
    });
    const closed = await firstValueFrom(stream.closed$);
    expect(closed).toMatchObject({ reason: 'refused', status: 401 });
  });
});
