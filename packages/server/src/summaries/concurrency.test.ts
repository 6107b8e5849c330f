import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createSummarizer, type Summarizer, SummarizerError } from '../summarizers/index.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { completedSession, debitedSessions, type FlowTokens, flowTokens } from './testing/flow.js';
import { SummaryWorker } from './worker.js';

/** The built-in summarizer, slowed down so that many workers are inside it at once. */
function slowBuiltin(ms: number): Summarizer & { calls: number } {
  const builtin = createSummarizer({ llm: undefined });
  const slow = {
    name: builtin.name,
    calls: 0,
    async summarize(...args: Parameters<Summarizer['summarize']>) {
      slow.calls++;
      await new Promise((r) => setTimeout(r, ms));
      return builtin.summarize(...args);
    },
  };
  return slow;
}

forEachBackend('Summary jobs under concurrency, reopening and regeneration (SI-7, SI-11)', (backend) => {
  let server: TestServer;
  let tokens: FlowTokens;
  let manager: string;
  beforeAll(async () => {
    server = await createTestServer(backend);
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    await server.reset();
    tokens = await flowTokens(server);
    manager = await server.login(FIXTURE.managerEmail);
  });

  const summaries = (sessionId: string) =>
    server.handle.db.selectFrom('summaries').selectAll().where('session_id', '=', sessionId).execute();
  const events = async (sessionId: string) =>
    (
      await server.handle.db
        .selectFrom('outbox')
        .select('type')
        .where('session_id', '=', sessionId)
        .where('type', 'like', 'summary.%')
        .orderBy('id')
        .execute()
    ).map((e) => e.type);

  it('20 workers whose leases run out at once all summarize one session: one summary, one debit, one event', async () => {
    server.summaryWorker.stop();
    const sessionId = await completedSession(server, tokens);
    const slow = slowBuiltin(40);
    // A lease of 0 ms: every worker may take the job over from the others while they generate.
    const workers = Array.from(
      { length: 20 },
      () => new SummaryWorker(server.services, slow, { leaseMs: 0, pollMs: 0 }),
    );
    await Promise.all(workers.map((w) => w.drain()));
    expect(slow.calls).toBeGreaterThan(1);
    const rows = await summaries(sessionId);
    expect(rows.map((r) => r.status)).toEqual(['ready']);
    expect(await debitedSessions(server)).toEqual([sessionId]);
    expect(await events(sessionId)).toEqual(['summary.created']);
  });

  it('20 concurrent “end call” requests complete the session once and queue one job', async () => {
    server.summaryWorker.stop();
    const post = (token: string, path: string, body?: unknown) =>
      server.call('POST', path, { token, ...(body ? { body } : {}) });
    const { id } = (await (
      await post(tokens.customer, '/v1/sessions', { reason: 'Printer offline' })
    ).json()) as { id: string };
    await post(tokens.customer, `/v1/sessions/${id}/consents`, { kind: 'summary', decision: 'granted' });
    await post(tokens.agent, `/v1/sessions/${id}/confirm`);
    const { call } = (await (await post(tokens.agent, `/v1/sessions/${id}/calls`)).json()) as {
      call: { id: string };
    };
    const ends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(i % 2 ? tokens.agent : tokens.customer, `/v1/sessions/${id}/calls/${call.id}/end`),
      ),
    );
    expect(ends.filter((r) => r.status < 300).length).toBeGreaterThanOrEqual(1);
    expect(ends.every((r) => r.status < 300 || r.status === 409)).toBe(true);
    const jobs = await server.handle.db.selectFrom('summary_jobs').selectAll().execute();
    expect(jobs.map((j) => [j.session_id, j.status])).toEqual([[id, 'pending']]);
    await Promise.all(Array.from({ length: 20 }, () => server.runSummaryJobs()));
    expect((await summaries(id)).map((r) => r.status)).toEqual(['ready']);
    expect(await debitedSessions(server)).toEqual([id]);
  });

  /** Reopens a completed session, holds another call and ends it: the session completes again. */
  async function completeAgain(sessionId: string) {
    const post = (path: string) => server.call('POST', path, { token: tokens.agent });
    expect((await post(`/v1/sessions/${sessionId}/reopen`)).status).toBe(200);
    const { call } = (await (await post(`/v1/sessions/${sessionId}/calls`)).json()) as {
      call: { id: string };
    };
    expect((await post(`/v1/sessions/${sessionId}/calls/${call.id}/end`)).status).toBeLessThan(300);
  }

  it('a reopened session that completes again is summarized again: same summary, new version, no second credit', async () => {
    const sessionId = await completedSession(server, tokens);
    await server.runSummaryJobs();
    const [first] = await summaries(sessionId);
    await server.call('POST', `/v1/sessions/${sessionId}/messages`, {
      token: tokens.customer,
      body: { id: 'c9', text: 'The scanner on the same printer fails too.' },
    });
    await completeAgain(sessionId);
    await server.runSummaryJobs();
    const rows = await summaries(sessionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first?.id, status: 'ready', version: (first?.version ?? 0) + 1 });
    expect(await debitedSessions(server)).toEqual([sessionId]);
    expect(await events(sessionId)).toEqual(['summary.created', 'summary.updated']);
  });

  it('a summary someone edited is kept when the reopened session completes again', async () => {
    const sessionId = await completedSession(server, tokens);
    await server.runSummaryJobs();
    const [row] = await summaries(sessionId);
    const read = await server.call('GET', `/v1/summaries/${row?.id}`, { token: manager });
    const edited = await server.call('PATCH', `/v1/summaries/${row?.id}`, {
      token: manager,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
      body: { title: 'Printer: cable to be replaced' },
    });
    expect(edited.status).toBe(200);
    await completeAgain(sessionId);
    await server.runSummaryJobs();
    const [after] = await summaries(sessionId);
    expect(after).toMatchObject({ title: 'Printer: cable to be replaced', edited_by: FIXTURE.managerId });
    expect(await debitedSessions(server)).toEqual([sessionId]);
    const jobs = await server.handle.db.selectFrom('summary_jobs').select('status').execute();
    expect(jobs.map((j) => j.status)).toEqual(['done']);
  });

  it('a summarizer failing for a while (a fake that throws — outside our system) is retried with growing delays, then succeeds: one summary, one debit', async () => {
    server.summaryWorker.stop();
    const sessionId = await completedSession(server, tokens);
    const builtin = createSummarizer({ llm: undefined });
    let failures = 2;
    const flaky: Summarizer = {
      name: builtin.name,
      async summarize(input, signal) {
        if (failures-- > 0) throw new SummarizerError('model busy', true);
        return builtin.summarize(input, signal);
      },
    };
    let now = Date.now();
    const services = { ...server.services, clock: () => new Date(now) };
    const worker = new SummaryWorker(services, flaky, { leaseMs: 60_000, pollMs: 0 });
    const job = () =>
      server.handle.db
        .selectFrom('summary_jobs')
        .selectAll()
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow();
    await worker.drain();
    const first = await job();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, last_error: 'model busy' });
    const firstDelay = new Date(first.run_after).getTime() - now;
    // Not due yet: running again does nothing.
    await worker.drain();
    expect((await job()).attempts).toBe(1);
    now += firstDelay;
    await worker.drain();
    const second = await job();
    expect(second).toMatchObject({ status: 'pending', attempts: 2 });
    expect(new Date(second.run_after).getTime() - now).toBe(firstDelay * 2);
    const state = await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: manager });
    expect(((await state.json()) as { state: string }).state).toBe('generating');
    now += firstDelay * 2;
    await worker.drain();
    expect(await job()).toMatchObject({ status: 'done', attempts: 3 });
    expect((await summaries(sessionId)).map((r) => r.status)).toEqual(['ready']);
    expect(await debitedSessions(server)).toEqual([sessionId]);
  });

  it('a session seen as generating while the job runs (GET /v1/sessions/{id}/summary)', async () => {
    server.summaryWorker.stop();
    const sessionId = await completedSession(server, tokens);
    const state = async () =>
      (
        (await (
          await server.call('GET', `/v1/sessions/${sessionId}/summary`, { token: manager })
        ).json()) as {
          state: string;
        }
      ).state;
    expect(await state()).toBe('pending');
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const builtin = createSummarizer({ llm: undefined });
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const worker = new SummaryWorker(
      server.services,
      {
        name: builtin.name,
        async summarize(input, signal) {
          entered();
          await gate;
          return builtin.summarize(input, signal);
        },
      },
      { leaseMs: 60_000, pollMs: 0 },
    );
    const running = worker.drain();
    await inside;
    expect(await state()).toBe('generating');
    release();
    await running;
    expect(await state()).toBe('ready');
  });

  // Only PostgreSQL has two connections at once; PGlite runs one transaction after the other.
  if (backend === 'postgres')
    it('a summary row inserted by another connection while the job finishes: the job waits for it and updates it, no duplicate key', async () => {
      server.summaryWorker.stop();
      // Denied: the job finishes with `skipped` and writes no `generating` row first, so when it
      // starts there is no summary row.
      const sessionId = await completedSession(server, tokens, { answer: 'denied' });
      expect(await summaries(sessionId)).toEqual([]);
      let commit: () => void = () => {};
      const committing = new Promise<void>((r) => {
        commit = r;
      });
      let inserted: () => void = () => {};
      const written = new Promise<void>((r) => {
        inserted = r;
      });
      // Another writer's summary row, not committed until the job is seen waiting on it.
      const other = server.handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('summaries')
          .values({
            id: 'sum_other',
            organization_id: FIXTURE.organizationId,
            session_id: sessionId,
            status: 'failed',
            reason: 'generation-failed',
          })
          .execute();
        inserted();
        await committing;
      });
      await written;
      const worker = new SummaryWorker(server.services, createSummarizer({ llm: undefined }), {
        leaseMs: 60_000,
        pollMs: 0,
      });
      const running = worker.drain();
      for (let waited = 0; ; waited += 20) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where wait_event_type = 'Lock' and query ilike 'insert into "summaries"%'`.execute(
          server.handle.db,
        );
        if (rows[0]!.n > 0) break;
        if (waited > 20_000) throw new Error('the job never waited on the other summary row');
        await new Promise((r) => setTimeout(r, 20));
      }
      commit();
      await other;
      await running;
      const job = await server.handle.db
        .selectFrom('summary_jobs')
        .select(['status', 'last_error'])
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'done', last_error: null });
      const rows = await summaries(sessionId);
      expect(rows.map((r) => [r.id, r.status, r.reason])).toEqual([
        ['sum_other', 'skipped', 'customer-denied'],
      ]);
      expect(await events(sessionId)).toEqual(['summary.created']);
    });
});
