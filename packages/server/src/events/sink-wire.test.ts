import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import { EventSink } from './sink.js';

/**
 * What an attached sink puts on the wire (VS-3, MC-7; issue 13): read as raw bytes from a plain TCP
 * socket, so the HTTP/1.1 framing itself is checked, not what a client library makes of it.
 */
let server: Server | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A server whose requests to `/events` become attached sinks (handed to `onSink`). */
async function streaming(
  onSink: (sink: EventSink, path: string) => void,
  slow?: (res: ServerResponse) => void,
) {
  server = createServer((req, res: ServerResponse<IncomingMessage>) => {
    if (req.url === '/slow') return slow?.(res);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.flushHeaders();
    const sink = new EventSink(() => {});
    sink.write(sink.encode('event: ready\ndata: {}\n\n'));
    expect(sink.attach(res)).toBe(true);
    onSink(sink, req.url ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A raw connection that sends `requests` and collects every byte it is sent. */
function raw(port: number, requests: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  let bytes = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => {
    bytes = Buffer.concat([bytes, d]);
  });
  socket.write(requests);
  return {
    text: () => bytes.toString('latin1'),
    until: async (what: string, ok: (text: string) => boolean) => {
      for (let i = 0; i < 200 && !ok(bytes.toString('latin1')); i++)
        await new Promise((r) => setTimeout(r, 10));
      if (!ok(bytes.toString('latin1')))
        throw new Error(`timed out waiting for ${what}: ${bytes.toString('latin1')}`);
    },
    end: () => socket.destroy(),
  };
}

/** The body of a chunked response (after its head), decoded chunk by chunk; `ended`: the last chunk came. */
function dechunk(text: string) {
  let rest = text.slice(text.indexOf('\r\n\r\n') + 4);
  const chunks: string[] = [];
  for (;;) {
    const line = rest.indexOf('\r\n');
    if (line < 0) return { chunks, ended: false };
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (size === 0) return { chunks, ended: rest.slice(line) === '\r\n\r\n' };
    const body = rest.slice(line + 2, line + 2 + size);
    expect(rest.slice(line + 2 + size, line + 4 + size)).toBe('\r\n');
    chunks.push(body);
    rest = rest.slice(line + 4 + size);
  }
}

it('streams sharing bytes each get them as one well-formed chunk, without the response’s own write, and end with the last chunk', async () => {
  const sinks: EventSink[] = [];
  const port = await streaming((sink) => sinks.push(sink));
  const clients = [1, 2, 3].map(() => raw(port, 'GET /events HTTP/1.1\r\nhost: x\r\n\r\n'));
  for (const c of clients) await c.until('the ready event', (t) => t.includes('event: ready'));
  const write = vi.spyOn(ServerResponse.prototype, 'write');
  const shared = sinks[0]!.encode('id: 7\nevent: session.created\ndata: {"reason":"Grüße"}\n\n');
  const heartbeat = sinks[0]!.encode(': heartbeat\n\n');
  for (const sink of sinks) {
    expect(sink.write(shared)).toBe(true);
    // Nothing to send: an empty chunk would end the body.
    expect(sink.write(new Uint8Array(0))).toBe(true);
    expect(sink.write(heartbeat)).toBe(true);
  }
  expect(write).not.toHaveBeenCalled();
  for (const sink of sinks) sink.close();
  for (const c of clients) {
    await c.until('the last chunk', (t) => dechunk(t).ended);
    const text = c.text();
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase()).toContain('transfer-encoding: chunked');
    const { chunks } = dechunk(text);
    expect(chunks.map((b) => Buffer.from(b, 'latin1').toString('utf8'))).toEqual([
      'event: ready\ndata: {}\n\n',
      'id: 7\nevent: session.created\ndata: {"reason":"Grüße"}\n\n',
      ': heartbeat\n\n',
    ]);
    c.end();
  }
});

it('a stream pipelined behind a slower answer waits for it, its events after that answer on the wire', async () => {
  let sink: EventSink | undefined;
  let slow: ServerResponse | undefined;
  const port = await streaming(
    (s) => {
      sink = s;
    },
    (res) => {
      slow = res;
    },
  );
  const client = raw(port, 'GET /slow HTTP/1.1\r\nhost: x\r\n\r\nGET /events HTTP/1.1\r\nhost: x\r\n\r\n');
  for (let i = 0; i < 200 && !(sink && slow); i++) await new Promise((r) => setTimeout(r, 10));
  // The stream has no socket yet: its bytes wait in its response, behind the first answer.
  expect(sink?.write(sink.encode('event: early\ndata: {}\n\n'))).toBe(true);
  await new Promise((r) => setTimeout(r, 50));
  expect(client.text()).toBe('');
  slow?.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' });
  slow?.end('first');
  sink?.write(sink.encode('event: later\ndata: {}\n\n'));
  sink?.close();
  await client.until('both answers', (t) => t.endsWith('0\r\n\r\n'));
  const text = client.text();
  const second = text.indexOf('HTTP/1.1 200', 1);
  expect(text.slice(0, second)).toMatch(/\r\n\r\nfirst$/);
  expect(dechunk(text.slice(second)).chunks).toEqual([
    'event: ready\ndata: {}\n\n',
    'event: early\ndata: {}\n\n',
    'event: later\ndata: {}\n\n',
  ]);
  client.end();
});

it('an HTTP/1.0 client (no chunks) gets the events as they are, the end of the body being the end of the connection', async () => {
  const sinks: EventSink[] = [];
  const port = await streaming((sink) => sinks.push(sink));
  const client = raw(port, 'GET /events HTTP/1.0\r\n\r\n');
  await client.until('the ready event', (t) => t.includes('event: ready'));
  const sink = sinks[0]!;
  sink.write(sink.encode('event: one\ndata: {}\n\n'));
  sink.close();
  await client.until('the event', (t) => t.includes('event: one'));
  const text = client.text();
  expect(text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase()).not.toContain('transfer-encoding');
  expect(text.slice(text.indexOf('\r\n\r\n') + 4)).toBe('event: ready\ndata: {}\n\nevent: one\ndata: {}\n\n');
  client.end();
});
