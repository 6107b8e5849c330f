import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { filesIn } from '../testing/files.js';
import { createTestServer, FIXTURE, forEachBackend, type TestServer } from '../testing/harness.js';

type Shot = {
  id: string;
  sessionId: string;
  contentType: string;
  bytes: number;
  annotations: { id: string }[];
};
type ProblemBody = { status: number; code: string; errors?: { path: string; message: string }[] };

// A real 1×1 PNG, and a JPEG/WebP header (the server checks magic bytes, it does not decode).
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3, 4, 5]);
const MiB = 1024 * 1024;

/** All files under a folder, recursively (the blob store's files). */
forEachBackend('screenshots of a session (VS-11, VS-15)', (backend) => {
  let server: TestServer;
  let blobDir: string;
  let agent: string;
  let customer: string;
  let sessionId: string;
  beforeAll(async () => {
    blobDir = mkdtempSync(join(tmpdir(), 'sightline-blobs-'));
    server = await createTestServer(backend, { blobDir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(blobDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await server.reset();
    rmSync(blobDir, { recursive: true, force: true });
    agent = await server.login(FIXTURE.agentEmail);
    customer = await server.customer(FIXTURE.accessCode);
    // A running session of the demo device, assigned to the demo agent.
    sessionId = randomUUID();
    await server.handle.db
      .insertInto('sessions')
      .values({
        id: sessionId,
        organization_id: FIXTURE.organizationId,
        device_id: FIXTURE.deviceId,
        portal_id: FIXTURE.portalId,
        team_id: FIXTURE.heatingTeamId,
        assignee_ids: JSON.stringify([FIXTURE.agentId]),
        status: 'confirmed',
        reason: 'screenshots',
        ticket_links: '[]',
        recording_consent: null,
        cancel_reason: null,
        created_by_kind: 'customer',
        created_by_id: FIXTURE.deviceId,
      })
      .execute();
  });

  const op = (shotId: string, id: string, lamport = 1, extra: Record<string, unknown> = {}) => ({
    id,
    screenshotId: shotId,
    author: 'p_customer',
    lamport,
    kind: 'pen',
    color: '#ff3b30',
    width: 0.01,
    points: [{ x: 0.25, y: 0.5 }],
    ...extra,
  });
  const meta = (id: string, annotations: unknown[] = [], more: Record<string, unknown> = {}) => ({
    id,
    capturedAt: 1_750_000_000_000,
    capturedBy: 'p_customer',
    width: 320,
    height: 240,
    annotations,
    ...more,
  });

  async function upload(
    token: string | undefined,
    parts: { image?: Uint8Array | undefined; type?: string; meta?: unknown },
    options: { session?: string; key?: string | null } = {},
  ) {
    const form = new FormData();
    if (parts.image) {
      form.append('image', new Blob([parts.image], { type: parts.type ?? 'image/png' }), 'shot.png');
    }
    if (parts.meta !== undefined) {
      form.append('meta', typeof parts.meta === 'string' ? parts.meta : JSON.stringify(parts.meta));
    }
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    const metaId = (parts.meta as { id?: string } | undefined)?.id;
    if (options.key !== null && (options.key ?? metaId)) headers['idempotency-key'] = options.key ?? metaId!;
    return server.app.request(`/v1/sessions/${options.session ?? sessionId}/screenshots`, {
      method: 'POST',
      headers,
      body: form,
    });
  }
  const list = async (token = agent) => {
    const res = await server.call('GET', `/v1/sessions/${sessionId}/screenshots`, { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Shot[] }).items;
  };
  const annotate = (token: string, shotId: string, ops: unknown[]) =>
    server.call('POST', `/v1/sessions/${sessionId}/screenshots/${shotId}/annotations`, {
      token,
      body: { ops },
    });
  const events = async (type: string) =>
    server.handle.db
      .selectFrom('outbox')
      .select(['type', 'session_id', 'data'])
      .where('type', '=', type)
      .orderBy('id')
      .execute();

  it('uploads, lists with ops, serves the same bytes cacheably, and emits screenshot.saved', async () => {
    const res = await upload(customer, { image: PNG, meta: meta('shot-1', [op('shot-1', 'op-1')]) });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/sessions/${sessionId}/screenshots/shot-1`);
    const created = (await res.json()) as Shot;
    expect(created).toMatchObject({
      id: 'shot-1',
      sessionId,
      capturedAt: 1_750_000_000_000,
      capturedBy: 'p_customer',
      width: 320,
      height: 240,
      contentType: 'image/png',
      bytes: PNG.byteLength,
      annotations: [{ id: 'op-1', kind: 'pen' }],
    });
    expect(Date.parse((created as unknown as { createdAt: string }).createdAt)).toBeGreaterThan(0);

    // Both sides see it (VS-15).
    for (const token of [agent, customer]) expect(await list(token)).toEqual([created]);
    const one = await server.call('GET', `/v1/sessions/${sessionId}/screenshots/shot-1`, { token: agent });
    expect(await one.json()).toEqual(created);

    const image = await server.call('GET', `/v1/sessions/${sessionId}/screenshots/shot-1/image`, {
      token: agent,
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const etag = image.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(PNG);
    const again = await server.call('GET', `/v1/sessions/${sessionId}/screenshots/shot-1/image`, {
      token: customer,
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);

    const saved = await events('screenshot.saved');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      session_id: sessionId,
      data: { screenshot: { id: 'shot-1' }, opCount: 1 },
    });
    expect(filesIn(blobDir)).toHaveLength(1);

    const missing = await server.call('GET', `/v1/sessions/${sessionId}/screenshots/nope`, { token: agent });
    expect(missing.status).toBe(404);
  });

  it('a re-upload of the same screenshot is a 200 that merges new ops; another image under its id is a 409', async () => {
    const first = meta('shot-2', [op('shot-2', 'a', 1)]);
    expect((await upload(customer, { image: PNG, meta: first })).status).toBe(201);
    const replay = await upload(customer, { image: PNG, meta: first });
    expect(replay.status).toBe(200);
    // The other side uploads the same capture with more ops (its own and an overlapping one).
    const merged = await upload(agent, {
      image: PNG,
      meta: meta('shot-2', [op('shot-2', 'a', 1), op('shot-2', 'b', 2)]),
    });
    expect(merged.status).toBe(200);
    expect(((await merged.json()) as Shot).annotations.map((o) => o.id)).toEqual(['a', 'b']);
    const items = await list();
    expect(items).toHaveLength(1);
    expect(items[0]!.annotations.map((o) => o.id)).toEqual(['a', 'b']);

    const other = await upload(customer, { image: JPEG, type: 'image/jpeg', meta: first });
    expect(other.status).toBe(409);
    expect(((await other.json()) as ProblemBody).code).toBe('screenshot-exists');
    const otherMeta = await upload(customer, { image: PNG, meta: { ...first, width: 640 } });
    expect(otherMeta.status).toBe(409);
    expect(await list()).toHaveLength(1);
    expect(filesIn(blobDir)).toHaveLength(1);
    expect(await events('screenshot.saved')).toHaveLength(1);
    expect(await events('screenshot.annotated')).toHaveLength(1);
  });

  it('merges ops by id through the annotations route; replays are harmless (VS-11)', async () => {
    expect((await upload(customer, { image: JPEG, type: 'image/jpeg', meta: meta('s3') })).status).toBe(201);
    const ops = [op('s3', 'x', 3), op('s3', 'y', 1, { author: 'p_agent' })];
    const res = await annotate(agent, 's3', ops);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Shot).annotations.map((o) => o.id)).toEqual(['y', 'x']);
    expect((await annotate(agent, 's3', ops)).status).toBe(200);
    const erase = {
      id: 'z',
      screenshotId: 's3',
      author: 'p_customer',
      lamport: 4,
      kind: 'erase',
      targets: ['x'],
    };
    const more = await annotate(customer, 's3', [ops[0], erase]);
    expect(((await more.json()) as Shot).annotations.map((o) => o.id)).toEqual(['y', 'x', 'z']);
    // The upload path merges into the same set.
    await upload(customer, { image: JPEG, type: 'image/jpeg', meta: meta('s3', [op('s3', 'w', 9)]) });
    const [shot] = await list(customer);
    expect(shot!.annotations.map((o) => o.id)).toEqual(['y', 'x', 'z', 'w']);
    const annotated = await events('screenshot.annotated');
    expect(annotated.map((e) => e.data)).toEqual([
      { screenshotId: 's3', opIds: expect.arrayContaining(['x', 'y']) },
      { screenshotId: 's3', opIds: ['z'] },
      { screenshotId: 's3', opIds: ['w'] },
    ]);

    const bad = await annotate(agent, 's3', [{ ...op('s3', 'q'), color: 'red' }]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ProblemBody).errors?.[0]?.path).toBe('json.ops.0.color');
    const elsewhere = await annotate(agent, 's3', [op('other-shot', 'q')]);
    expect(elsewhere.status).toBe(400);
    const tooMany = await annotate(
      agent,
      's3',
      Array.from({ length: 501 }, (_, i) => ({ id: String(i) })),
    );
    expect([400, 413]).toContain(tooMany.status);
    expect((await annotate(agent, 'unknown', [op('unknown', 'q')])).status).toBe(404);
    expect((await list())[0]!.annotations).toHaveLength(4);
  });

  it('only participants upload or annotate; only those who may see the session read (VS-7, VS-15)', async () => {
    const m = meta('s4');
    const otherCustomer = await server.customer(FIXTURE.otherAccessCode);
    const unassigned = await server.login(FIXTURE.agent2Email);
    expect((await upload(undefined, { image: PNG, meta: m })).status).toBe(401);
    for (const token of [otherCustomer, unassigned]) {
      const res = await upload(token, { image: PNG, meta: m });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await upload(customer, { image: PNG, meta: m }, { session: 'no-such-session' })).status).toBe(
      404,
    );
    expect(await list()).toEqual([]);
    expect(filesIn(blobDir)).toEqual([]);

    expect((await upload(customer, { image: PNG, meta: m })).status).toBe(201);
    const base = `/v1/sessions/${sessionId}/screenshots`;
    for (const token of [otherCustomer, unassigned]) {
      for (const path of [base, `${base}/s4`, `${base}/s4/image`]) {
        expect((await server.call('GET', path, { token })).status).toBe(403);
      }
      expect((await annotate(token, 's4', [op('s4', 'n')])).status).toBe(403);
    }
    expect((await server.call('GET', base)).status).toBe(401);
    expect((await server.call('GET', `${base}/s4/image`)).status).toBe(401);
  });

  it('refuses bad uploads with a problem and stores nothing, not even a blob', async () => {
    const m = meta('s5', [op('s5', 'o')]);
    const cases: Array<[string, Promise<Response>, number, string?]> = [
      ['no image', upload(customer, { meta: m }), 400, 'form.image'],
      ['no meta', upload(customer, { image: PNG }), 400, 'form.meta'],
      [
        'wrong magic bytes',
        upload(customer, { image: new TextEncoder().encode('GIF89a....'), meta: m }),
        400,
        'form.image',
      ],
      [
        'declared png, content jpeg',
        upload(customer, { image: JPEG, type: 'image/png', meta: m }),
        400,
        'form.image',
      ],
      ['meta not JSON', upload(customer, { image: PNG, meta: '{"id":' }), 400, 'form.meta'],
      [
        'bad id',
        upload(customer, { image: PNG, meta: meta('no spaces allowed') }, { key: null }),
        400,
        'form.meta.id',
      ],
      ['too wide', upload(customer, { image: PNG, meta: { ...m, width: 9000 } }), 400, 'form.meta.width'],
      [
        'bad op',
        upload(customer, { image: PNG, meta: meta('s5', [{ ...op('s5', 'o'), points: [{ x: 2, y: 0 }] }]) }),
        400,
        'form.meta.annotations.0.points.0.x',
      ],
      [
        'op of another screenshot',
        upload(customer, { image: PNG, meta: meta('s5', [op('s6', 'o')]) }),
        400,
        'form.meta.annotations.0.screenshotId',
      ],
      [
        'key is not meta.id',
        upload(customer, { image: PNG, meta: m }, { key: 'other' }),
        400,
        'header.idempotency-key',
      ],
      ['image over 10 MiB', upload(customer, { image: oversized(10 * MiB + 1), meta: m }), 413],
      ['body over the upload limit', upload(customer, { image: oversized(12 * MiB), meta: m }), 413],
      [
        'not multipart',
        server.call('POST', `/v1/sessions/${sessionId}/screenshots`, { token: customer, body: m }),
        415,
      ],
    ];
    for (const [name, response, status, path] of cases) {
      const res = await response;
      expect(res.status, name).toBe(status);
      expect(res.headers.get('content-type'), name).toContain('application/problem+json');
      const body = (await res.json()) as ProblemBody;
      if (path)
        expect(
          body.errors?.map((e) => e.path),
          name,
        ).toContain(path);
    }
    expect(await list()).toEqual([]);
    expect(filesIn(blobDir)).toEqual([]);
    expect(await events('screenshot.saved')).toEqual([]);
  });

  it('keeps the 64 KiB JSON limit on every other route', async () => {
    const res = await server.call('POST', '/v1/sessions', {
      token: customer,
      body: { reason: 'x'.repeat(70 * 1024) },
    });
    expect(res.status).toBe(413);
    expect((await annotate(agent, 'any', [op('any', 'x', 1, { text: 'y'.repeat(70 * 1024) })])).status).toBe(
      413,
    );
  });
});

/** A PNG header followed by `size - 8` zero bytes. */
function oversized(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG.subarray(0, 8));
  return bytes;
}
