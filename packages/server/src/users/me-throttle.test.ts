import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

/**
 * Guessing the current password through `PATCH /v1/me` counts like guessing it at sign-in (issue
 * "Hardening", item 1): the same database counters, so a stolen token is no free password oracle.
 */
forEachBackend('current-password guesses are throttled with sign-ins', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend, { authAttemptsPerMinute: 3 });
  });
  afterAll(async () => server.close());

  it('after the limit the change is 429 with Retry-After, and so is signing in with that email', async () => {
    const login = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.agent2Email, password: FIXTURE.password },
    });
    const { token } = (await login.json()) as { token: string };
    const guess = async () => {
      const me = await server.call('GET', '/v1/me', { token });
      return server.call('PATCH', '/v1/me', {
        token,
        headers: { 'if-match': me.headers.get('etag') as string },
        body: { password: 'a-new-long-password', currentPassword: 'not-my-password' },
      });
    };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await guess()).status);
    expect(statuses).toEqual([403, 403, 403, 429]);
    const blocked = await guess();
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    const signIn = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.agent2Email, password: FIXTURE.password },
    });
    expect(signIn.status).toBe(429);
  });
});
