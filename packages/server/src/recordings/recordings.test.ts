import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64, importDataKey, openRecording, sha256Hex } from '@sightline/core/recording';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { filesIn } from '../testing/files.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';
import { type Started, sealedRecording, sessionInCall, tus, uploadInTwo } from '../testing/recordings.js';

type Problem = { code: string; detail: string };
const MARKER = 'SIGHTLINE-PLAINTEXT-MARKER';
/** Stand-in media with a marker that must never appear at rest or in an answer. */
const media = (size: number) => {
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7) & 255);
  for (let at = 0; at + MARKER.length < size; at += 50_000) bytes.set(Buffer.from(MARKER), at);
  return bytes;
};

forEachBackend('recording with consent (VS-10, VS-15, MC-12, MC-13, MC-14)', (backend) => {
  let server: TestServer;
  let blobDir: string;
  let agent: string;
  let customer: string;
  let manager: string;
  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sightline-recordings-'));
    server = await createTestServer(backend, { blobDir, recordingMaxBytes: 2_000_000 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(blobDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await server.reset();
    rmSync(join(blobDir, 'recordings'), { recursive: true, force: true });
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    manager = await server.login(FIXTURE.managerEmail);
  });

  const start = (token: string, sessionId: string, callId: string) =>
    server.call('POST', `/v1/sessions/${sessionId}/recordings`, {
      token,
      body: { callId, mimeType: 'video/webm;codecs="vp8,opus"' },
    });
  const setPassphrase = (passphrase: string, currentPassphrase?: string) =>
    server.call('PUT', `/v1/portals/${FIXTURE.portalId}/replay-passphrase`, {
      token: manager,
      body: { password: FIXTURE.password, passphrase, ...(currentPassphrase ? { currentPassphrase } : {}) },
    });
  const replay = (id: string, passphrase?: string) =>
    server.call('POST', `/v1/recordings/${id}/replay`, {
      token: manager,
      body: passphrase === undefined ? {} : { passphrase },
    });
  /** Records, stops and uploads one recording; answers its id and what the recorder made. */
  async function record(plain = media(300_000)) {
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    const res = await start(agent, sessionId, callId);
    expect(res.status).toBe(201);
    const started = (await res.json()) as Started;
    const made = await sealedRecording(plain, started.encryption.publicKey);
    const stopped = await server.call('POST', `/v1/recordings/${started.recording.id}/stop`, {
      token: agent,
      body: made.stop,
    });
    expect(stopped.status).toBe(200);
    await uploadInTwo(server, agent, started.recording.id, made.sealed);
    return { id: started.recording.id, sessionId, made, plain, started };
  }
  async function openWith(id: string, passphrase?: string) {
    const res = await replay(id, passphrase);
    if (res.status !== 200) return { status: res.status, problem: (await res.json()) as Problem };
    const grant = (await res.json()) as { dataKey: string; contentUrl: string };
    const content = await server.call('GET', grant.contentUrl, { token: manager });
    const sealed = new Uint8Array(await content.arrayBuffer());
    const plain = await openRecording(await importDataKey(fromBase64(grant.dataKey)), sealed);
    return { status: 200, plain };
  }

  it('without consent nothing can be recorded or uploaded, and no byte is stored', async () => {
    const { sessionId, callId } = await sessionInCall(server, { agent, customer }, { consent: false });
    const res = await start(agent, sessionId, callId);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).code).toBe('recording-consent-required');
    // A crafted upload naming a recording that was never allowed to start.
    const crafted = await tus.create(server, agent, 'made-up-recording', 1000);
    expect(crafted.status).toBe(404);
    const list = await server.call('GET', `/v1/recordings?sessionId=${sessionId}`, { token: agent });
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
    expect(filesIn(blobDir)).toEqual([]);
  });

  it('the customer may not record; one recording runs at a time; a revoked consent refuses the next', async () => {
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    expect((await start(customer, sessionId, callId)).status).toBe(403);
    expect((await start(agent, sessionId, callId)).status).toBe(201);
    const again = await start(agent, sessionId, callId);
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe('recording-running');
    await server.call('POST', `/v1/sessions/${sessionId}/consents`, {
      token: customer,
      body: { kind: 'recording', decision: 'revoked' },
    });
    const other = await sessionInCall(server, { agent, customer }, { consent: false });
    expect((await start(agent, other.sessionId, other.callId)).status).toBe(403);
  });

  it('records, uploads in two parts and replays byte for byte; nothing readable at rest or in answers', async () => {
    expect((await setPassphrase('correct horse battery staple')).status).toBe(200);
    const { id, made, plain, started } = await record();
    expect(started.encryption.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(started.upload).toEqual({ endpoint: '/v1/recordings/uploads', maxBytes: 2_000_000 });
    const got = await server.call('GET', `/v1/recordings/${id}`, { token: agent });
    const wire = (await got.json()) as { status: string; bytes: number; sha256: string; protected: boolean };
    expect(wire).toMatchObject({ status: 'available', bytes: made.sealed.length, protected: true });
    expect(wire.sha256).toBe(made.stop.sha256);

    const wrong = await openWith(id, 'not the passphrase at all');
    expect(wrong.status).toBe(403);
    expect(wrong.problem?.code).toBe('wrong-passphrase');
    const right = await openWith(id, 'correct horse battery staple');
    expect(right.status).toBe(200);
    expect(await sha256Hex(right.plain!)).toBe(made.stop.sha256);
    expect(right.plain!.length).toBe(plain.length);

    for (const file of filesIn(blobDir)) expect(readFileSync(file).includes(MARKER)).toBe(false);
    const content = await server.call('GET', `/v1/recordings/${id}/content`, { token: manager });
    expect(Buffer.from(await content.arrayBuffer()).includes(MARKER)).toBe(false);
    const grant = await replay(id, 'correct horse battery staple');
    expect((await grant.text()).includes(MARKER)).toBe(false);
    // The passphrase and the unwrapped key are nowhere in the database.
    const keys = await server.handle.db.selectFrom('replay_keys').selectAll().execute();
    expect(JSON.stringify(keys)).not.toContain('correct horse');
  });

  it('byte ranges of the sealed file: 206 with Content-Range, 416 beyond the end', async () => {
    const { id, made } = await record(media(200_000));
    const part = await server.call('GET', `/v1/recordings/${id}/content`, {
      token: agent,
      headers: { range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${made.sealed.length}`);
    expect(Array.from(new Uint8Array(await part.arrayBuffer()))).toEqual(
      Array.from(made.sealed.subarray(100, 200)),
    );
    const beyond = await server.call('GET', `/v1/recordings/${id}/content`, {
      token: agent,
      headers: { range: `bytes=${made.sealed.length + 10}-` },
    });
    expect(beyond.status).toBe(416);
  });

  it('a changed passphrase opens the earlier recordings and the old one no longer does; removal protects nothing new', async () => {
    await setPassphrase('first passphrase 111');
    const before = await record();
    expect((await setPassphrase('second passphrase 222')).status).toBe(400);
    const wrongCurrent = await setPassphrase('second passphrase 222', 'not the first one');
    expect(wrongCurrent.status).toBe(403);
    expect((await setPassphrase('second passphrase 222', 'first passphrase 111')).status).toBe(200);
    expect((await openWith(before.id, 'first passphrase 111')).status).toBe(403);
    expect((await openWith(before.id, 'second passphrase 222')).status).toBe(200);
    // The media was not touched: the same file, the same checksum.
    const row = await server.handle.db
      .selectFrom('recordings')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(before.made.stop.sha256);

    const badPassword = await server.call(
      'POST',
      `/v1/portals/${FIXTURE.portalId}/replay-passphrase/remove`,
      {
        token: manager,
        body: { password: 'not my password' },
      },
    );
    expect(badPassword.status).toBe(403);
    const removed = await server.call('POST', `/v1/portals/${FIXTURE.portalId}/replay-passphrase/remove`, {
      token: manager,
      body: { password: FIXTURE.password },
    });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ protected: false, replayKeyId: null });
    const after = await record();
    expect(after.started.encryption.publicKey).toBeNull();
    expect((await openWith(after.id)).status).toBe(200);
    // The earlier recording stays bound to the passphrase that protected it.
    expect((await openWith(before.id)).status).toBe(400);
    expect((await openWith(before.id, 'second passphrase 222')).status).toBe(200);
  });

  it('wrong guesses are limited: 429 with Retry-After once over the limit', async () => {
    await setPassphrase('the real passphrase');
    const { id } = await record();
    // Another process on the same database with a tight limit: counters are shared.
    const limited = await server.replica({ authAttemptsPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.request(`/v1/recordings/${id}/replay`, {
          method: 'POST',
          headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
          body: JSON.stringify({ passphrase: `guess number ${i}` }),
        });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses.slice(0, 3)).toEqual([403, 403, 403]);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('uploads are checked: only the recorder, only once stopped, the announced size, the size limit (413)', async () => {
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    const started = (await (await start(agent, sessionId, callId)).json()) as Started;
    const id = started.recording.id;
    const early = await tus.create(server, agent, id, 1000);
    expect(early.status).toBe(409);
    const made = await sealedRecording(media(50_000), null);
    const tooBig = await server.call('POST', `/v1/recordings/${id}/stop`, {
      token: agent,
      body: { ...made.stop, bytes: 3_000_000 },
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as Problem).code).toBe('recording-too-large');
    await server.call('POST', `/v1/recordings/${id}/stop`, { token: agent, body: made.stop });
    const again = await server.call('POST', `/v1/recordings/${id}/stop`, { token: agent, body: made.stop });
    expect(again.status).toBe(200);
    expect((await tus.create(server, manager, id, made.sealed.length)).status).toBe(403);
    expect((await tus.create(server, agent, id, 3_000_000)).status).toBe(413);
    expect((await tus.create(server, agent, id, made.sealed.length + 1)).status).toBe(400);
    expect((await tus.create(server, customer, id, made.sealed.length)).status).toBe(403);
    await uploadInTwo(server, agent, id, made.sealed);
    expect((await tus.create(server, agent, id, made.sealed.length)).status).toBe(409);
  });

  it('a local-only portal never takes an upload; the recording says where it is (MC-12)', async () => {
    await server.handle.db
      .updateTable('portals')
      .set({ local_recordings_only: true })
      .where('id', '=', FIXTURE.portalId)
      .execute();
    const { sessionId, callId } = await sessionInCall(server, { agent, customer });
    const started = (await (await start(agent, sessionId, callId)).json()) as Started;
    expect(started.upload).toBeNull();
    expect(started.recording.storage).toBe('local');
    const made = await sealedRecording(media(10_000), null);
    const stopped = await server.call('POST', `/v1/recordings/${started.recording.id}/stop`, {
      token: agent,
      body: made.stop,
    });
    expect(((await stopped.json()) as { status: string }).status).toBe('local');
    const upload = await tus.create(server, agent, started.recording.id, made.sealed.length);
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as Problem).code).toBe('recording-local-only');
    expect((await replay(started.recording.id)).status).toBe(403);
    expect(filesIn(blobDir)).toEqual([]);
  });

  it('recording events reach both sides; recording.available is a webhook event with the link', async () => {
    const { id, sessionId } = await record(media(20_000));
    const rows = await server.handle.db
      .selectFrom('outbox')
      .select(['type', 'data'])
      .where('session_id', '=', sessionId)
      .where('type', 'like', 'recording.%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.type)).toEqual([
      'recording.started',
      'recording.stopped',
      'recording.available',
    ]);
    const { webhookEventsOf } = await import('../webhooks/events.js');
    const [hook] = webhookEventsOf(
      {
        id: '1',
        type: 'recording.available',
        data: rows[2]!.data as Record<string, unknown>,
        created_at: new Date(),
        session: { id: sessionId, portal_id: FIXTURE.portalId, team_id: null, ticket_links: [] },
      },
      'https://sightline.example',
    );
    expect(hook).toMatchObject({
      type: 'recording.available',
      data: { recordingId: id, links: { recording: `https://sightline.example/v1/recordings/${id}` } },
    });
  });

  it('deleting is for managers above the session; the file goes with it', async () => {
    const { id } = await record(media(20_000));
    expect((await server.call('DELETE', `/v1/recordings/${id}`, { token: agent })).status).toBe(403);
    expect((await server.call('DELETE', `/v1/recordings/${id}`, { token: manager })).status).toBe(204);
    expect((await server.call('GET', `/v1/recordings/${id}`, { token: manager })).status).toBe(404);
    expect(
      filesIn(join(blobDir, 'recordings')).filter((f) => f.includes(id) && !f.endsWith('.json')),
    ).toEqual([]);
  });
});
