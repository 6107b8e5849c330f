import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createMemoryUploadStore } from './idb-store.js';
import { classifyStatus, uploadBackoff } from './retry-policy.js';
import type { UploadItem, UploadProgress, UploadRequest, UploadResponse } from './types.js';
import { createUploadQueue } from './upload-queue.js';

/** A hand-driven clock, timers and network, and a stand-in uploader that answers from a script. */
function harness(answers: (number | UploadResponse)[] = []) {
  let now = 1_000;
  const pending: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  let online = true;
  const online$ = new Subject<void>();
  const requests: UploadRequest[] = [];
  const db = new Map<string, UploadItem>();
  const make = () =>
    createUploadQueue({
      baseUrl: 'https://api.test/',
      getToken: () => 'tok',
      store: createMemoryUploadStore(db),
      clock: { now: () => now },
      timers: {
        setTimeout: (fn, ms) => {
          pending.push({ at: now + ms, fn, id: ++nextId });
          return nextId;
        },
        clearTimeout: (id) => {
          const i = pending.findIndex((t) => t.id === id);
          if (i >= 0) pending.splice(i, 1);
        },
      },
      network: { isOnline: () => online, online$ },
      backoff: (n) => 1000 * 2 ** (n - 1),
      send: async (request, onProgress) => {
        requests.push(request);
        onProgress(50, 100);
        onProgress(100, 100);
        const a = answers.shift() ?? 201;
        return typeof a === 'number'
          ? { status: a, body: a < 300 ? { id: 'stored' } : { title: `HTTP ${a}`, status: a } }
          : a;
      },
    });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    db,
    requests,
    make,
    settle,
    async advance(ms: number) {
      now += ms;
      for (const t of pending.filter((t) => t.at <= now)) {
        pending.splice(pending.indexOf(t), 1);
        t.fn();
      }
      await settle();
    },
    setOnline(value: boolean) {
      online = value;
      if (value) online$.next();
    },
  };
}

const meta = {
  id: 'shot-1',
  capturedAt: 1,
  capturedBy: 'customer-1',
  width: 640,
  height: 480,
  annotations: [],
};
const image = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

function statuses(queue: ReturnType<ReturnType<typeof harness>['make']>, key: string) {
  const seen: UploadProgress['status'][] = [];
  queue.progressOf(key).subscribe((p) => {
    if (p && seen.at(-1) !== p.status) seen.push(p.status);
  });
  return seen;
}

