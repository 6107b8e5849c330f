import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';

type Message = {
  id: string;
  kind: string;
  text: string;
  author: { kind: string; id: string; displayName: string };
};

forEachBackend('chat and staff notes of a session (VS-15)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  let other: string;
  let sessionId: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 200 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    [agent, customer, other] = await Promise.all([
      server.login(FIXTURE.agentEmail),
      server.customer(FIXTURE.accessCode),
      server.login(FIXTURE.otherOrgManagerEmail),
    ]);
    sessionId = (
      (await (
        await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'E42' } })
      ).json()) as { id: string }
    ).id;
  });

  const send = (token: string, body: unknown) =>
    server.call('POST', `/v1/sessions/${sessionId}/messages`, { token, body });
  const list = async (token: string, query = '') =>
    (await (await server.call('GET', `/v1/sessions/${sessionId}/messages${query}`, { token })).json()) as {
      items: Message[];
      nextCursor: string | null;
    };

  it('chat opens when staff confirm; both sides write, both read in order', async () => {
    const early = await send(customer, { id: 'c0', text: 'Hello?' });
    expect(early.status).toBe(409);
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    expect((await send(customer, { id: 'c1', text: 'The display shows E42.' })).status).toBe(201);
    expect((await send(agent, { id: 'a1', text: 'Please open the front cover.' })).status).toBe(201);
    const items = (await list(customer)).items;
    expect(items.map((m) => [m.id, m.author.kind, m.text])).toEqual([
      ['c1', 'customer', 'The display shows E42.'],
      ['a1', 'staff', 'Please open the front cover.'],
    ]);
    expect(items[0]?.author.displayName).toBe('Boiler 12');
  });

  it('the same id is one message (a retry, or the data channel and the API both delivering it)', async () => {
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    expect((await send(customer, { id: 'dup', text: 'once' })).status).toBe(201);
    expect((await send(customer, { id: 'dup', text: 'once' })).status).toBe(200);
    expect((await send(customer, { id: 'dup', text: 'other text' })).status).toBe(409);
    expect((await list(agent)).items).toHaveLength(1);
  });

  it('notes are for staff: customers may not write them and never see them', async () => {
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    expect((await send(agent, { id: 'n1', kind: 'note', text: 'Customer sounded unsure.' })).status).toBe(
      201,
    );
    expect((await send(customer, { id: 'n2', kind: 'note', text: 'sneaky' })).status).toBe(403);
    expect((await list(customer)).items).toEqual([]);
    expect((await list(agent)).items.map((m) => m.kind)).toEqual(['note']);
  });

  it('pages with a cursor', async () => {
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    for (let i = 0; i < 5; i++) await send(agent, { id: `m${i}`, text: `line ${i}` });
    const first = await list(agent, '?limit=3');
    expect(first.items.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
    const second = await list(agent, `?limit=3&after=${first.nextCursor}`);
    expect(second.items.map((m) => m.id)).toEqual(['m3', 'm4']);
    expect(second.nextCursor).toBeNull();
  });

  describe('bad input is refused and changes nothing', () => {
    it.each([
      ['empty text', { id: 'x1', text: '   ' }],
      ['NUL in the text', { id: 'x2', text: 'a\u0000b' }],
      ['a lone surrogate', { id: 'x3', text: 'a\ud800b' }],
      ['an id with spaces', { id: 'x y', text: 'hi' }],
      ['too long', { id: 'x4', text: 'x'.repeat(4001) }],
      ['an unknown field', { id: 'x5', text: 'hi', html: '<b>' }],
    ])('%s → 400', async (_name, body) => {
      await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
      const res = await send(agent, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await list(agent)).items).toEqual([]);
    });
  });

  it('another organization gets 404 and writes nothing', async () => {
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    expect((await send(other, { id: 'o1', text: 'hi' })).status).toBe(404);
    expect((await server.call('GET', `/v1/sessions/${sessionId}/messages`, { token: other })).status).toBe(
      404,
    );
    expect((await list(agent)).items).toEqual([]);
  });

  it('chat is closed after the session is closed (409), notes stay open for staff', async () => {
    const post = (path: string) => server.call('POST', `/v1/sessions/${sessionId}${path}`, { token: agent });
    await post('/confirm');
    const { call } = (await (await post('/calls')).json()) as { call: { id: string } };
    expect((await post(`/calls/${call.id}/end`)).status).toBe(200);
    expect((await send(customer, { id: 'late', text: 'One more thing' })).status).toBe(201);
    expect((await post('/close')).status).toBe(200);
    const closed = await send(customer, { id: 'later', text: 'Hello again?' });
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { type: string }).type).toContain('chat-closed');
    expect((await send(agent, { id: 'n-after', kind: 'note', text: 'Called back by phone.' })).status).toBe(
      201,
    );
    expect((await list(agent)).items.map((m) => m.id)).toEqual(['late', 'n-after']);
  });

  it('chat turned off in the portal: 403 feature-disabled, nothing stored; notes still work', async () => {
    const manager = await server.login(FIXTURE.managerEmail);
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    const off = await server.call('PATCH', `/v1/portals/${FIXTURE.portalId}`, {
      token: manager,
      body: { features: { chat: 'off' } },
    });
    expect(off.status).toBe(200);
    for (const token of [customer, agent]) {
      const res = await send(token, { id: `f${token.length}`, text: 'hi' });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { type: string }).type).toContain('feature-disabled');
    }
    expect((await send(agent, { id: 'note-ok', kind: 'note', text: 'Chat is off here.' })).status).toBe(201);
    expect((await list(agent)).items.map((m) => m.id)).toEqual(['note-ok']);
  });

  it('the event stream carries chat to both sides and notes to staff only', async () => {
    await server.call('POST', `/v1/sessions/${sessionId}/confirm`, { token: agent });
    const messagesIn = async (token: string) => {
      const res = await server.call('GET', '/v1/events', { token, headers: { 'last-event-id': '0' } });
      const { events } = await readEvents(res, () => false, 600);
      return events
        .filter((e) => e.event === 'message.created')
        .map((e) => (JSON.parse(e.data) as { data: { message: Message } }).data.message);
    };
    await send(customer, { id: 'c1', text: 'Hi' });
    await send(agent, { id: 'n1', kind: 'note', text: 'Private' });
    await send(agent, { id: 'a1', text: 'Hello' });
    expect((await messagesIn(customer)).map((m) => m.id)).toEqual(['c1', 'a1']);
    const staff = await messagesIn(agent);
    expect(staff.map((m) => m.id)).toEqual(['c1', 'n1', 'a1']);
    expect(staff[1]).toMatchObject({ kind: 'note', sessionId, author: { kind: 'staff' } });
  });
});
