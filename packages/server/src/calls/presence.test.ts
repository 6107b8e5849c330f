import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { endAbandonedCalls } from './presence.js';

type Presence = {
  participants: { role: string; present: boolean; awaySince?: string }[];
  endsAt?: string;
  endsInMs?: number;
  graceMs: number;
};
type Session = {
  status: string;
  calls: { id: string; endedAt?: string; endReason?: string }[];
};

const T0 = new Date('2026-06-01T10:00:00Z').getTime();

forEachBackend('call presence and abandonment (VS-9)', (backend) => {
  let server: TestServer;
  let now = T0;
  let agent: string;
  let customer: string;
  let sessionId: string;
  let callId: string;
  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => new Date(now));
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    now = T0;
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    const res = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'presence' },
    });
    sessionId = ((await res.json()) as { id: string }).id;
    const started = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: customer });
    callId = ((await started.json()) as { call: { id: string } }).call.id;
    await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent });
  });

  const beat = (token: string, present = true) =>
    server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/presence`, { token, body: { present } });
  const presence = async (token: string) => {
    const res = await beat(token);
    expect(res.status).toBe(200);
    return (await res.json()) as Presence;
  };
  const session = async () =>
    (await (await server.call('GET', `/v1/sessions/${sessionId}`, { token: agent })).json()) as Session;

  it('both present while they beat; a closed tab is away at once, a silent one after the timeout', async () => {
    await presence(customer);
    const both = await presence(agent);
    expect(both.participants.map((p) => [p.role, p.present]).sort()).toEqual([
      ['customer', true],
      ['staff', true],
    ]);
    expect(both.endsAt).toBeUndefined();
    // The customer's tab closes: it says so.
    now += 500;
    expect((await beat(customer, false)).status).toBe(200);
    const left = await presence(agent);
    expect(left.participants.find((p) => p.role === 'customer')).toEqual(
      expect.objectContaining({ present: false, awaySince: new Date(T0 + 500).toISOString() }),
    );
    expect(left.endsAt).toBe(new Date(T0 + 500 + 60_000).toISOString());
    expect(left.endsInMs).toBe(60_000);
    // It comes back (a reload) within the grace period: the same call goes on.
    now += 20_000;
    await presence(customer);
    expect((await presence(agent)).endsAt).toBeUndefined();
    // Its network goes away for good: no beat for longer than the timeout.
    now += 3_600;
    const silent = await presence(agent);
    expect(silent.participants.find((p) => p.role === 'customer')?.present).toBe(false);
  });

  it('a side gone for the grace period ends the call as abandoned; the session completes as after a hang-up', async () => {
    await presence(customer);
    await presence(agent);
    now += 1_000;
    await beat(customer, false);
    // Staff stay (their page beats on).
    for (let i = 0; i < 59; i++) {
      now += 1_000;
      await beat(agent);
    }
    expect(await endAbandonedCalls(server.services)).toEqual([]);
    expect((await presence(agent)).endsAt).toBe(new Date(T0 + 61_000).toISOString());
    now += 1_001;
    // The remaining side's next beat finds it over.
    const over = await beat(agent);
    expect(over.status).toBe(409);
    expect(((await over.json()) as { code: string }).code).toBe('call-ended');
    const s = await session();
    expect(s.status).toBe('completed');
    expect(s.calls[0]).toEqual(expect.objectContaining({ id: callId, endReason: 'abandoned' }));
    // The event both sides follow says why.
    const events = await server.handle.db
      .selectFrom('outbox')
      .select(['type', 'data'])
      .where('session_id', '=', sessionId)
      .where('type', '=', 'call.ended')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.data)).toContain('"endReason":"abandoned"');
  });

  it('with both sides gone, the timer ends it; a hang-up says so; a call nobody beat in is left alone', async () => {
    await presence(customer);
    await presence(agent);
    now += 100_000;
    expect(await endAbandonedCalls(server.services)).toEqual([callId]);
    expect((await session()).calls[0]?.endReason).toBe('abandoned');
    expect(await endAbandonedCalls(server.services)).toEqual([]);

    // A reopened session's next call, hung up by staff.
    await server.call('POST', `/v1/sessions/${sessionId}/reopen`, { token: agent });
    const next = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent });
    callId = ((await next.json()) as { call: { id: string } }).call.id;
    now += 100_000;
    expect(await endAbandonedCalls(server.services)).toEqual([]);
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/end`, { token: agent });
    expect((await session()).calls.find((c) => c.id === callId)?.endReason).toBe('hung-up');
  });

  it('refuses bad input and outsiders, and changes nothing', async () => {
    const bad = await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/presence`, {
      token: customer,
      body: { present: 'yes' },
    });
    expect(bad.status).toBe(400);
    const other = await server.customer(FIXTURE.otherAccessCode);
    expect((await beat(other)).status).toBe(403);
    const foreign = await server.login(FIXTURE.otherOrgManagerEmail);
    expect((await beat(foreign)).status).toBe(404);
    const unknown = await server.call('POST', `/v1/sessions/${sessionId}/calls/nope/presence`, {
      token: agent,
      body: { present: true },
    });
    expect(unknown.status).toBe(404);
    const rows = await server.handle.db.selectFrom('call_presence').selectAll().execute();
    expect(rows).toEqual([]);
  });
});
