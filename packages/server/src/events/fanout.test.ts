import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';
import { idAfter } from './audience.js';

forEachBackend('event fan-out: a batch of changes to many streams (VS-3, MC-7)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 60_000 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  const business = (events: ParsedEvent[]) => events.filter((e) => e.id !== undefined);
  const created = (events: ParsedEvent[]) =>
    business(events)
      .filter((e) => e.event === 'session.created')
      .map((e) => JSON.parse(e.data).data.session.reason as string);

  it('ten changes written at once reach thirty streams, each with exactly what its caller may see, once and in order; a stream resuming from before them replays the same', async () => {
    const callers = {
      manager: await server.login(FIXTURE.managerEmail),
      agent: await server.login(FIXTURE.agentEmail),
      agent2: await server.login(FIXTURE.agent2Email),
      customer: await server.customer(FIXTURE.accessCode),
      otherCustomer: await server.customer(FIXTURE.otherAccessCode),
      foreign: await server.login(FIXTURE.otherOrgManagerEmail),
    };
    const names = Object.keys(callers) as (keyof typeof callers)[];
    // Agent-created sessions are assigned to the agent; requests from the device reach its team.
    const expected: Record<keyof typeof callers, number> = {
      manager: 10,
      agent: 10,
      agent2: 5,
      customer: 10,
      otherCustomer: 0,
      foreign: 0,
    };
    const streams = [];
    for (let i = 0; i < 30; i++) {
      const name = names[i % names.length]!;
      const res = await server.call('GET', '/v1/events', { token: callers[name] });
      const reading = readEvents(
        res,
        (e) => created(e).length >= expected[name],
        expected[name] ? 5_000 : 1_500,
      );
      streams.push({ name, reading });
    }
    // Consoles opening announce presence: let those wakes pass.
    await new Promise((r) => setTimeout(r, 300));
    const writes = Array.from({ length: 10 }, (_, n) =>
      n % 2 === 0
        ? server.call('POST', '/v1/sessions', {
            token: callers.agent,
            body: { deviceId: FIXTURE.deviceId, reason: `assigned ${n}` },
          })
        : server.call('POST', '/v1/sessions', { token: callers.customer, body: { reason: `request ${n}` } }),
    );
    for (const res of await Promise.all(writes)) expect(res.status).toBe(201);
    const results = await Promise.all(streams.map(async (s) => ({ ...s, ...(await s.reading) })));
    const byName = new Map<string, string[]>();
    for (const { name, events } of results) {
      const reasons = created(events);
      expect(reasons, name).toHaveLength(expected[name]);
      if (name === 'agent2')
        expect(
          reasons.every((r) => r.startsWith('request')),
          name,
        ).toBe(true);
      const ids = business(events).map((e) => e.id!);
      expect(new Set(ids).size, name).toBe(ids.length);
      for (let i = 1; i < ids.length; i++) expect(idAfter(ids[i]!, ids[i - 1]!), name).toBe(true);
      // Every stream of one caller gets the same events.
      const seen = byName.get(name);
      if (seen) expect(ids, name).toEqual(seen);
      else byName.set(name, ids);
    }
    // A stream resuming from before the batch replays the same, through its own reads.
    const first = byName.get('manager')![0]!;
    const res = await server.call('GET', '/v1/events', {
      token: callers.manager,
      headers: { 'last-event-id': String(BigInt(first) - 1n) },
    });
    const replay = await readEvents(res, (e) => business(e).length >= byName.get('manager')!.length, 5_000);
    expect(business(replay.events).map((e) => e.id)).toEqual(byName.get('manager'));
  });
});
