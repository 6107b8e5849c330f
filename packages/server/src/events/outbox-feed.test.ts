import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { Notifier } from '../db/connect.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';

it('a wait that starts after a notification it missed returns at once', async () => {
  const notifier = new Notifier();
  const seen = notifier.generation;
  const observed: number[] = [];
  notifier.onWake(() => observed.push(notifier.generation));
  notifier.notify();
  expect(observed).toEqual([seen + 1]);
  expect(await notifier.wait(60_000, undefined, seen)).toBe('wake');
  expect(await notifier.wait(10, undefined, notifier.generation)).toBe('timeout');
});

forEachBackend('shared outbox reader: event fan-out (VS-3, MC-7)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 60_000 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  const business = (events: ParsedEvent[]) => events.filter((e) => e.id !== undefined);
  const append = (reason: string) =>
    server.handle.db
      .insertInto('outbox')
      .values({
        organization_id: FIXTURE.organizationId,
        type: 'session.created',
        session_id: `s-${reason}`,
        scope: JSON.stringify({ deviceId: FIXTURE.deviceId, teamId: null, assigneeIds: [] }),
        data: JSON.stringify({ reason }),
      })
      .execute();

  it('many open streams cost one outbox read and one principal read per credential per change', async () => {
    const manager = await server.login(FIXTURE.managerEmail);
    const agent = await server.login(FIXTURE.agentEmail);
    const tokens = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? manager : agent));
    const readings = [];
    for (const token of tokens) {
      const res = await server.call('GET', '/v1/events', { token });
      readings.push(readEvents(res, (e) => business(e).length >= 1, 5_000));
    }
    // Consoles opening announce presence: let those wakes pass before counting.
    await new Promise((r) => setTimeout(r, 500));
    const selectFrom = vi.spyOn(server.handle.db, 'selectFrom');
    try {
      const created = await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: 'fan-out' },
      });
      expect(created.status).toBe(201);
      const results = await Promise.all(readings);
      for (const { events } of results)
        expect(business(events)[0]).toMatchObject({ event: 'session.created' });
      const tables = selectFrom.mock.calls.map(([table]) => String(table));
      const count = (table: string) => tables.filter((t) => t === table).length;
      // The streams' shared read of the change (and of a wake it causes), the webhook fan-out's own
      // read: not one per stream.
      expect(count('outbox')).toBeLessThanOrEqual(4);
      // Two credentials, once per wake, beside the write's own reads: not one per stream.
      expect(count('users')).toBeLessThan(tokens.length / 3);
      expect(count('teams')).toBeLessThan(tokens.length / 3);
    } finally {
      selectFrom.mockRestore();
    }
  });

  it('a read begun before a change is not handed to readers that wake after it', async () => {
    const feed = server.services.outboxFeed;
    const newest = await server.handle.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const cursor = String(newest?.id ?? 0);
    await append('before');
    const early = feed.after(FIXTURE.organizationId, cursor);
    expect(feed.after(FIXTURE.organizationId, cursor)).toBe(early);
    // Committed while the early read may still be running, then notified, as every writer does.
    await append('between');
    server.handle.notifier.notify();
    const late = feed.after(FIXTURE.organizationId, cursor);
    expect(late).not.toBe(early);
    expect((await late).map((r) => r.data.reason)).toEqual(['before', 'between']);
    // The short page's end is known empty within a generation, and no longer after the next change.
    const last = String((await late).at(-1)!.id);
    expect(await feed.after(FIXTURE.organizationId, last)).toEqual([]);
    await append('after');
    server.handle.notifier.notify();
    expect((await feed.after(FIXTURE.organizationId, last)).map((r) => r.data.reason)).toEqual(['after']);
  });

  it('a stream delivers a change committed while it was reading', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const res = await server.call('GET', '/v1/events', { token: agent, headers: { 'last-event-id': '0' } });
    const reading = readEvents(res, (e) => business(e).length >= 20, 5_000);
    // Writes in quick succession land during the stream's reads; with heartbeats a minute apart only
    // a wake that is never slept through delivers them all within the test's time.
    for (let i = 0; i < 20; i++) {
      await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: `quick ${i}` },
      });
    }
    const { events } = await reading;
    expect(business(events)).toHaveLength(20);
  });
});
