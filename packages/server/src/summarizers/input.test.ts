import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { loadSummaryInput } from './input.js';

forEachBackend('summary input of a session (SI-7)', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => server.reset());

  it('gathers reason, device, portal, agents, calls, consents, chat and notes in time order', async () => {
    const [agent, customer] = await Promise.all([
      server.login(FIXTURE.agentEmail),
      server.customer(FIXTURE.accessCode),
    ]);
    const post = async (token: string, path: string, body?: unknown) =>
      (await server.call('POST', path, { token, body })).json() as Promise<unknown>;
    const { id } = (await post(customer, '/v1/sessions', { reason: 'Boiler shows E42' })) as { id: string };
    await post(customer, `/v1/sessions/${id}/consents`, { kind: 'summary', decision: 'granted' });
    await post(agent, `/v1/sessions/${id}/confirm`);
    const { call } = (await post(agent, `/v1/sessions/${id}/calls`)) as { call: { id: string } };
    const rows = [
      ['chat', 'customer', FIXTURE.deviceId, 'The boiler shows E42 since this morning.'],
      ['chat', 'staff', FIXTURE.agentId, 'Please press the reset button.'],
      ['note', 'staff', FIXTURE.agentId, 'Pressure too low.'],
    ] as const;
    await server.handle.db
      .insertInto('session_messages')
      .values(
        rows.map(([kind, author_kind, author_id, text], i) => ({
          id: `msg_${i}`,
          session_id: id,
          organization_id: FIXTURE.organizationId,
          kind,
          author_kind,
          author_id,
          author_participant: 'p',
          text,
        })),
      )
      .execute();
    await post(agent, `/v1/sessions/${id}/calls/${call.id}/end`);

    const input = await loadSummaryInput(server.handle.db, id, 'de');
    expect(input).toMatchObject({
      sessionId: id,
      language: 'de',
      reason: 'Boiler shows E42',
      device: { id: FIXTURE.deviceId },
      calls: [{ id: call.id }],
    });
    expect(input.device.name).not.toBe('');
    expect(input.portal.name).not.toBe('');
    expect(input.agents.map((a) => a.id)).toContain(FIXTURE.agentId);
    expect(input.agents.every((a) => a.name.length > 0)).toBe(true);
    expect(input.messages.map((m) => [m.kind, m.author, m.text])).toEqual(
      rows.map(([kind, author, , text]) => [kind, author, text]),
    );
    expect(input.messages[0]!.authorName).toBe(input.device.name);
    expect(input.messages[1]!.authorName).not.toBe('');
    const kinds = input.timeline.map((e) => e.kind);
    expect(kinds[0]).toBe('requested');
    expect(kinds).toEqual(expect.arrayContaining(['confirmed', 'call-started', 'call-ended', 'consent']));
    expect(input.timeline.find((e) => e.kind === 'consent')?.detail).toEqual({
      kind: 'summary',
      decision: 'granted',
    });
    const times = input.timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await expect(loadSummaryInput(server.handle.db, 'ses_missing', 'en')).rejects.toThrow('no session');
  });
});
