import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { autoCloseDueSessions } from './auto-close.js';

forEachBackend('auto-close of completed sessions (VS-6)', (backend) => {
  let server: TestServer;
  let now = new Date('2026-11-20T10:00:00Z');
  beforeAll(async () => {
    server = await createTestServer(backend, { autoCloseAfterMs: 30 * 60_000 }, () => now);
  });
  afterAll(async () => server.close());

  it('closes a completed session once the delay has passed, as the system', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const post = (path: string) => server.call('POST', path, { token: agent });
    const created = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'x' },
    });
    const { id } = (await created.json()) as { id: string };
    const { call } = (await (await post(`/v1/sessions/${id}/calls`)).json()) as { call: { id: string } };
    await post(`/v1/sessions/${id}/calls/${call.id}/end`);
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await autoCloseDueSessions(server.services)).toEqual([]);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await autoCloseDueSessions(server.services)).toEqual([id]);
    const after = (await (await server.call('GET', `/v1/sessions/${id}`, { token: agent })).json()) as {
      status: string;
    };
    expect(after.status).toBe('closed');
    expect(await autoCloseDueSessions(server.services)).toEqual([]);
  });
});
