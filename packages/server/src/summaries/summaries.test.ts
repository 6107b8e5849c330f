import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SummarizerError } from '../summarizers/index.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { completedSession as completeThroughApi } from './testing/flow.js';

type SessionSummary = { state: string; reason: string | null; summary: Record<string, unknown> | null };

forEachBackend('AI summaries after a session (SI-1…SI-11)', (backend) => {
  let server: TestServer;
  let agent: string;
  let manager: string;
  let customer: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    [agent, manager, customer] = await Promise.all([
      server.login(FIXTURE.agentEmail),
      server.login(FIXTURE.managerEmail),
      server.customer(FIXTURE.accessCode),
    ]);
  });

  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;

  /** A customer request, confirmed, with chat both ways and a call, ended — all through the API. */
  const completedSession = (answer: 'granted' | 'denied' | null, reason?: string) =>
    completeThroughApi(server, { customer, agent }, { answer, ...(reason ? { reason } : {}) });

  const stateOf = (id: string, token = agent) =>
    json<SessionSummary>(server.call('GET', `/v1/sessions/${id}/summary`, { token }));
  const debits = async () =>
    (
      await server.handle.db
        .selectFrom('credit_ledger')
        .select('session_id')
        .where('type', '=', 'debit')
        .execute()
    ).map((r) => r.session_id);

  it('a completed session with the customer’s “allow” gets one summary and spends one credit (SI-3, SI-7, SI-11)', async () => {
    const id = await completedSession('granted');
    // Made right after the completing request, in the background.
    expect(['pending', 'generating', 'ready']).toContain((await stateOf(id)).state);
    await server.summaryWorker.drain();
    const state = await stateOf(id);
    expect(state).toMatchObject({ state: 'ready', reason: null });
    expect(state.summary).toMatchObject({
      sessionId: id,
      status: 'ready',
      title: 'Printer offline after router swap',
      issueType: 'connectivity',
      language: 'en',
      summarizer: 'builtin',
      session: { device: { id: FIXTURE.deviceId }, portal: { id: FIXTURE.portalId } },
    });
    expect(state.summary?.followUps).toContain('We will send a technician tomorrow to replace the cable.');
    expect(await debits()).toEqual([id]);
    // Running the jobs again changes nothing.
    await server.summaryWorker.drain();
    expect(await debits()).toEqual([id]);
  });

  it.each([
    ['denied', 'customer-denied'],
    [null, 'customer-no-answer'],
  ] as const)('the customer’s answer %s → not made, reason %s, no credit (SI-3)', async (answer, reason) => {
    const id = await completedSession(answer);
    await server.summaryWorker.drain();
    expect(await stateOf(id)).toMatchObject({ state: 'skipped', reason, summary: { status: 'skipped' } });
    expect(await debits()).toEqual([]);
  });

  it('no AI credits left → not made with the reason, nothing debited (SI-11)', async () => {
    // Ten sessions use up Premium's ten monthly credits; the eleventh finds none.
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push(await completedSession('granted', `Case ${i}`));
    await server.summaryWorker.drain();
    const states = await Promise.all(ids.map((id) => stateOf(id)));
    expect(states.filter((s) => s.state === 'ready')).toHaveLength(10);
    expect(states.filter((s) => s.state === 'skipped').map((s) => s.reason)).toEqual(['no-credits']);
    expect(await debits()).toHaveLength(10);
  });

  it('the team’s “log sessions” switch off (a session its team holds) → not made, with the reason (SI-1, SI-6)', async () => {
    await server.handle.db
      .updateTable('teams')
      .set({ settings: JSON.stringify({ logSessions: false }) })
      .where('id', '=', FIXTURE.fieldTeamId)
      .execute();
    const id = await completedSession('granted');
    await server.summaryWorker.drain();
    expect(await stateOf(id)).toMatchObject({ state: 'skipped', reason: 'user-not-logging' });
  });

  it('a summarizer that fails for good (a fake that throws — outside our system) → “failed”, no credit, the error kept on the job', async () => {
    let calls = 0;
    server.summaryWorker.stop();
    const { SummaryWorker } = await import('./worker.js');
    const failing = new SummaryWorker(
      server.services,
      {
        name: 'failing',
        async summarize() {
          calls++;
          throw new SummarizerError('model down', false);
        },
      },
      { leaseMs: 60_000, pollMs: 0 },
    );
    const id = await completedSession('granted');
    await failing.drain();
    expect(calls).toBe(1);
    expect(await stateOf(id)).toMatchObject({ state: 'failed', reason: 'generation-failed' });
    expect(await debits()).toEqual([]);
    const job = await server.handle.db
      .selectFrom('summary_jobs')
      .selectAll()
      .where('session_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', last_error: 'model down' });
  });

  describe('edit, export, delete (SI-8)', () => {
    async function ready() {
      const id = await completedSession('granted');
      await server.summaryWorker.drain();
      const { summary } = await stateOf(id);
      return { sessionId: id, summaryId: String(summary?.id) };
    }

    it('an edit keeps who and when; a stale ETag is 412 and changes nothing', async () => {
      const { summaryId } = await ready();
      const read = await server.call('GET', `/v1/summaries/${summaryId}`, { token: manager });
      const etag = read.headers.get('etag') as string;
      const edited = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
        token: manager,
        headers: { 'if-match': etag },
        body: { title: 'Drucker offline nach Routertausch', issueType: 'hardware' },
      });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({
        title: 'Drucker offline nach Routertausch',
        issueType: 'hardware',
        editedBy: { id: FIXTURE.managerId },
      });
      const stale = await server.call('PATCH', `/v1/summaries/${summaryId}`, {
        token: manager,
        headers: { 'if-match': etag },
        body: { title: 'Lost update' },
      });
      expect(stale.status).toBe(412);
      expect(
        (await json<{ title: string }>(server.call('GET', `/v1/summaries/${summaryId}`, { token: manager })))
          .title,
      ).toBe('Drucker offline nach Routertausch');
    });

    it('exports Markdown, JSON and a PDF that re-opens with its title', async () => {
      const { summaryId } = await ready();
      const md = await server.call('GET', `/v1/summaries/${summaryId}/export?format=md`, { token: manager });
      expect(md.headers.get('content-disposition')).toMatch(
        /attachment; filename="printer-offline-after-router-swap-.+\.md"/,
      );
      const text = await md.text();
      expect(text).toContain('# Printer offline after router swap');
      expect(text).toContain('## Steps taken');
      const asJson = await json<{ id: string }>(
        server.call('GET', `/v1/summaries/${summaryId}/export?format=json`, { token: manager }),
      );
      expect(asJson.id).toBe(summaryId);
      const pdf = await server.call('GET', `/v1/summaries/${summaryId}/export?format=pdf`, {
        token: manager,
      });
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      const doc = await PDFDocument.load(bytes);
      expect(doc.getTitle()).toBe('Printer offline after router swap');
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    });

    it('delete: the summary is gone (404), the session says deleted, the list no longer has it', async () => {
      const { sessionId, summaryId } = await ready();
      expect((await server.call('DELETE', `/v1/summaries/${summaryId}`, { token: manager })).status).toBe(
        204,
      );
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: manager })).status).toBe(404);
      expect((await stateOf(sessionId, manager)).state).toBe('deleted');
      const list = await json<{ items: unknown[] }>(server.call('GET', '/v1/summaries', { token: manager }));
      expect(list.items).toEqual([]);
    });

    it('permissions per role: agents view but may not edit, delete or export by default (SI-5)', async () => {
      const { summaryId } = await ready();
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: agent })).status).toBe(200);
      expect(
        (await server.call('PATCH', `/v1/summaries/${summaryId}`, { token: agent, body: { title: 'x' } }))
          .status,
      ).toBe(403);
      expect((await server.call('DELETE', `/v1/summaries/${summaryId}`, { token: agent })).status).toBe(403);
      expect((await server.call('GET', `/v1/summaries/${summaryId}/export`, { token: agent })).status).toBe(
        403,
      );
      expect((await server.call('GET', `/v1/summaries/${summaryId}`, { token: customer })).status).toBe(403);
    });
  });

  it('list filters, keyset pages and the overview per issue type and application (SI-7, SI-9)', async () => {
    for (let i = 0; i < 3; i++) await completedSession('granted', `Outlook cannot sign in ${i}`);
    await completedSession('granted', 'Printer offline');
    await server.summaryWorker.drain();
    const page1 = await json<{ items: { title: string }[]; nextCursor: string | null }>(
      server.call('GET', '/v1/summaries?limit=3', { token: manager }),
    );
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await json<{ items: { title: string }[]; nextCursor: string | null }>(
      server.call('GET', `/v1/summaries?limit=3&cursor=${page1.nextCursor}`, { token: manager }),
    );
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const found = await json<{ items: unknown[] }>(
      server.call('GET', '/v1/summaries?q=outlook', { token: manager }),
    );
    expect(found.items).toHaveLength(3);
    const overview = await json<{ total: number; issueTypes: { key: string; count: number }[] }>(
      server.call('GET', '/v1/summaries/overview', { token: manager }),
    );
    expect(overview.total).toBe(4);
    expect(overview.issueTypes.reduce((n, t) => n + t.count, 0)).toBe(4);
    expect((await server.call('GET', '/v1/summaries?cursor=bogus', { token: manager })).status).toBe(400);
  });
});
