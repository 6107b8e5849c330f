import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { sessionInCall } from '../testing/recordings.js';
import { readEvents } from '../testing/sse.js';

forEachBackend('call signals reach a stream in the order their ids say (VS-8)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());

  it('a signal whose commit is slow is not skipped by a stream that read a later one meanwhile', async () => {
    await server.reset();
    const agent = await server.login(FIXTURE.agentEmail);
    const customer = await server.customer(FIXTURE.accessCode);
    const { sessionId, callId } = await sessionInCall(server, { agent, customer }, { consent: false });
    const signals = `/v1/sessions/${sessionId}/calls/${callId}/signals`;
    const { db } = server.handle;
    // A slow commit, made in the database for this test: a trigger that sleeps for the marked
    // signal after its row (and id) is formed, before it commits.
    await sql`create function slow_signal() returns trigger language plpgsql as $$
      begin
        if new.payload->>'slow' = 'yes' then perform pg_sleep(0.4); end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger slow_signal before insert on signals
      for each row execute function slow_signal()`.execute(db);
    try {
      // The agent's stream reads while both are sent: it wakes on the fast one's commit.
      const received = readEvents(
        await server.call('GET', signals, { token: agent }),
        (events) => events.filter((e) => e.event === 'signal').length >= 2,
        3_000,
      );
      const slow = server.call('POST', signals, {
        token: customer,
        body: { payload: { type: 'candidate', slow: 'yes' } },
      });
      await new Promise((r) => setTimeout(r, 100));
      const fast = await server.call('POST', signals, {
        token: customer,
        body: { payload: { type: 'candidate', slow: 'no' } },
      });
      expect(fast.status).toBe(202);
      expect((await slow).status).toBe(202);
      const { events } = await received;
      const payloads = events
        .filter((e) => e.event === 'signal')
        .map((e) => (JSON.parse(e.data) as { payload: { slow: string } }).payload.slow);
      // Both, the first sent first: the later signal waited for the earlier one's commit.
      expect(payloads).toEqual(['yes', 'no']);
    } finally {
      await sql`drop trigger slow_signal on signals`.execute(db);
      await sql`drop function slow_signal()`.execute(db);
    }
  });
});
