import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedSession } from '../summaries/testing/flow.js';
import { CALLER_FIXTURE, type CallerTokens, seedCallers } from '../testing/callers.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';

const TICKET = 'https://crm.example/tickets/4711';

forEachBackend('Integration tokens (SI-12)', (backend) => {
  let server: TestServer;
  let now = new Date('2030-01-01T00:00:00Z');
  let tokens: CallerTokens;
  let cm: string;
  let sessionId: string;
  let summaryId: string;
  const create = (body: unknown) => server.call('POST', '/v1/integrations/tokens', { token: cm, body });
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

  beforeAll(async () => {
    server = await createTestServer(backend, {}, () => now);
    tokens = await seedCallers(server);
    cm = tokens.companyManager as string;
    sessionId = await completedSession(
      server,
      { customer: tokens.customer as string, agent: tokens.agent as string },
      { ticketLinks: [TICKET] },
    );
    await server.runSummaryJobs();
    const made = await server.handle.db
      .selectFrom('summaries')
      .select(['id', 'status'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(made.status).toBe('ready');
    summaryId = made.id;
  });
  afterAll(async () => server.close());

  describe('create, list, revoke', () => {
    it('shows the secret once, stores only a hash, reads within its scopes, stops at once when revoked', async () => {
      const res = await create({ name: 'Acme CRM', scopes: ['summaries:read', 'sessions:read'] });
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const created = await json<{ id: string; token: string; status: string; scopes: string[] }>(res);
      expect(created.token).toMatch(/^sli_[0-9a-f]{18}_[A-Za-z0-9-]{43}$/);
      expect(created).toMatchObject({ status: 'active', scopes: ['summaries:read', 'sessions:read'] });
      const secret = created.token.split('_')[2] as string;
      const stored = await server.handle.db
        .selectFrom('integration_tokens')
        .select('token_hash')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toContain(secret);
      expect(
        JSON.stringify(await json(server.call('GET', '/v1/integrations/tokens', { token: cm }))),
      ).not.toContain(secret);

      const t = created.token;
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: t })).status).toBe(200);
      expect((await server.call('GET', `/v1/sessions/${sessionId}`, { token: t })).status).toBe(200);
      const current = await json<{ name: string; scopes: string[]; sessionId: null }>(
        server.call('GET', '/v1/me', { token: t }),
      );
      expect(current).toMatchObject({
        name: 'Acme CRM',
        scopes: ['summaries:read', 'sessions:read'],
        sessionId: null,
      });
      // Read scopes never write, and the outer gate closes everything unlisted.
      const patch = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
        token: t,
        body: { title: 'x' },
        headers: { 'if-match': '"1"' },
      });
      expect(patch.status).toBe(403);
      expect((await server.call('GET', '/v1/users', { token: t })).status).toBe(403);
      expect((await server.call('POST', '/v1/sessions', { token: t, body: { reason: 'x' } })).status).toBe(
        403,
      );

      // A stream of the token ends when it is revoked (the revocation wakes it), and it cannot reconnect.
      const stream = await server.call('GET', '/v1/events', { token: t });
      expect(stream.status).toBe(200);
      const reading = readEvents(stream, (events) => events.some((e) => e.event === 'revoked'), 5_000);
      await new Promise((r) => setTimeout(r, 100));
      expect(
        (await server.call('DELETE', `/v1/integrations/tokens/${created.id}`, { token: cm })).status,
      ).toBe(204);
      const { events } = await reading;
      expect(events.map((e) => e.event)).toContain('revoked');
      expect((await server.call('GET', '/v1/events', { token: t })).status).toBe(401);
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: t })).status).toBe(401);
      const list = await json<{ items: { id: string; status: string }[] }>(
        server.call('GET', '/v1/integrations/tokens', { token: cm }),
      );
      expect(list.items.find((i) => i.id === created.id)?.status).toBe('revoked');
      // Revoking twice is fine; an unknown id is 404.
      expect(
        (await server.call('DELETE', `/v1/integrations/tokens/${created.id}`, { token: cm })).status,
      ).toBe(204);
      expect((await server.call('DELETE', '/v1/integrations/tokens/nope', { token: cm })).status).toBe(404);
    });

    it('an expired token fails; bad input is a problem naming the field and stores nothing', async () => {
      const before = await server.handle.db.selectFrom('integration_tokens').select('id').execute();
      const bad = [
        [{ name: 'x', scopes: [] }, 'json.scopes'],
        [{ name: 'x', scopes: ['summaries:admin'] }, 'json.scopes.0'],
        [{ name: 'x', scopes: ['summaries:read', 'summaries:read'] }, 'json.scopes'],
        [{ name: '', scopes: ['summaries:read'] }, 'json.name'],
        [{ name: 'x', scopes: ['summaries:read'], expiresAt: '2029-01-01T00:00:00Z' }, 'json.expiresAt'],
        [{ name: 'x', scopes: ['summaries:read'], portalIds: ['nope'] }, 'json.portalIds.0'],
        // Another organization's portal is as unknown as a made-up one.
        [
          { name: 'x', scopes: ['summaries:read'], teamIds: [FIXTURE.heatingTeamId, 'team_x'] },
          'json.teamIds.1',
        ],
        [{ name: 'x', scopes: ['summaries:read'], extra: 1 }, 'json'],
      ] as const;
      for (const [body, path] of bad) {
        const res = await create(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const problem = await json<{ errors?: { path: string }[] }>(res);
        expect(problem.errors?.map((e) => e.path).join(' '), JSON.stringify(body)).toContain(path);
      }
      const after = await server.handle.db.selectFrom('integration_tokens').select('id').execute();
      expect(after.length).toBe(before.length);

      const soon = await json<{ token: string }>(
        create({ name: 'Short', scopes: ['summaries:read'], expiresAt: '2030-01-01T01:00:00Z' }),
      );
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: soon.token })).status).toBe(
        200,
      );
      now = new Date('2030-01-01T01:00:01Z');
      try {
        expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: soon.token })).status).toBe(
          401,
        );
      } finally {
        now = new Date('2030-01-01T00:00:00Z');
      }
    });
  });

  describe('limits and the ticket filter', () => {
    it('a token limited to another portal or team reaches none of these sessions; the ticket finds the summary', async () => {
      const heating = await json<{ token: string }>(
        create({
          name: 'Heating',
          scopes: ['summaries:read', 'sessions:read'],
          teamIds: [FIXTURE.fieldTeamId],
        }),
      );
      const found = await json<{ items: { id: string; session: { ticketLinks: string[] } }[] }>(
        server.call('GET', `/v1/summaries?ticket=${encodeURIComponent(TICKET)}`, { token: heating.token }),
      );
      expect(found.items.map((s) => s.id)).toEqual([summaryId]);
      const none = await json<{ items: unknown[] }>(
        server.call('GET', `/v1/summaries?ticket=${encodeURIComponent(`${TICKET}0`)}`, {
          token: heating.token,
        }),
      );
      expect(none.items).toEqual([]);
      const sessions = await json<{ items: { id: string }[] }>(
        server.call('GET', `/v1/sessions?ticket=${encodeURIComponent(TICKET)}`, { token: heating.token }),
      );
      expect(sessions.items.map((s) => s.id)).toEqual([sessionId]);

      const sales = await json<{ token: string }>(
        create({
          name: 'Sales',
          scopes: ['summaries:read', 'sessions:read'],
          teamIds: [CALLER_FIXTURE.salesTeamId],
        }),
      );
      const elsewhere = tokens.integrationElsewhere as string;
      for (const t of [sales.token, elsewhere]) {
        const list = await json<{ items: unknown[] }>(server.call('GET', '/v1/summaries', { token: t }));
        expect(list.items).toEqual([]);
        const sessionList = await json<{ items: unknown[] }>(
          server.call('GET', '/v1/sessions', { token: t }),
        );
        expect(sessionList.items).toEqual([]);
        expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: t })).status).toBe(403);
        expect((await server.call('GET', `/v1/sessions/${sessionId}`, { token: t })).status).toBe(403);
      }
    });
  });

  describe('exchange for one summary', () => {
    it('gives a short-lived token for that session only, never more than the caller holds, ended by revoking the caller', async () => {
      const writer = await json<{ id: string; token: string }>(
        create({ name: 'Acme CRM backend', scopes: ['summaries:write', 'sessions:read'] }),
      );
      const exchange = (token: string, body: unknown) =>
        server.call('POST', '/v1/integrations/tokens/exchange', { token, body });
      const res = await exchange(writer.token, { summaryId, scopes: ['summaries:write'], ttlSeconds: 600 });
      expect(res.status).toBe(200);
      const short = await json<{ token: string; expiresIn: number; sessionId: string; scopes: string[] }>(
        res,
      );
      expect(short).toMatchObject({ expiresIn: 600, sessionId, scopes: ['summaries:write'] });
      const t = short.token;

      const current = await json<{ sessionId: string; scopes: string[] }>(
        server.call('GET', '/v1/me', { token: t }),
      );
      expect(current).toMatchObject({ sessionId, scopes: ['summaries:write'] });
      const read = await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: t });
      expect(read.status).toBe(200);
      const one = await server.call('GET', `/v1/summaries/${summaryId}`, { token: t });
      const etag = one.headers.get('etag') as string;
      const body = await json<{ allowed: string[] }>(one);
      expect(body.allowed).toEqual(['summaries.edit', 'summaries.export']);
      // It did not get sessions:read, so the session itself stays closed.
      expect((await server.call('GET', `/v1/sessions/${sessionId}`, { token: t })).status).toBe(403);
      // An edit from the host app names the token.
      const edited = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
        token: t,
        body: { title: 'Printer fixed after router swap' },
        headers: { 'if-match': etag },
      });
      expect(edited.status).toBe(200);
      expect(await json<{ editedBy: { displayName: string } }>(edited)).toMatchObject({
        editedBy: { displayName: 'Acme CRM backend' },
      });
      // Only this session: another session of the same device is out of reach.
      const other = await completedSession(server, {
        customer: tokens.customer as string,
        agent: tokens.agent as string,
      });
      expect((await server.call('GET', `/v1/sessions/${other}/summary`, { token: t })).status).toBe(403);
      const list = await json<{ items: { sessionId: string }[] }>(
        server.call('GET', '/v1/summaries', { token: t }),
      );
      expect(list.items.every((s) => s.sessionId === sessionId)).toBe(true);
      // Never exchanged again, never beyond the caller.
      expect((await exchange(t, { sessionId })).status).toBe(403);
      const reader = tokens.integrationRead as string;
      expect((await exchange(reader, { sessionId, scopes: ['summaries:write'] })).status).toBe(403);
      expect((await exchange(reader, { sessionId: 'nope' })).status).toBe(404);
      expect((await exchange(tokens.integrationElsewhere as string, { sessionId })).status).toBe(404);
      expect((await exchange(reader, { sessionId, summaryId })).status).toBe(400);
      expect((await exchange(reader, { sessionId, ttlSeconds: 7200 })).status).toBe(400);
      expect((await exchange(cm, { sessionId })).status).toBe(403);
      // It expires…
      now = new Date(now.getTime() + 601_000);
      expect((await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: t })).status).toBe(401);
      now = new Date('2030-01-01T00:00:00Z');
      // …and ends with the token it came from.
      expect((await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: t })).status).toBe(200);
      await server.call('DELETE', `/v1/integrations/tokens/${writer.id}`, { token: cm });
      expect((await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: t })).status).toBe(401);
    });
  });

  describe('event streams', () => {
    it('summary events reach summaries:read tokens, session events only with sessions:read, chat never', async () => {
      const readOnly = tokens.integrationRead as string;
      const all = tokens.integration as string;
      const [a, b] = await Promise.all([
        server.call('GET', '/v1/events', { token: readOnly }),
        server.call('GET', '/v1/events', { token: all }),
      ]);
      // Each stream starts after the last event when its `ready` comes: the session is made only then.
      let ready = 0;
      let bothReady: () => void = () => undefined;
      const streamsReady = new Promise<void>((resolve) => {
        bothReady = resolve;
      });
      const seen = (res: Response) => {
        let started = false;
        return readEvents(
          res,
          (events) => {
            if (!started && events.some((e) => e.event === 'ready')) {
              started = true;
              if (++ready === 2) bothReady();
            }
            return events.some((e) => e.event === 'summary.created');
          },
          8_000,
        );
      };
      const [readSeen, allSeen] = [seen(a), seen(b)];
      await streamsReady;
      await completedSession(server, { customer: tokens.customer as string, agent: tokens.agent as string });
      await server.runSummaryJobs();
      const [r, w] = await Promise.all([readSeen, allSeen]);
      const kinds = (events: { event?: string }[]) => [...new Set(events.map((e) => e.event))];
      expect(kinds(r.events)).toEqual(['ready', 'summary.created']);
      expect(kinds(w.events)).toContain('session.created');
      expect(kinds(w.events)).toContain('session.changed');
      expect(kinds(w.events)).toContain('summary.created');
      expect(kinds(w.events)).not.toContain('message.created');
    });
  });
});
