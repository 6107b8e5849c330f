import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';

forEachBackend('API keys (MC-1)', (backend) => {
  let server: TestServer;
  let now = new Date('2030-01-01T00:00:00Z');
  let cm: string;
  beforeAll(async () => {
    // Heartbeats a minute apart: an event stream ends on revocation, not on its next heartbeat.
    server = await createTestServer(backend, { heartbeatMs: 60_000 }, () => now);
    cm = await server.login(FIXTURE.managerEmail);
  });
  afterAll(async () => server.close());

  it('shows the secret once, stores a hash, acts as an API manager, stops at once when revoked', async () => {
    const res = await server.call('POST', '/v1/api-keys', { token: cm, body: { name: 'HR sync' } });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; status: string };
    expect(created.key).toMatch(/^slk_[0-9a-f]+_[A-Za-z0-9-]+$/);
    expect(created.status).toBe('active');
    const stored = await server.handle.db
      .selectFrom('api_keys')
      .select('key_hash')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.key.split('_')[2]);
    const list = await server.call('GET', '/v1/api-keys', { token: cm });
    expect(JSON.stringify(await list.json())).not.toContain(created.key.split('_')[2]);

    const me = await server.call('GET', '/v1/me', { token: created.key });
    expect(await me.json()).toMatchObject({ role: 'api-manager' });
    const agent = await server.call('POST', '/v1/users', {
      token: created.key,
      body: {
        email: 'synced@demo.test',
        password: 'long-enough-pw',
        role: 'agent',
        teamId: FIXTURE.heatingTeamId,
      },
    });
    expect(agent.status).toBe(201);
    expect((await server.call('GET', '/v1/sessions/none', { token: created.key })).status).not.toBe(200);
    expect((await server.call('GET', '/v1/users', { token: created.key })).status).toBe(200);
    expect((await server.call('DELETE', `/v1/api-keys/${created.id}`, { token: cm })).status).toBe(204);
    expect((await server.call('GET', '/v1/users', { token: created.key })).status).toBe(401);
    const after = (await (await server.call('GET', '/v1/api-keys', { token: cm })).json()) as {
      items: { id: string; status: string }[];
    };
    expect(after.items.find((k) => k.id === created.id)?.status).toBe('revoked');
  });

  it('an open event stream on a key ends at once when the key is revoked, not at its next heartbeat', async () => {
    const res = await server.call('POST', '/v1/api-keys', { token: cm, body: { name: 'Stream' } });
    const created = (await res.json()) as { id: string; key: string };
    const stream = await server.call('GET', '/v1/events', { token: created.key });
    expect(stream.status).toBe(200);
    const started = Date.now();
    const reading = readEvents(stream, (events) => events.some((e) => e.event === 'revoked'), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await server.call('DELETE', `/v1/api-keys/${created.id}`, { token: cm })).status).toBe(204);
    const { events } = await reading;
    expect(events.map((e) => e.event)).toContain('revoked');
    // The heartbeat is a minute away: the end came from the revocation itself.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an expired key is refused; an expiry in the past cannot be set', async () => {
    const past = await server.call('POST', '/v1/api-keys', {
      token: cm,
      body: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    const res = await server.call('POST', '/v1/api-keys', {
      token: cm,
      body: { name: 'short-lived', expiresAt: '2030-01-02T00:00:00Z' },
    });
    const { key } = (await res.json()) as { key: string };
    expect((await server.call('GET', '/v1/users', { token: key })).status).toBe(200);
    now = new Date('2030-01-03T00:00:00Z');
    expect((await server.call('GET', '/v1/users', { token: key })).status).toBe(401);
  });

  it('a wrong secret for a real key id is refused', async () => {
    const res = await server.call('POST', '/v1/api-keys', { token: cm, body: { name: 'x' } });
    const { id } = (await res.json()) as { id: string };
    expect((await server.call('GET', '/v1/users', { token: `slk_${id}_wrong` })).status).toBe(401);
  });
});
