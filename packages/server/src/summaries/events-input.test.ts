import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { readEvents } from '../testing/sse.js';
import { completedSession, type FlowTokens, flowTokens } from './testing/flow.js';

forEachBackend('Summary events and bad input (SI-5, SI-7, SI-8)', (backend) => {
  let server: TestServer;
  let tokens: FlowTokens;
  let manager: string;
  let sessionId: string;
  let summaryId: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
    tokens = await flowTokens(server);
    manager = await server.login(FIXTURE.managerEmail);
    sessionId = await completedSession(server, tokens);
    await server.runSummaryJobs();
    const row = await server.handle.db
      .selectFrom('summaries')
      .select('id')
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    summaryId = row.id;
  });
  afterAll(async () => server.close());

  /** The event types a caller's stream replays from the start. */
  async function streamed(token: string): Promise<string[]> {
    const res = await server.call('GET', '/v1/events', { token, headers: { 'last-event-id': '0' } });
    expect(res.status).toBe(200);
    const { events } = await readEvents(res, () => false, 600);
    return events.map((e) => e.event ?? '');
  }
  const setGrants = (agent: string[]) =>
    server.handle.db
      .updateTable('organizations')
      .set({
        summary_permissions: JSON.stringify({
          'team-manager': ['summaries.view', 'summaries.edit', 'summaries.export'],
          agent,
        }),
      })
      .where('id', '=', FIXTURE.organizationId)
      .execute();

  it('summary.created reaches staff holding summaries.view, never the customer or staff without it', async () => {
    expect(await streamed(manager)).toContain('summary.created');
    expect(await streamed(tokens.agent)).toContain('summary.created');
    const customer = await streamed(tokens.customer);
    expect(customer).toContain('session.changed');
    expect(customer.filter((t) => t.startsWith('summary.'))).toEqual([]);
    await setGrants([]);
    try {
      const agent = await streamed(tokens.agent);
      expect(agent).toContain('session.changed');
      expect(agent.filter((t) => t.startsWith('summary.'))).toEqual([]);
    } finally {
      await setGrants(['summaries.view']);
    }
  });

  it('a session that has not completed says not-applicable', async () => {
    const res = await server.call('POST', '/v1/sessions', {
      token: tokens.customer,
      body: { reason: 'Just asked' },
    });
    const { id } = (await res.json()) as { id: string };
    const state = await server.call('GET', `/v1/sessions/${id}/summary`, { token: manager });
    expect(await state.json()).toEqual({ state: 'not-applicable', reason: null, summary: null });
  });

  it.each([
    ['an unknown field', { title: 'ok', mood: 'happy' }],
    ['an empty title', { title: '   ' }],
    ['an issue type that does not exist', { issueType: 'weather' }],
    ['a step of the wrong type', { steps: [42] }],
    ['too many applications', { applications: Array.from({ length: 31 }, (_, i) => `App ${i}`) }],
  ])('PATCH with %s → 400 problem, nothing changed', async (_, body) => {
    const before = await server.handle.db
      .selectFrom('summaries')
      .selectAll()
      .where('id', '=', summaryId)
      .executeTakeFirstOrThrow();
    // With the current version: preconditions are checked before the body (428/412 first).
    const res = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
      token: manager,
      body,
      headers: { 'if-match': '*' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const after = await server.handle.db
      .selectFrom('summaries')
      .selectAll()
      .where('id', '=', summaryId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('PATCH without If-Match → 428, nothing changed; with * it applies', async () => {
    const path = `/v1/summaries/${summaryId}`;
    const missing = await server.call('PATCH', path, { token: manager, body: { title: 'Blind edit' } });
    expect(missing.status).toBe(428);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const read = (await (await server.call('GET', path, { token: manager })).json()) as { title: string };
    expect(read.title).not.toBe('Blind edit');
    const forced = await server.call('PATCH', path, {
      token: manager,
      headers: { 'if-match': '*' },
      body: { resolution: 'Printer restarted; prints over Wi-Fi again.' },
    });
    expect(forced.status).toBe(200);
  });

  it.each([
    ['/v1/summaries?limit=0'],
    ['/v1/summaries?limit=101'],
    ['/v1/summaries?from=yesterday'],
    ['/v1/summaries?issueType=weather'],
    ['/v1/summaries/overview?to=2026-13-01'],
  ])('GET %s → 400 problem', async (path) => {
    const res = await server.call('GET', path, { token: manager });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('export in a format that does not exist → 400; a summary id that does not exist → 404', async () => {
    const bad = await server.call('GET', `/v1/summaries/${summaryId}/export?format=docx`, { token: manager });
    expect(bad.status).toBe(400);
    const missing = await server.call('GET', '/v1/summaries/sum_nope/export?format=pdf', { token: manager });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('text search treats % and _ as letters', async () => {
    const hit = await server.call('GET', '/v1/summaries?q=printer', { token: manager });
    expect(((await hit.json()) as { items: unknown[] }).items).toHaveLength(1);
    for (const q of ['%25', '_', '%25printer%25']) {
      const res = await server.call('GET', `/v1/summaries?q=${q}`, { token: manager });
      expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    }
  });
});
