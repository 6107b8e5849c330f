import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportScope } from '@sightline/core/domain';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runReport } from '../reports/queries.js';
import { filesIn } from '../testing/files.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Started, sealedRecording, sessionInCall, uploadInTwo } from '../testing/recordings.js';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T10:00:00Z');

forEachBackend('recordings at the end of retention (MC-14)', (backend) => {
  let server: TestServer;
  let blobDir: string;
  let now = T0;
  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sightline-recording-retention-'));
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
    rmSync(blobDir, { recursive: true, force: true });
  });

  /** Signs the manager in at the clock's time (tokens last an hour). */
  const signIn = async () => {
    const res = await server.call('POST', '/v1/auth/login', {
      body: { email: FIXTURE.managerEmail, password: FIXTURE.password },
    });
    return ((await res.json()) as { token: string }).token;
  };
  const sessionsCounted = async () => {
    const scope = reportScope(
      {
        kind: 'staff',
        organizationId: FIXTURE.organizationId,
        userId: 'x',
        role: 'company-manager',
        teamId: null,
        managedTeamIds: [],
      },
      [],
    )!;
    const rows = await runReport(server.handle.db, 'portal-performance', {
      scope,
      from: new Date(T0.getTime() - DAY),
      to: new Date(T0.getTime() + DAY),
      now,
    });
    return rows.reduce((n, r) => n + Number(r.sessions ?? 0), 0);
  };

  it('at day 91 the recording and its file are gone, a link to it says so, reports still count the session', async () => {
    const agent = await server.login(FIXTURE.agentEmail);
    const customer = await server.customer(FIXTURE.accessCode);
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    const started = (await (
      await server.call('POST', `/v1/sessions/${sessionId}/recordings`, {
        token: agent,
        body: { callId, mimeType: 'video/webm' },
      })
    ).json()) as Started;
    const id = started.recording.id;
    const made = await sealedRecording(new Uint8Array(90_000).fill(7), null);
    await server.call('POST', `/v1/recordings/${id}/stop`, { token: agent, body: made.stop });
    await uploadInTwo(server, agent, id, made.sealed);
    await server.call('POST', `/v1/sessions/${sessionId}/calls/${callId}/end`, { token: agent });
    expect(filesIn(join(blobDir, 'recordings')).length).toBeGreaterThan(0);
    const counted = await sessionsCounted();
    expect(counted).toBeGreaterThan(0);

    now = new Date(T0.getTime() + 89 * DAY);
    await server.retentionJob.run();
    const manager = await signIn();
    expect((await server.call('GET', `/v1/recordings/${id}`, { token: manager })).status).toBe(200);

    now = new Date(T0.getTime() + 91 * DAY);
    const first = await server.retentionJob.run();
    expect(first).toMatchObject({ ran: true, sessions: 1 });
    expect(filesIn(join(blobDir, 'recordings'))).toEqual([]);
    const token = await signIn();
    const gone = await server.call('GET', `/v1/recordings/${id}`, { token });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { code: string; detail: string }).detail).toMatch(/kept for 90 days/);
    expect((await server.call('POST', `/v1/recordings/${id}/replay`, { token, body: {} })).status).toBe(410);
    const list = await server.call('GET', '/v1/recordings', { token });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    const row = await server.handle.db
      .selectFrom('recordings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'purged', data_key: null, wrapped_data_key: null, sha256: null });
    expect(await sessionsCounted()).toBe(counted);
    // Idempotent: a second run finds nothing to do.
    expect(await server.retentionJob.run()).toMatchObject({ sessions: 0, blobs: 0 });
  });
});
