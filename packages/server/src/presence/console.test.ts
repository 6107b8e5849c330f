import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';

forEachBackend('console presence refreshes (MC-7, event fan-out)', (backend) => {
  let server: TestServer;
  let now = new Date('2026-06-01T10:00:00Z').getTime();
  beforeAll(async () => {
    // Heartbeats a minute apart: the consoles beat when a change wakes them, all in one turn.
    server = await createTestServer(backend, { heartbeatMs: 60_000 }, () => new Date(now));
  });
  afterAll(async () => server.close());

  it('twenty consoles woken by one change refresh their presence in one write, each row to the time of the change', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const business = (events: ParsedEvent[]) => events.filter((e) => e.id !== undefined);
    const readings = [];
    for (let i = 0; i < 20; i++) {
      const res = await server.call('GET', '/v1/events', { token: agent });
      // Read for a few seconds without stopping, so the consoles stay open while their rows are checked.
      readings.push(readEvents(res, () => false, 4_000));
    }
    await new Promise((r) => setTimeout(r, 300));
    // Half a heartbeat later every console is due for a refresh.
    now += 31_000;
    const updateTable = vi.spyOn(server.handle.db, 'updateTable');
    try {
      const created = await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: 'one write' },
      });
      expect(created.status).toBe(201);
      await new Promise((r) => setTimeout(r, 1_000));
      const refreshes = updateTable.mock.calls.filter(([table]) => String(table) === 'presence_consoles');
      expect(refreshes.length).toBe(1);
      const rows = await server.handle.db.selectFrom('presence_consoles').select('last_seen_at').execute();
      expect(rows.length).toBe(20);
      for (const row of rows) expect(new Date(row.last_seen_at).getTime()).toBe(now);
    } finally {
      updateTable.mockRestore();
    }
    for (const { events } of await Promise.all(readings)) {
      expect(business(events).map((e) => e.event)).toContain('session.created');
    }
  });
});
