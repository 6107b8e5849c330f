import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type ParsedEvent, readEvents } from '../testing/sse.js';

interface Rating {
  id: string;
  sessionId: string;
  by: { kind: 'customer' | 'staff'; participantId: string; displayName?: string };
  score: number;
  comment: string | null;
  createdAt: string;
}

forEachBackend('session ratings (MC-15)', (backend) => {
  let server: TestServer;
  let agent: string;
  let agent2: string;
  let manager: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend, { heartbeatMs: 200 });
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    [agent, agent2, manager, customer] = await Promise.all([
      server.login(FIXTURE.agentEmail),
      server.login(FIXTURE.agent2Email),
      server.login(FIXTURE.managerEmail),
      server.customer(FIXTURE.accessCode),
    ]);
  });

  const path = (id: string) => `/v1/sessions/${id}/ratings`;
  const rate = (id: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
    server.call('POST', path(id), { token, body, headers });
  const list = async (id: string, token: string) => {
    const res = await server.call('GET', path(id), { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Rating[] }).items;
  };
  const counts = async () => ({
    ratings: (await server.handle.db.selectFrom('session_ratings').select('id').execute()).length,
    events: (
      await server.handle.db.selectFrom('outbox').select('id').where('type', '=', 'rating.created').execute()
    ).length,
  });

  /** A session held by the given agents, with a call started; `end` ends it. */
  async function inCall(assigneeIds: string[] = [FIXTURE.agentId]) {
    const created = await server.call('POST', '/v1/sessions', {
      token: manager,
      body: { deviceId: FIXTURE.deviceId, reason: 'Boiler shows E42', assigneeIds },
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const started = await server.call('POST', `/v1/sessions/${id}/calls`, { token: customer });
    expect(started.status).toBe(201);
    const callId = ((await started.json()) as { call: { id: string } }).call.id;
    return {
      id,
      end: async () => {
        const ended = await server.call('POST', `/v1/sessions/${id}/calls/${callId}/end`, { token: agent });
        expect(ended.status).toBe(200);
      },
    };
  }
  async function afterCall(assigneeIds?: string[]) {
    const s = await inCall(assigneeIds);
    await s.end();
    return s.id;
  }

  it('the customer and each holder rate once after the call; the wire shape names them', async () => {
    const id = await afterCall([FIXTURE.agentId, FIXTURE.agent2Id]);
    const byCustomer = await rate(id, customer, { score: 5, comment: '  Fixed in minutes.  ' });
    expect(byCustomer.status).toBe(201);
    const c = (await byCustomer.json()) as Rating;
    expect(c).toMatchObject({
      sessionId: id,
      by: { kind: 'customer', displayName: 'Boiler 12' },
      score: 5,
      comment: 'Fixed in minutes.',
    });
    expect(Date.parse(c.createdAt)).not.toBeNaN();
    const me = (await (await server.call('GET', '/v1/me', { token: customer })).json()) as {
      participantId: string;
    };
    expect(c.by.participantId).toBe(me.participantId);

    const byAgent = await rate(id, agent, { score: 4 });
    expect(byAgent.status).toBe(201);
    expect(await byAgent.json()).toMatchObject({ by: { kind: 'staff' }, score: 4, comment: null });
    expect((await rate(id, agent2, { score: 3, comment: '   ' })).status).toBe(201);

    for (const token of [customer, agent, agent2]) {
      const again = await rate(id, token, { score: 1 });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { type: string }).type).toContain('already-rated');
    }
    const staffView = await list(id, manager);
    expect(staffView.map((r) => [r.by.kind, r.score, r.comment])).toEqual([
      ['customer', 5, 'Fixed in minutes.'],
      ['staff', 4, null],
      ['staff', 3, null],
    ]);
    expect(staffView[1]!.by.displayName).toBe('Demo Agent');
    // The customer sees only their own rating.
    expect((await list(id, customer)).map((r) => r.id)).toEqual([c.id]);
    expect(await counts()).toEqual({ ratings: 3, events: 3 });
  });

  it('not before a call ended: requested, confirmed and running are 409 not-yet, nothing stored', async () => {
    const requested = await server.call('POST', '/v1/sessions', {
      token: customer,
      body: { reason: 'Not yet' },
    });
    const requestedId = ((await requested.json()) as { id: string }).id;
    const running = await inCall();
    const confirmed = await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.deviceId, reason: 'confirmed' },
    });
    const confirmedId = ((await confirmed.json()) as { id: string }).id;
    for (const [id, token] of [
      [requestedId, customer],
      [running.id, customer],
      [running.id, agent],
      [confirmedId, agent],
    ] as const) {
      const res = await rate(id, token, { score: 4 });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { type: string }).type).toContain('not-yet');
    }
    expect(await counts()).toEqual({ ratings: 0, events: 0 });
    // Once the call ended it opens, also after the session is reopened and closed again.
    await running.end();
    const reopened = await server.call('POST', `/v1/sessions/${running.id}/reopen`, { token: agent });
    expect(reopened.status).toBe(200);
    expect((await rate(running.id, customer, { score: 2 })).status).toBe(201);
    await server.call('POST', `/v1/sessions/${running.id}/close`, { token: agent });
    expect((await rate(running.id, agent, { score: 3 })).status).toBe(201);
  });

  it('refuses everyone else: managers above the holder (403), other agents, other customers', async () => {
    const id = await afterCall();
    const [otherCustomer, teamManager] = await Promise.all([
      server.customer(FIXTURE.otherAccessCode),
      server.login(FIXTURE.teamManagerEmail),
    ]);
    for (const token of [manager, teamManager, agent2, otherCustomer]) {
      const res = await rate(id, token, { score: 5 });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await counts()).toEqual({ ratings: 0, events: 0 });
  });

  it('bad input is a 400 naming the field, with nothing stored', async () => {
    const id = await afterCall();
    const bodies: [unknown, string][] = [
      [{ score: 0 }, 'score'],
      [{ score: 6 }, 'score'],
      [{ score: 2.5 }, 'score'],
      [{ score: '4' }, 'score'],
      [{}, 'score'],
      [{ score: 4, comment: 'x'.repeat(2001) }, 'comment'],
      [{ score: 4, comment: 'bad\u0000byte' }, 'comment'],
      [{ score: 4, comment: 42 }, 'comment'],
      [{ score: 4, stars: 4 }, ''],
    ];
    for (const [body, field] of bodies) {
      const res = await rate(id, customer, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      const problem = (await res.json()) as { errors?: { path: string }[] };
      if (field) expect(problem.errors?.some((e) => e.path.endsWith(field))).toBe(true);
    }
    expect((await rate(id, customer, 'not json')).status).toBe(400);
    expect(await counts()).toEqual({ ratings: 0, events: 0 });
    // 2000 characters is the limit, not over it.
    expect((await rate(id, customer, { score: 4, comment: 'y'.repeat(2000) })).status).toBe(201);
  });

  it('honours Idempotency-Key: a retry answers the first rating, another body with the key is 422', async () => {
    const id = await afterCall();
    const headers = { 'idempotency-key': 'rate-once' };
    const first = await rate(id, customer, { score: 4 }, headers);
    const retry = await rate(id, customer, { score: 4 }, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as Rating).id).toBe(((await first.json()) as Rating).id);
    expect((await rate(id, customer, { score: 1 }, headers)).status).toBe(422);
    expect(await counts()).toEqual({ ratings: 1, events: 1 });
  });

  it('two ratings by the same rater at once: one is stored, the other is 409', async () => {
    const id = await afterCall();
    const results = await Promise.all([rate(id, agent, { score: 5 }), rate(id, agent, { score: 1 })]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await counts()).toEqual({ ratings: 1, events: 1 });
  });

  it('announces rating.created: staff see every rating, the customer only their own', async () => {
    const id = await afterCall();
    const stream = (token: string) =>
      server.call('GET', '/v1/events', { token, headers: { 'last-event-id': '0' } });
    const ratings = (events: ParsedEvent[]) => events.filter((e) => e.event === 'rating.created');
    expect((await rate(id, agent, { score: 3, comment: 'Customer was patient.' })).status).toBe(201);
    expect((await rate(id, customer, { score: 5 })).status).toBe(201);
    const atManager = await readEvents(await stream(manager), (e) => ratings(e).length >= 2, 3_000);
    const atCustomer = await readEvents(await stream(customer), (e) => ratings(e).length >= 2, 1_000);
    const payload = (e: ParsedEvent) =>
      (JSON.parse(e.data) as { sessionId: string; data: { rating: Rating } }).data.rating;
    expect(ratings(atManager.events).map((e) => payload(e).by.kind)).toEqual(['staff', 'customer']);
    expect(ratings(atCustomer.events).map((e) => payload(e).by.kind)).toEqual(['customer']);
    expect(payload(ratings(atManager.events)[0]!).comment).toBe('Customer was patient.');
  });

  describe('integration tokens', () => {
    it('may neither rate nor read ratings (403)', async () => {
      const { seedCallers } = await import('../testing/callers.js');
      const tokens = await seedCallers(server);
      const id = await afterCall();
      for (const token of [tokens.integration!, tokens.integrationRead!]) {
        expect((await rate(id, token, { score: 5 })).status).toBe(403);
        expect((await server.call('GET', path(id), { token })).status).toBe(403);
      }
      expect(await counts()).toEqual({ ratings: 0, events: 0 });
    });
  });
});
