import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

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
    server = await createTestServer(backend);
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
});
