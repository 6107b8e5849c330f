import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportScope } from '@sightline/core/domain';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type BlobStore, folderBlobStore } from '../blobs/store.js';
import { REPORT } from '../diagnostics/sample-report.js';
import { runReport } from '../reports/queries.js';
import { filesIn } from '../testing/files.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { RETENTION_LEASE, RetentionJob } from './job.js';
import { acquireLease } from './lease.js';

const DAY = 86_400_000;
const T0 = new Date('2026-01-10T09:00:00Z');
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
type ProblemBody = { status: number; type: string; code: string; detail: string };

forEachBackend('session data retention (MC-14)', (backend) => {
  let server: TestServer;
  let blobDir: string;
  let now = T0;
  let agent: string;
  let customer: string;
  let manager: string;
  /** Moves the clock; tokens last an hour, so every caller signs in again at the new time. */
  const at = async (days: number, ms = 0) => {
    now = new Date(T0.getTime() + days * DAY + ms);
    if (!server) return;
    [agent, customer, manager] = await Promise.all([
      signIn('/v1/auth/login', { email: FIXTURE.agentEmail, password: FIXTURE.password }),
      signIn('/v1/auth/access-code', { code: FIXTURE.accessCode }),
      signIn('/v1/auth/login', { email: FIXTURE.managerEmail, password: FIXTURE.password }),
    ]);
  };
  const signIn = async (path: string, body: unknown) => {
    const res = await server.call('POST', path, { body });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const job = (
    options: Partial<ConstructorParameters<typeof RetentionJob>[1]> = {},
    services = server.services,
  ) =>
    new RetentionJob(services, {
      blobs: folderBlobStore(blobDir),
      retentionDays: 90,
      intervalMs: 0,
      ...options,
    });

  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sightline-retention-'));
    server = await createTestServer(backend, { blobDir }, () => now);
  });
  afterAll(async () => {
    await server.close();
    rmSync(blobDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    now = T0;
    await server.reset();
    await server.handle.db.deleteFrom('job_leases').execute();
    await server.handle.db.deleteFrom('retention_blob_deletions').execute();
    rmSync(blobDir, { recursive: true, force: true });
    await at(0);
  });

  /** A session with every kind of data, closed on day 0 (50 minutes after it was requested). */
  async function fullSession(): Promise<{ id: string; callId: string }> {
    const call = (method: string, path: string, token: string, body?: unknown) =>
      server.call(method, path, { token, ...(body === undefined ? {} : { body }) });
    const created = await call('POST', '/v1/sessions', customer, {
      reason: 'Boiler shows E42 at Elm Street 7',
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    const s = `/v1/sessions/${id}`;
    expect(
      (await call('POST', `${s}/consents`, customer, { kind: 'recording', decision: 'granted' })).status,
    ).toBe(201);
    now = new Date(T0.getTime() + 60_000);
    expect((await call('POST', `${s}/confirm`, agent)).status).toBe(200);
    const started = await call('POST', `${s}/calls`, agent);
    expect(started.status).toBe(201);
    const callId = ((await started.json()) as { call: { id: string } }).call.id;
    expect(
      (await call('POST', `${s}/messages`, customer, { id: 'm1', text: 'Secret code 4711' })).status,
    ).toBe(201);
    const form = new FormData();
    form.append('image', new Blob([PNG], { type: 'image/png' }), 'shot.png');
    form.append(
      'meta',
      JSON.stringify({
        id: 'shot-1',
        capturedAt: T0.getTime(),
        capturedBy: 'p',
        width: 1,
        height: 1,
        annotations: [],
      }),
    );
    const shot = await server.app.request(`${s}/screenshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'idempotency-key': 'shot-1' },
      body: form,
    });
    expect(shot.status).toBe(201);
    expect((await call('POST', `${s}/calls/${callId}/diagnostics`, customer, REPORT)).status).toBe(201);
    now = new Date(T0.getTime() + 30 * 60_000);
    expect((await call('POST', `${s}/calls/${callId}/end`, agent)).status).toBe(200);
    expect(
      (await call('POST', `${s}/ratings`, customer, { score: 4, comment: 'Quick, thanks' })).status,
    ).toBe(201);
    await server.handle.db
      .insertInto('summaries')
      .values({
        id: randomUUID(),
        organization_id: FIXTURE.organizationId,
        session_id: id,
        status: 'ready',
        title: 'E42 at Elm Street',
      })
      // Completing the session may have queued its summary already.
      .onConflict((oc) =>
        oc.column('session_id').doUpdateSet({ status: 'ready', title: 'E42 at Elm Street' }),
      )
      .execute();
    now = new Date(T0.getTime() + 50 * 60_000);
    expect((await call('POST', `${s}/close`, agent)).status).toBe(200);
    return { id, callId };
  }

  const report = async (kind: 'portal-performance' | 'service-metrics' | 'customer-feedback') =>
    runReport(server.handle.db, kind, {
      scope: reportScope(
        {
          kind: 'staff',
          organizationId: FIXTURE.organizationId,
          userId: 'x',
          role: 'company-manager',
          teamId: null,
          managedTeamIds: [],
        },
        [],
      )!,
      from: new Date(T0.getTime() - DAY),
      to: new Date(T0.getTime() + DAY),
      now,
    });

  it('at day 91 everything of the session is gone, with its blob; the row reports count stays', async () => {
    const { id, callId } = await fullSession();
    const s = `/v1/sessions/${id}`;
    expect(filesIn(blobDir)).toHaveLength(1);
    const kept = (await (await server.call('GET', s, { token: agent })).json()) as Record<string, unknown>;
    const before = {
      portal: await report('portal-performance'),
      service: await report('service-metrics'),
      feedback: await report('customer-feedback'),
    };

    await at(89);
    expect(await job().run()).toEqual({ ran: true, sessions: 0, blobs: 0, batches: 0, more: false });
    expect((await server.call('GET', `${s}/messages`, { token: agent })).status).toBe(200);

    await at(91);
    expect(await job().run()).toEqual({ ran: true, sessions: 1, blobs: 1, batches: 1, more: false });
    expect(filesIn(blobDir)).toEqual([]);
    const { db } = server.handle;
    for (const table of [
      'session_messages',
      'screenshots',
      'summaries',
      'consents',
      'call_diagnostics',
    ] as const) {
      expect(
        await db.selectFrom(table).select('session_id').where('session_id', '=', id).execute(),
        table,
      ).toEqual([]);
    }
    expect(await db.selectFrom('outbox').select('id').where('session_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('signals').select('id').where('call_id', '=', callId).execute()).toEqual([]);

    // The session keeps what reports count, and says its data is gone.
    const session = await server.call('GET', s, { token: agent });
    expect(session.status).toBe(200);
    const wire = (await session.json()) as Record<string, unknown>;
    const { reason, ticketLinks, version, ...aggregates } = kept;
    expect(reason).toContain('E42');
    expect(wire).toMatchObject({
      ...aggregates,
      status: 'closed',
      reason: '',
      ticketLinks: [],
      portalId: FIXTURE.portalId,
      teamId: FIXTURE.heatingTeamId,
      version: Number(version) + 1,
      dataPurgedAt: now.toISOString(),
      calls: [{ id: callId, endedAt: new Date(T0.getTime() + 30 * 60_000).toISOString() }],
    });
    expect(JSON.stringify(wire)).not.toContain('E42');
    expect(await report('portal-performance')).toEqual(before.portal);
    expect(await report('service-metrics')).toEqual(before.service);
    const feedback = await report('customer-feedback');
    expect(feedback).toEqual(before.feedback.map((r) => ({ ...r, comments: 0 })));
    expect(feedback[0]).toMatchObject({ ratings: 1, score4: 1 });

    // Its data routes say it was kept 90 days — to those who may see the session.
    for (const path of [
      `${s}/messages`,
      `${s}/screenshots`,
      `${s}/screenshots/shot-1`,
      `${s}/screenshots/shot-1/image`,
      `${s}/summary`,
      `${s}/consents`,
      `${s}/diagnostics`,
    ]) {
      for (const token of [agent, manager]) {
        const res = await server.call('GET', path, { token });
        expect(res.status, path).toBe(410);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const problem = (await res.json()) as ProblemBody;
        expect(problem.type).toBe('https://sightline.dev/problems/retention-expired');
        expect(problem.detail).toContain('kept for 90 days');
      }
    }
    const posted = await server.call('POST', `${s}/calls/${callId}/diagnostics`, {
      token: customer,
      body: REPORT,
    });
    expect(posted.status).toBe(410);
    // Others learn nothing new: 403 in the organization, 404 outside it.
    const sales = await server.call('GET', `${s}/messages`, {
      token: await signIn('/v1/auth/access-code', { code: FIXTURE.otherAccessCode }),
    });
    expect(sales.status).toBe(403);
    const foreign = await server.call('GET', `${s}/messages`, {
      token: await signIn('/v1/auth/login', {
        email: FIXTURE.otherOrgManagerEmail,
        password: FIXTURE.password,
      }),
    });
    expect(foreign.status).toBe(404);

    // A second run finds nothing to do.
    expect(await job().run()).toEqual({ ran: true, sessions: 0, blobs: 0, batches: 0, more: false });
  });

  it('leaves sessions changed within the period alone, whatever their age', async () => {
    const { id } = await fullSession();
    await at(60);
    // Reopened on day 60: its 90 days start again.
    expect((await server.call('POST', `/v1/sessions/${id}/reopen`, { token: agent })).status).toBe(200);
    await at(120);
    expect((await job().run()).sessions).toBe(0);
    expect((await server.call('GET', `/v1/sessions/${id}/messages`, { token: agent })).status).toBe(200);
    await at(151);
    expect((await job().run()).sessions).toBe(1);
  });

  /** Sessions straight in the table, last changed `daysAgo` before now. */
  async function oldSessions(count: number, daysAgo: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await server.handle.db
      .insertInto('sessions')
      .values(
        ids.map((id, i) => ({
          id,
          organization_id: FIXTURE.organizationId,
          device_id: FIXTURE.deviceId,
          portal_id: FIXTURE.portalId,
          team_id: FIXTURE.heatingTeamId,
          assignee_ids: '[]',
          status: 'closed',
          reason: `old ${i}`,
          ticket_links: '[]',
          recording_consent: null,
          cancel_reason: null,
          created_by_kind: 'customer',
          created_by_id: FIXTURE.deviceId,
          created_at: new Date(now.getTime() - daysAgo * DAY - i * 1000),
          updated_at: new Date(now.getTime() - daysAgo * DAY - i * 1000),
        })),
      )
      .execute();
    return ids;
  }
  const purgedCount = async () =>
    (await server.handle.db.selectFrom('sessions').select('id').where('purged_at', 'is not', null).execute())
      .length;

  it('runs in batches and a stopped run is continued by the next', async () => {
    await at(200);
    await oldSessions(5, 95);
    await oldSessions(2, 10);
    expect(await job({ batchSize: 2, maxBatches: 1 }).run()).toMatchObject({
      sessions: 2,
      batches: 1,
      more: true,
    });
    expect(await purgedCount()).toBe(2);
    expect(await job({ batchSize: 2 }).run()).toMatchObject({ sessions: 3, batches: 2, more: false });
    expect(await purgedCount()).toBe(5);
  });

  it('one process at a time: a held lease stops a run; two processes never purge a session twice', async () => {
    await at(200);
    await oldSessions(6, 95);
    const { db } = server.handle;
    expect(await acquireLease(db, RETENTION_LEASE, 'another-process', now, 60_000)).toBe(true);
    expect(await job().run()).toEqual({ ran: false, sessions: 0, blobs: 0, batches: 0, more: false });
    expect(await purgedCount()).toBe(0);
    // The other process died: its lease runs out and this one takes over.
    await at(200, 61_000);
    expect((await job().run()).sessions).toBe(6);

    await oldSessions(6, 95);
    const replica = await server.replica();
    try {
      const runs = await Promise.all([
        job({ batchSize: 2 }).run(),
        job({ batchSize: 2 }, replica.services).run(),
      ]);
      expect(runs[0].sessions + runs[1].sessions).toBe(6);
      expect(await purgedCount()).toBe(12);
    } finally {
      await replica.close();
    }
  });

  it('a blob that cannot be deleted (failing store, simulated) is deleted by the next run', async () => {
    const { id } = await fullSession();
    const real = folderBlobStore(blobDir);
    const failing: BlobStore = { ...real, delete: async () => Promise.reject(new Error('disk unavailable')) };
    await at(91);
    expect(await job({ blobs: failing }).run()).toMatchObject({ sessions: 1, blobs: 0 });
    expect(filesIn(blobDir)).toHaveLength(1);
    expect((await server.call('GET', `/v1/sessions/${id}/screenshots`, { token: agent })).status).toBe(410);
    expect(await job().run()).toMatchObject({ sessions: 0, blobs: 1 });
    expect(filesIn(blobDir)).toEqual([]);
    expect(await server.handle.db.selectFrom('retention_blob_deletions').selectAll().execute()).toEqual([]);
  });

  it('the period is configuration', async () => {
    await at(200);
    const ids = await oldSessions(1, 31);
    expect((await job().run()).sessions).toBe(0);
    expect((await job({ retentionDays: 30 }).run()).sessions).toBe(1);
    const res = await server.call('GET', `/v1/sessions/${ids[0]}/messages`, { token: manager });
    expect(res.status).toBe(410);
  });
});
