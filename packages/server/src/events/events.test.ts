import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';

forEachBackend('event stream from the outbox (VS-3)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 200 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });

  const stream = (token: string, lastEventId?: string) =>
    server.call('GET', '/v1/events', { token, headers: lastEventId ? { 'last-event-id': lastEventId } : {} });
  const business = (events: ParsedEvent[]) => events.filter((e) => e.id !== undefined);
  const request = (reason: string) =>
    server.call('POST', '/v1/sessions', { token: customer, body: { reason } });

  it('delivers a new request to the responsible agent at once (VS-3)', async () => {
    const res = await stream(agent);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res, (e) => business(e).length >= 1);
    await new Promise((r) => setTimeout(r, 50));
    await request('E42');
    const { events } = await reading;
    expect(business(events)[0]).toMatchObject({ event: 'session.created' });
    expect(JSON.parse(business(events)[0]!.data).data.session.status).toBe('requested');
  });

  it('replays exactly what was missed after a drop, with no duplicates — also across a restart', async () => {
    const first = readEvents(await stream(agent, '0'), (e) => business(e).length >= 2);
    await request('one');
    await request('two');
    const seen = business((await first).events);
    expect(seen).toHaveLength(2);
    // Dropped. Meanwhile more happens, then the server restarts on the same database.
    await request('three');
    await server.restart();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    await request('four');
    const resumed = business(
      (await readEvents(await stream(agent, seen.at(-1)!.id), (e) => business(e).length >= 2, 2_000)).events,
    );
    const all = [...seen, ...resumed];
    const reasons = all.map((e) => JSON.parse(e.data).data.session.reason);
    expect(reasons).toEqual(['one', 'two', 'three', 'four']);
    const ids = all.map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('shows each caller only what they may see', async () => {
    const other = await server.customer(FIXTURE.otherAccessCode);
    const foreign = await server.login(FIXTURE.otherOrgManagerEmail);
    const agent2 = await server.login(FIXTURE.agent2Email);
    await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'assigned to agent 1' },
    });
    await request('unassigned request');
    const count = async (token: string) =>
      business((await readEvents(await stream(token, '0'), () => false, 400)).events).length;
    expect(await count(agent)).toBe(2);
    expect(await count(customer)).toBe(2);
    expect(await count(agent2)).toBe(1);
    expect(await count(other)).toBe(0);
    expect(await count(foreign)).toBe(0);
  });

  it('sends heartbeats on an idle stream', async () => {
    const { comments } = await readEvents(await stream(agent), () => false, 500);
    expect(comments).toContain('heartbeat');
  });

  it('reports lifecycle, call and consent events in order', async () => {
    const created = (await (await request('walk')).json()) as { id: string };
    await server.call('POST', `/v1/sessions/${created.id}/consents`, {
      token: customer,
      body: { kind: 'recording', decision: 'granted' },
    });
    await server.call('POST', `/v1/sessions/${created.id}/confirm`, { token: agent });
    const call = (await (
      await server.call('POST', `/v1/sessions/${created.id}/calls`, { token: agent })
    ).json()) as {
      call: { id: string };
    };
    await server.call('POST', `/v1/sessions/${created.id}/calls/${call.call.id}/end`, { token: customer });
    const { events } = await readEvents(await stream(customer, '0'), (e) => business(e).length >= 7);
    expect(business(events).map((e) => e.event)).toEqual([
      'session.created',
      'consent.recorded',
      'session.changed',
      'call.started',
      'session.changed',
      'call.ended',
      'session.changed',
    ]);
  });

  // Replicas share one database only on PostgreSQL (PGlite is one process's database).
  if (backend === 'postgres')
    it('wakes streams on another replica through LISTEN/NOTIFY', async () => {
      // No heartbeat within the test: only a notification can wake the replica's stream.
      const replica = await server.replica({ heartbeatMs: 60_000 });
      try {
        const res = await replica.app.request('/v1/events', {
          headers: { authorization: `Bearer ${agent}` },
        });
        const reading = readEvents(res, (e) => business(e).length >= 1, 3_000);
        await new Promise((r) => setTimeout(r, 100));
        const t0 = Date.now();
        await request('via the other replica');
        const { events } = await reading;
        expect(business(events)).toHaveLength(1);
        expect(Date.now() - t0).toBeLessThan(2_000);
      } finally {
        await replica.close();
      }
    });

  it('rejects a malformed Last-Event-ID and anonymous callers', async () => {
    expect((await stream(agent, 'abc')).status).toBe(400);
    expect((await server.call('GET', '/v1/events')).status).toBe(401);
  });
});