describe('upload queue with a stand-in uploader (VS-11, VS-15)', () => {
  it('persists first, then uploads once as multipart with the screenshot id as idempotency key', async () => {
    const h = harness();
    const queue = h.make();
    await queue.start();
    const seen = statuses(queue, 'screenshot:shot-1');
    const r = await queue.enqueueScreenshot({ sessionId: 'sess 1', image, meta });
    expect(r.data).toBe('screenshot:shot-1');
    await h.settle();
    expect(h.requests).toHaveLength(1);
    const req = h.requests[0]!;
    expect(req.url).toBe('https://api.test/v1/sessions/sess%201/screenshots');
    expect(req.headers).toMatchObject({ 'idempotency-key': 'shot-1', authorization: 'Bearer tok' });
    const form = req.body as FormData;
    expect(JSON.parse(form.get('meta') as string)).toEqual(meta);
    expect((form.get('image') as File).type).toBe('image/png');
    expect(seen).toEqual(['queued', 'uploading', 'done']);
    expect(h.db.size).toBe(0);
  });

  it('waits while offline and uploads when the connection is back', async () => {
    const h = harness();
    h.setOnline(false);
    const queue = h.make();
    await queue.start();
    await queue.enqueueScreenshot({ sessionId: 's', image, meta });
    await h.advance(60_000);
    expect(h.requests).toHaveLength(0);
    expect(h.db.has('screenshot:shot-1')).toBe(true);
    h.setOnline(true);
    await h.settle();
    expect(h.requests).toHaveLength(1);
  });

  it('retries network failures, 408, 429 and 5xx with growing backoff, honouring Retry-After', async () => {
    const h = harness([0, 503, { status: 429, body: {}, retryAfterMs: 30_000 }, 201]);
    const queue = h.make();
    await queue.start();
    await queue.enqueueScreenshot({ sessionId: 's', image, meta });
    await h.settle();
    expect(h.requests).toHaveLength(1);
    await h.advance(999);
    expect(h.requests).toHaveLength(1);
    await h.advance(1);
    expect(h.requests).toHaveLength(2); // after 1 s
    await h.advance(2_000);
    expect(h.requests).toHaveLength(3); // after 2 s more
    await h.advance(29_999);
    expect(h.requests).toHaveLength(3); // Retry-After 30 s beats the 4 s backoff
    await h.advance(1);
    expect(h.requests).toHaveLength(4);
    expect(h.db.size).toBe(0);
  });

  it('stops retrying on a 4xx other than 408/429 and keeps the problem, also for its annotations', async () => {
    const h = harness([422]);
    const queue = h.make();
    await queue.start();
    await queue.enqueueScreenshot({ sessionId: 's', image, meta });
    const later = await queue.enqueueAnnotations({ sessionId: 's', screenshotId: 'shot-1', ops: [] });
    await h.advance(600_000);
    expect(h.requests).toHaveLength(1);
    let all = new Map<string, UploadProgress>();
    queue.progress$.subscribe((m) => {
      all = new Map(m);
    });
    expect(all.get('screenshot:shot-1')).toMatchObject({ status: 'failed', problem: { status: 422 } });
    expect(all.get(later.data!)).toMatchObject({ status: 'failed' });
    expect(h.db.get('screenshot:shot-1')?.failed?.status).toBe(422);
  });

  it('sends annotations added later only after their screenshot, as JSON', async () => {
    const h = harness([503, 201, 200]);
    const queue = h.make();
    await queue.start();
    await queue.enqueueScreenshot({ sessionId: 's', image, meta });
    const op = {
      id: 'op-1',
      screenshotId: 'shot-1',
      author: 'c',
      lamport: 1,
      kind: 'erase' as const,
      targets: ['x'],
    };
    await queue.enqueueAnnotations({ sessionId: 's', screenshotId: 'shot-1', ops: [op] });
    await h.settle();
    expect(h.requests.map((r) => r.url)).toEqual(['https://api.test/v1/sessions/s/screenshots']);
    await h.advance(1_000);
    expect(h.requests.map((r) => r.url.split('/v1/')[1])).toEqual([
      'sessions/s/screenshots',
      'sessions/s/screenshots',
      'sessions/s/screenshots/shot-1/annotations',
    ]);
    expect(JSON.parse(h.requests[2]!.body as string)).toEqual({ ops: [op] });
  });

  it('resumes after a reload: a new queue over the same store uploads what the old one left', async () => {
    const h = harness();
    h.setOnline(false);
    const first = h.make();
    await first.start();
    await first.enqueueScreenshot({ sessionId: 's', image, meta });
    first.stop();
    h.setOnline(true);
    expect(h.requests).toHaveLength(0);
    const second = h.make();
    expect((await second.start()).data).toBe(1);
    await h.settle();
    expect(h.requests).toHaveLength(1);
  });

  it('refuses images of the wrong type or over 10 MB before storing anything', async () => {
    const queue = harness().make();
    const gif = await queue.enqueueScreenshot({
      sessionId: 's',
      image: new Blob(['x'], { type: 'image/gif' }),
      meta,
    });
    expect(gif.error?.status).toBe(415);
    const huge = await queue.enqueueScreenshot({
      sessionId: 's',
      image: new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: 'image/jpeg' }),
      meta,
    });
    expect(huge.error?.status).toBe(413);
  });
});

describe('retry policy', () => {
  it('classifies statuses', () => {
    expect([200, 201, 0, 408, 429, 500, 503, 400, 401, 403, 404, 409, 413, 422].map(classifyStatus)).toEqual([
      'done',
      'done',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'give-up',
      'give-up',
      'give-up',
      'give-up',
      'give-up',
      'give-up',
      'give-up',
    ]);
  });

  it('backs off exponentially up to the cap', () => {
    const b = uploadBackoff({ random: () => 1 });
    expect([1, 2, 3, 10, 30].map(b)).toEqual([1_000, 2_000, 4_000, 300_000, 300_000]);
  });
});
