import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { row, runMatrix, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';

type Join = { call: { id: string }; media: { participantId: string } };
type Monitor = {
  monitorId: string;
  media: { transport: string; participantId: string; signalingUrl: string };
  participants: string[];
};

const signalsOf = (events: ParsedEvent[]) =>
  events
    .filter((e) => e.id !== undefined && e.event === 'signal')
    .map((e) => JSON.parse(e.data) as { from: string; payload: unknown; monitor?: boolean });
/** The participants a monitor's stream names (their greetings to the call). */
const participantsOf = (events: ParsedEvent[]) =>
  events
    .filter((e) => e.event === 'participant')
    .map((e) => (JSON.parse(e.data) as { participantId: string }).participantId);

forEachBackend('silent monitoring of a call (MC-8)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  let manager: string;
  let sessionId: string;
  let callId: string;
  let pids: { agent: string; customer: string };
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    manager = await server.login(FIXTURE.managerEmail);
    const created = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'monitored', assigneeIds: [FIXTURE.agentId] },
    });
    sessionId = ((await created.json()) as { id: string }).id;
    const c = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: customer })
    ).json()) as Join;
    const a = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/calls/${c.call.id}/join`, { token: agent })
    ).json()) as Join;
    callId = c.call.id;
    pids = { customer: c.media.participantId, agent: a.media.participantId };
    for (const token of [customer, agent]) {
      await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/signals`, {
        token,
        body: { payload: { kind: 'hello', instance: 'i1' } },
      });
    }
  });
  const monitorPath = () => `/v1/sessions/${sessionId}/calls/${callId}/monitor`;

  it('a manager starts monitoring: a channel of its own, both participants named, the start and end recorded', async () => {
    const res = await server.call('POST', monitorPath(), { token: manager });
    expect(res.status).toBe(201);
    const m = (await res.json()) as Monitor;
    expect(m.media.transport).toBe('p2p');
    expect(m.media.signalingUrl).toContain(`/monitor/${m.monitorId}/signals`);
    expect(m.participants.sort()).toEqual([pids.agent, pids.customer].sort());
    expect(m.media.participantId).not.toBe(pids.agent);
    const audit = await server.handle.db.selectFrom('call_monitors').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ user_id: FIXTURE.managerId, call_id: callId, ended_at: null });
    const end = await server.call('POST', `${monitorPath()}/${m.monitorId}/end`, { token: manager });
    expect(end.status).toBe(204);
    const ended = await server.handle.db
      .selectFrom('call_monitors')
      .select('ended_at')
      .executeTakeFirstOrThrow();
    expect(ended.ended_at).not.toBeNull();
    // Ended: it signals no more.
    const late = await server.call('POST', `${monitorPath()}/${m.monitorId}/signals`, {
      token: manager,
      body: { to: pids.customer, payload: { kind: 'monitor-offer', sdp: 'v=0' } },
    });
    expect(late.status).toBe(409);
  });

  it('a monitor’s offer reaches only the participant it names, marked; the answer reaches only the monitor', async () => {
    const m = (await (await server.call('POST', monitorPath(), { token: manager })).json()) as Monitor;
    const offer = await server.call('POST', `${monitorPath()}/${m.monitorId}/signals`, {
      token: manager,
      body: { to: pids.customer, payload: { kind: 'monitor-offer', sdp: 'v=0' } },
    });
    expect(offer.status).toBe(202);
    const stream = (token: string) =>
      server.app.request(`/v1/sessions/${sessionId}/calls/${callId}/signals`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const forCustomer = await readEvents(await stream(customer), (e) => signalsOf(e).some((s) => s.monitor));
    const marked = signalsOf(forCustomer.events).filter((s) => s.monitor);
    expect(marked).toEqual([expect.objectContaining({ from: m.media.participantId, monitor: true })]);
    const forAgent = await readEvents(await stream(agent), (e) => signalsOf(e).length >= 1, 500);
    expect(signalsOf(forAgent.events).some((s) => s.monitor || s.from === m.media.participantId)).toBe(false);
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/signals`, {
      token: customer,
      body: { to: m.media.participantId, payload: { kind: 'monitor-answer', sdp: 'v=0' } },
    });
    const forMonitor = await readEvents(
      await server.app.request(`${monitorPath()}/${m.monitorId}/signals`, {
        headers: { authorization: `Bearer ${manager}` },
      }),
      (e) => signalsOf(e).length >= 1,
    );
    expect(signalsOf(forMonitor.events)).toEqual([
      expect.objectContaining({ from: pids.customer, payload: { kind: 'monitor-answer', sdp: 'v=0' } }),
    ]);
    // It also names the participants greeting the call — never the signals they address to each other.
    expect([...new Set(participantsOf(forMonitor.events))].sort()).toEqual(
      [pids.agent, pids.customer].sort(),
    );
  });

  it('a participant who greets the call after the monitoring began is named to the monitor (MC-8)', async () => {
    const m = (await (await server.call('POST', monitorPath(), { token: manager })).json()) as Monitor;
    // The agent's page reloads: a new greeting, after the monitoring began.
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/signals`, {
      token: agent,
      body: { payload: { kind: 'hello', instance: 'i2' } },
    });
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/signals`, {
      token: agent,
      body: { to: pids.customer, payload: { kind: 'offer', sdp: 'v=0' } },
    });
    const forMonitor = await readEvents(
      await server.app.request(`${monitorPath()}/${m.monitorId}/signals`, {
        headers: { authorization: `Bearer ${manager}` },
      }),
      (e) => participantsOf(e).length >= 3,
    );
    expect(participantsOf(forMonitor.events)).toEqual([pids.customer, pids.agent, pids.agent]);
    // The offer between participants is not the monitor's to see.
    expect(signalsOf(forMonitor.events)).toEqual([]);
  });

  it('an ended call cannot be monitored (409); another manager’s monitoring is not yours (404)', async () => {
    const m = (await (await server.call('POST', monitorPath(), { token: manager })).json()) as Monitor;
    const other = await server.login(FIXTURE.teamManagerEmail);
    expect((await server.call('POST', `${monitorPath()}/${m.monitorId}/end`, { token: other })).status).toBe(
      404,
    );
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/end`, {
      token: agent,
      headers: { 'if-match': '*' },
    });
    expect((await server.call('POST', monitorPath(), { token: manager })).status).toBe(409);
  });

  it('authorization: managers above the agent only; other organizations 404', async () => {
    const tokens = await seedCallers(server);
    //                                         anon cust agnt tm-  tm+  tmO  cm   api  org
    const { mismatches } = await runMatrix(server, tokens, [
      {
        name: 'POST …/monitor',
        request: () => ({ method: 'POST', path: monitorPath() }),
        expected: row(401, 403, 403, 201, 201, 403, 201, 403, 404),
      },
    ]);
    expect(mismatches).toEqual([]);
  });
});
