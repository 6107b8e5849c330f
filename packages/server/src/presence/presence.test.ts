import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { resolvePrincipal } from '../auth/authenticate.js';
import { CALLER_FIXTURE, type CallerTokens, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';
import { openConsole } from './console.js';

type Presence = { userId: string; status: string; chosen: string; callSessionId: string | null };

/**
 * Agent presence (MC-7): an open console (the staff member's event stream) makes them available;
 * "away" is chosen by hand; a running call makes them busy; a closed tab turns them offline at once
 * and a tab gone without a goodbye within 60 s (injected clock). Presence lives in the database, so
 * tabs on different replicas add up. Every change is a `presence.changed` event for those who may see it.
 */
forEachBackend('Agent presence (MC-7)', (backend) => {
  let server: TestServer;
  let tokens: CallerTokens;
  let now = new Date('2031-05-04T09:00:00Z');
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 200 }, () => now);
    tokens = await seedCallers(server);
  });
  afterAll(async () => server.close());

  const presenceOf = async (userId: string, token = tokens.companyManager): Promise<Presence | undefined> => {
    const res = await server.call('GET', '/v1/presence', { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Presence[] }).items.find((p) => p.userId === userId);
  };
  const announced = async (userId: string) =>
    (
      await server.handle.db
        .selectFrom('outbox')
        .select('data')
        .where('type', '=', 'presence.changed')
        .orderBy('id')
        .execute()
    )
      .map((r) => r.data as { userId: string; status: string })
      .filter((d) => d.userId === userId)
      .map((d) => d.status);

  it('available with a console, away by hand, busy in a call, offline as soon as the tab closes', async () => {
    const agent = tokens.agent!;
    expect((await presenceOf(FIXTURE.agentId))?.status).toBe('offline');
    const tab = await server.call('GET', '/v1/events?include=presence', { token: agent });
    expect(tab.status).toBe(200);
    expect((await presenceOf(FIXTURE.agentId))?.status).toBe('available');

    const away = await server.call('PUT', '/v1/me/presence', { token: agent, body: { status: 'away' } });
    expect(away.status).toBe(200);
    expect(await away.json()).toMatchObject({ status: 'away', chosen: 'away' });

    // The tab reads its stream: its own presence changes arrive there too.
    const busy = readEvents(tab, (e) =>
      e.some((x) => x.event === 'presence.changed' && x.data.includes('"busy"')),
    );
    const created = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'Boiler pressure' },
    });
    const sessionId = ((await created.json()) as { id: string }).id;
    expect((await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent })).status).toBe(201);
    const { events } = await busy;
    const own = events.filter((e) => e.event === 'presence.changed').map((e) => JSON.parse(e.data).data);
    expect(own.at(-1)).toMatchObject({ userId: FIXTURE.agentId, status: 'busy', callSessionId: sessionId });
    expect((await presenceOf(FIXTURE.agentId))?.callSessionId).toBe(sessionId);

    // readEvents has closed the tab (it cancels the stream when done).
    await vi.waitFor(async () => expect((await presenceOf(FIXTURE.agentId))?.status).toBe('offline'));
    await vi.waitFor(async () =>
      expect(await announced(FIXTURE.agentId)).toEqual(['available', 'away', 'busy', 'offline']),
    );
    // The choice outlives the tab: the next console opens away (the call still runs: busy).
    const again = await server.call('GET', '/v1/me/presence', { token: agent });
    expect(await again.json()).toMatchObject({ status: 'offline', chosen: 'away' });
    await server.call('PUT', '/v1/me/presence', { token: agent, body: { status: 'available' } });
  });

  it('presence events reach streams that ask for them and may see that person: the company manager and the managers of Field, not the manager of Sales', async () => {
    const replay = async (token: string | undefined, path = '/v1/events?include=presence') => {
      const res = await server.call('GET', path, { token, headers: { 'last-event-id': '0' } });
      const { events } = await readEvents(res, () => false, 600);
      return events
        .filter((e) => e.event === 'presence.changed')
        .map((e) => JSON.parse(e.data) as { sessionId: null; data: { userId: string; status: string } })
        .filter((e) => e.data.userId === FIXTURE.agentId)
        .map((e) => e.data.status);
    };
    expect(await replay(tokens.companyManager)).toContain('offline');
    expect(await replay(tokens.tmRight)).toContain('busy');
    expect(await replay(tokens.agent2)).toContain('away');
    expect(await replay(tokens.tmSales)).toEqual([]);
    expect(await replay(tokens.customer)).toEqual([]);
    // Streams that do not ask for presence never get it.
    expect(await replay(tokens.companyManager, '/v1/events')).toEqual([]);
  });

  it('a tab gone without a goodbye counts out after 60 s; another console’s heartbeat announces it', async () => {
    const before = await announced(FIXTURE.agent2Id);
    const principal = await resolvePrincipal(server.services, `Bearer ${tokens.agent2}`);
    // The console of a replica that stopped without ending its streams: nobody ever calls end().
    await openConsole(server.services, principal!);
    expect((await presenceOf(FIXTURE.agent2Id))?.status).toBe('available');
    later(59);
    expect((await presenceOf(FIXTURE.agent2Id))?.status).toBe('available');
    later(2);
    expect((await presenceOf(FIXTURE.agent2Id))?.status).toBe('offline');
    // Any console's beat sweeps the organization: the manager's stream announces and receives it.
    const res = await server.call('GET', '/v1/events?include=presence', { token: tokens.companyManager });
    const { events } = await readEvents(res, (e) => e.some((x) => x.data.includes(FIXTURE.agent2Id)), 3_000);
    const seen = events.find((e) => e.event === 'presence.changed' && e.data.includes(FIXTURE.agent2Id));
    expect(JSON.parse(seen!.data).data).toMatchObject({ userId: FIXTURE.agent2Id, status: 'offline' });
    expect(await announced(FIXTURE.agent2Id)).toEqual([...before, 'available', 'offline']);
  });

  it('tabs on two replicas add up: closing one keeps the agent available, closing both turns them offline', async () => {
    const replica = await server.replica();
    try {
      const token = tokens.salesAgent!;
      const auth = { authorization: `Bearer ${token}` };
      const onReplica = await replica.app.request('/v1/events?include=presence', { headers: auth });
      const here = await server.call('GET', '/v1/events?include=presence', { token });
      expect((await presenceOf(CALLER_FIXTURE.salesAgentId))?.status).toBe('available');
      await onReplica.body!.cancel();
      // Give the replica's stream time to end and sweep: still available thanks to the other tab.
      await new Promise((r) => setTimeout(r, 300));
      expect((await presenceOf(CALLER_FIXTURE.salesAgentId))?.status).toBe('available');
      await here.body!.cancel();
      await vi.waitFor(async () =>
        expect((await presenceOf(CALLER_FIXTURE.salesAgentId))?.status).toBe('offline'),
      );
      await vi.waitFor(async () =>
        expect(await announced(CALLER_FIXTURE.salesAgentId)).toEqual(['available', 'offline']),
      );
    } finally {
      await replica.close();
    }
  });

  it('who sees whose presence; only staff have one; bad input changes nothing', async () => {
    const ids = async (token: string | undefined) =>
      (
        (await (await server.call('GET', '/v1/presence', { token })).json()) as { items: Presence[] }
      ).items.map((p) => p.userId);
    expect(await ids(tokens.agent)).toEqual(expect.arrayContaining([FIXTURE.agentId, FIXTURE.agent2Id]));
    expect(await ids(tokens.agent)).not.toContain(CALLER_FIXTURE.salesAgentId);
    expect(await ids(tokens.tmSales)).toContain(CALLER_FIXTURE.salesAgentId);
    expect(await ids(tokens.tmSales)).not.toContain(FIXTURE.agentId);
    expect(await ids(tokens.companyManager)).toEqual(
      expect.arrayContaining([FIXTURE.agentId, CALLER_FIXTURE.salesAgentId, FIXTURE.managerId]),
    );
    for (const token of [tokens.customer, tokens.apiKey]) {
      expect((await server.call('GET', '/v1/presence', { token })).status).toBe(403);
      expect((await server.call('PUT', '/v1/me/presence', { token, body: { status: 'away' } })).status).toBe(
        403,
      );
    }
    const before = await announced(FIXTURE.agentId);
    for (const body of [{ status: 'busy' }, { status: 'offline' }, { status: 'away', extra: 1 }, {}]) {
      const res = await server.call('PUT', '/v1/me/presence', { token: tokens.agent, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await presenceOf(FIXTURE.agentId))?.status).toBe('offline');
    expect(await announced(FIXTURE.agentId)).toEqual(before);
  });
});
