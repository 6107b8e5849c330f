import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

forEachBackend('HTTP edge: problems, limits, idempotency, ETags (VS-2)', (backend) => {
  let server: TestServer;
  let agent: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
  });

  const countSessions = async () =>
    Number(
      (
        await server.handle.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function expectProblem(res: Response, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    return body;
  }

  describe('bad input is a problem and writes nothing', () => {
    const cases: Array<[string, string | unknown, number]> = [
      ['malformed JSON', '{"reason": "x"', 400],
      ['wrong type', { reason: 42 }, 400],
      ['missing field', { ticketLinks: [] }, 400],
      ['unknown field', { reason: 'x', priority: 'high' }, 400],
      ['bad URL in ticketLinks', { reason: 'x', ticketLinks: ['not a url'] }, 400],
      ['oversized body', { reason: 'x'.repeat(70 * 1024) }, 413],
    ];
    for (const [name, body, status] of cases) {
      it(name, async () => {
        const body400 = await expectProblem(
          await server.call('POST', '/v1/sessions', { token: customer, body }),
          status,
        );
        if (name === 'unknown field') expect(JSON.stringify(body400.errors)).toContain('priority');
        expect(await countSessions()).toBe(0);
      });
    }
    it('a body that is not JSON → 415', async () => {
      const res = await server.call('POST', '/v1/sessions', {
        token: customer,
        body: '{"reason":"x"}',
        headers: { 'content-type': 'text/plain' },
      });
      expect((await expectProblem(res, 415)).code).toBe('unsupported-media-type');
      expect(await countSessions()).toBe(0);
    });
    it('unknown routes and anonymous calls are problems too', async () => {
      await expectProblem(await server.call('GET', '/v1/nothing-here', { token: agent }), 404);
      await expectProblem(await server.call('GET', '/v1/sessions'), 401);
      await expectProblem(await server.call('GET', '/v1/sessions', { token: 'garbage' }), 401);
    });
  });

  it('refuses requests when the portal disallows them (VS-2)', async () => {
    const closed = await server.customer(FIXTURE.closedAccessCode);
    const body = await expectProblem(
      await server.call('POST', '/v1/sessions', { token: closed, body: { reason: 'help' } }),
      403,
    );
    expect(body.detail).toMatch(/does not accept/);
    expect(await countSessions()).toBe(0);
  });

  it('accepts recording consent only when the portal records (VS-1)', async () => {
    const ok = await server.call('POST', '/v1/sessions', {
      token: customer,
      body: { reason: 'x', recordingConsent: 'granted' },
    });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const consents = (await (
      await server.call('GET', `/v1/sessions/${id}/consents`, { token: agent })
    ).json()) as {
      items: unknown[];
    };
    expect(consents.items).toEqual([
      expect.objectContaining({
        kind: 'recording',
        decision: 'granted',
        by: expect.objectContaining({ kind: 'customer' }),
      }),
    ]);
    await server.handle.db
      .updateTable('portals')
      .set({ features: sql`features || '{"recording":"off"}'::jsonb` })
      .execute();
    await expectProblem(
      await server.call('POST', '/v1/sessions', {
        token: customer,
        body: { reason: 'x', recordingConsent: 'granted' },
      }),
      400,
    );
  });

  describe('Idempotency-Key', () => {
    const create = (key: string, reason: string) =>
      server.call('POST', '/v1/sessions', {
        token: customer,
        body: { reason },
        headers: { 'idempotency-key': key },
      });

    it('same key and body → same response, one session', async () => {
      const a = await create('k1', 'leak');
      const b = await create('k1', 'leak');
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(b.headers.get('idempotent-replayed')).toBe('true');
      expect(await b.json()).toEqual(await a.json());
      expect(await countSessions()).toBe(1);
    });
    it('same key, other body → 422 and nothing new', async () => {
      await create('k2', 'leak');
      await expectProblem(await create('k2', 'noise'), 422);
      expect(await countSessions()).toBe(1);
    });
    it('keys are per caller', async () => {
      await create('k3', 'leak');
      const other = await server.customer(FIXTURE.otherAccessCode);
      const res = await server.call('POST', '/v1/sessions', {
        token: other,
        body: { reason: 'leak' },
        headers: { 'idempotency-key': 'k3' },
      });
      expect(res.status).toBe(201);
      expect(await countSessions()).toBe(2);
    });
    it('a failed request releases its key', async () => {
      await expectProblem(await create('k4', ''), 400);
      expect((await create('k4', 'now valid')).status).toBe(201);
    });
    it('starting a call twice with one key starts one call', async () => {
      const { id } = (await (
        await server.call('POST', '/v1/sessions', {
          token: agent,
          body: { deviceId: FIXTURE.deviceId, reason: 'x' },
        })
      ).json()) as { id: string };
      const start = () =>
        server.call('POST', `/v1/sessions/${id}/calls`, {
          token: agent,
          headers: { 'idempotency-key': 'c1' },
        });
      const a = (await (await start()).json()) as { call: { id: string } };
      const b = (await (await start()).json()) as { call: { id: string } };
      expect(b.call.id).toBe(a.call.id);
      const session = (await (await server.call('GET', `/v1/sessions/${id}`, { token: agent })).json()) as {
        calls: unknown[];
      };
      expect(session.calls).toHaveLength(1);
    });
  });

  describe('ETag / If-Match', () => {
    it('a stale If-Match is refused with 412 and changes nothing; a fresh one applies', async () => {
      const created = await server.call('POST', '/v1/sessions', { token: customer, body: { reason: 'x' } });
      const { id } = (await created.json()) as { id: string };
      const etag = created.headers.get('etag')!;
      const read = await server.call('GET', `/v1/sessions/${id}`, { token: agent });
      expect(read.headers.get('etag')).toBe(etag);
      await expectProblem(
        await server.call('POST', `/v1/sessions/${id}/confirm`, {
          token: agent,
          headers: { 'if-match': '"99"' },
        }),
        412,
      );
      const unchanged = (await (await server.call('GET', `/v1/sessions/${id}`, { token: agent })).json()) as {
        status: string;
        version: number;
      };
      expect(unchanged).toMatchObject({ status: 'requested', version: 1 });
      const ok = await server.call('POST', `/v1/sessions/${id}/confirm`, {
        token: agent,
        headers: { 'if-match': etag },
      });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('etag')).toBe('"2"');
      await expectProblem(
        await server.call('POST', `/v1/sessions/${id}/cancel`, {
          token: agent,
          headers: { 'if-match': etag },
        }),
        412,
      );
    });
  });

  it('lists with filters and cursor pagination', async () => {
    for (let i = 0; i < 5; i++)
      await server.call('POST', '/v1/sessions', { token: customer, body: { reason: `r${i}` } });
    await server.call('POST', '/v1/sessions', {
      token: agent,
      body: { deviceId: FIXTURE.otherDeviceId, reason: 'staff' },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/v1/sessions?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await server.call('GET', q, { token: agent })).json()) as {
        items: Array<{ reason: string }>;
        nextCursor: string | null;
      };
      seen.push(...page.items.map((s) => s.reason));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['staff', 'r4', 'r3', 'r2', 'r1', 'r0']);
    const mine = (await (
      await server.call('GET', `/v1/sessions?assigneeId=${FIXTURE.agentId}`, { token: agent })
    ).json()) as { items: unknown[] };
    expect(mine.items).toHaveLength(1);
    const requested = (await (
      await server.call('GET', `/v1/sessions?status=requested&deviceId=${FIXTURE.deviceId}`, { token: agent })
    ).json()) as { items: unknown[] };
    expect(requested.items).toHaveLength(5);
    const customerView = (await (await server.call('GET', '/v1/sessions', { token: customer })).json()) as {
      items: unknown[];
    };
    expect(customerView.items).toHaveLength(5);
    await expectProblem(await server.call('GET', '/v1/sessions?status=bogus', { token: agent }), 400);
  });
});

describe('throttling of login and access-code attempts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', { authAttemptsPerMinute: 3 });
  });
  afterAll(async () => server.close());

  it('answers 429 with Retry-After after the limit, per identifier', async () => {
    const attempt = (email: string) =>
      server.call('POST', '/v1/auth/login', { body: { email, password: 'wrong' } });
    for (let i = 0; i < 3; i++) expect((await attempt(FIXTURE.agentEmail)).status).toBe(401);
    const limited = await attempt(FIXTURE.agentEmail);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect((await attempt(FIXTURE.managerEmail)).status).toBe(401);
    const code = (c: string) => server.call('POST', '/v1/auth/access-code', { body: { code: c } });
    for (let i = 0; i < 3; i++) expect((await code('WRONG-1')).status).toBe(401);
    expect((await code('WRONG-1')).status).toBe(429);
  });
});
