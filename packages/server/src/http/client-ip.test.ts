import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * The client behind trusted proxies (SIGHTLINE_TRUSTED_PROXIES) keys the per-client throttles;
 * from an untrusted peer, X-Forwarded-For is ignored, so it cannot dodge them. Over a real socket.
 */
forEachBackend('client address behind proxies', (backend) => {
  let server: TestServer | undefined;
  let close: (() => void) | undefined;
  afterEach(async () => {
    close?.();
    await server?.close();
  });

  async function listening(trustedProxies: string[]) {
    server = await createTestServer(backend, { authAttemptsPerMinute: 3, trustedProxies });
    const http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => http.once('listening', r));
    close = () => http.close();
    const { port } = http.address() as AddressInfo;
    return (forwardedFor: string) =>
      fetch(`http://127.0.0.1:${port}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: FIXTURE.agentEmail, password: 'wrong-password' }),
      });
  }

  it('behind a trusted proxy each forwarded client has its own count', async () => {
    const login = await listening(['127.0.0.1']);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login('203.0.113.5, 127.0.0.1')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await login('203.0.113.6')).status).toBe(401);
  });

  it('from an untrusted peer the header is ignored: the peer is the client', async () => {
    const login = await listening([]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await login(`198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    expect((await login('198.51.100.99')).status).toBe(429);
  });
});
