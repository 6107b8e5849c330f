// The README's webhook verification snippet (SI-12), run as printed against real deliveries: the
// server (its own process) signs with its endpoint's secret, a plain Node HTTP server hands each
// request to the snippet's `receive`, which verifies with the standardwebhooks library. A forged
// signature and a replayed old message are refused by the same code.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
let server: TestServer;
let receiver: Server;
let receive: (request: Request) => Promise<Response>;
const handled: { type: string; data: { sessionId?: string } }[] = [];

beforeAll(async () => {
  server = await startTestServer({ SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1' });
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const answer = await receive(
      new Request(`http://receiver${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }),
    );
    res.writeHead(answer.status).end(await answer.text());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
}, 120_000);
afterAll(async () => {
  // Node test files share worker processes (vitest.config.ts): leave the environment as found.
  delete process.env.SIGHTLINE_WEBHOOK_SECRET;
  receiver?.close();
  await server?.stop();
});

const post = async (path: string, body: unknown, token?: string) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

it("SI-12, DC-6: the README's webhook verification works as printed on real deliveries and refuses forgeries", async () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const snippet = /<!-- webhook-verify:start -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(snippet, 'README has the webhook verification block').toBeTruthy();

  const { token: manager } = (await (
    await post('/v1/auth/login', { email: 'manager@demo.test', password: 'demo-password' })
  ).json()) as { token: string };
  const { port } = receiver.address() as AddressInfo;
  const endpoint = await post(
    '/v1/webhooks',
    { url: `http://127.0.0.1:${port}/hooks`, events: ['session.requested'] },
    manager,
  );
  expect(endpoint.status).toBe(201);
  const { secret } = (await endpoint.json()) as { secret: string };

  // The snippet as printed, as a module of this repository (so `standardwebhooks` resolves); only
  // `handle`, the reader's own code, is supplied.
  process.env.SIGHTLINE_WEBHOOK_SECRET = secret;
  mkdirSync(`${root}.cache`, { recursive: true });
  const file = `${root}.cache/readme-webhook-${Date.now()}.mjs`;
  writeFileSync(
    file,
    `${snippet}\nasync function handle(type, data) { globalThis.__handled.push({ type, data }); }\n`,
  );
  (globalThis as { __handled?: unknown }).__handled = handled;
  try {
    ({ receive } = (await import(pathToFileURL(file).href)) as { receive: typeof receive });
  } finally {
    rmSync(file); // loaded: the module stays in memory
  }

  const { token: customer } = (await (await post('/v1/auth/access-code', { code: 'DEMO-0001' })).json()) as {
    token: string;
  };
  const created = await post('/v1/sessions', { reason: 'Webhook snippet check' }, customer);
  const { id } = (await created.json()) as { id: string };
  const deadline = Date.now() + 30_000;
  while (!handled.some((h) => h.data.sessionId === id) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(handled.find((h) => h.data.sessionId === id)?.type).toBe('session.requested');

  // Forged (another secret) and replayed (an hour old) messages are refused by the same code.
  const payload = JSON.stringify({
    type: 'session.requested',
    timestamp: new Date().toISOString(),
    data: {},
  });
  const forged = new Webhook(`whsec_${Buffer.from('not-the-secret-0123456789').toString('base64')}`);
  const send = (signer: Webhook, at: Date) =>
    receive(
      new Request('http://receiver/hooks', {
        method: 'POST',
        headers: {
          'webhook-id': 'msg_test',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign('msg_test', at, payload),
        },
        body: payload,
      }),
    );
  expect((await send(forged, new Date())).status).toBe(400);
  expect((await send(new Webhook(secret), new Date(Date.now() - 3600_000))).status).toBe(400);
  expect((await send(new Webhook(secret), new Date())).status).toBe(204);
}, 120_000);
