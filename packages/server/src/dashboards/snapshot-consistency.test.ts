import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

interface Live {
  sessionId: string;
  callId: string | null;
  transport: string | null;
  callStartedAt: string | null;
}

forEachBackend('a dashboard snapshot’s sessions and calls are one snapshot (MC-7)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());

  it('read while calls end, every running session it lists comes with its call', async () => {
    await server.reset();
    const manager = await server.login(FIXTURE.managerEmail);
    const agent = await server.login(FIXTURE.agentEmail);
    const made = await server.call('POST', '/v1/dashboards', {
      token: manager,
      body: { name: 'Live', monitors: [{ id: 'live', type: 'active-sessions' }] },
    });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const answers: Live[][] = [];
    for (let round = 0; round < 12; round++) {
      const created = await server.call('POST', '/v1/sessions', {
        token: agent,
        body: { deviceId: FIXTURE.deviceId, reason: `call ${round}` },
      });
      const sessionId = ((await created.json()) as { id: string }).id;
      const started = await server.call('POST', `/v1/sessions/${sessionId}/calls`, { token: agent });
      expect(started.status).toBe(201);
      const callId = ((await started.json()) as { call: { id: string } }).call.id;
      const read = async () => {
        const res = await server.call('GET', `/v1/dashboards/${id}/snapshot`, { token: manager });
        expect(res.status).toBe(200);
        const { monitors } = (await res.json()) as { monitors: { items: Live[] }[] };
        answers.push(monitors[0]!.items);
        return monitors[0]!.items;
      };
      expect(await read()).toEqual([expect.objectContaining({ sessionId, callId })]);
      let ended = false;
      const ending = server
        .call('POST', `/v1/sessions/${sessionId}/calls/${callId}/end`, { token: agent })
        .finally(() => {
          ended = true;
        });
      // Read as often as the server answers until the call has ended, and once after.
      for (let last = false; !last; ) {
        last = ended;
        await read();
        await new Promise((r) => setImmediate(r));
      }
      expect((await ending).status).toBe(200);
    }
    const items = answers.flat();
    expect(items.length).toBeGreaterThanOrEqual(12);
    // A running session is in a call (the domain's rule): never listed without it.
    for (const item of items)
      expect(item).toMatchObject({
        callId: expect.any(String),
        transport: 'p2p',
        callStartedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    expect(answers.at(-1)).toEqual([]);
  });
});
