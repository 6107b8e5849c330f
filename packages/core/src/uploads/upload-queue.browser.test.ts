import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { filter, firstValueFrom, type Observable, Subject, timeout } from 'rxjs';
import { createSightline } from '../sdk/sightline.js';
import { captureFrame } from './capture-frame.js';
import { createIdbUploadStore } from './idb-store.js';
import type { UploadProgress, UploadRequest, UploadSender } from './types.js';
import { createUploadQueue, type UploadQueue } from './upload-queue.js';
import { xhrSender } from './xhr-sender.js';

// Real Chromium IndexedDB. The uploader is an in-page stand-in (named so in the test titles) until
// the server's screenshot endpoint exists; the last test uses the real endpoint once it does.

declare global {
  interface Window {
    SIGHTLINE_TEST_SERVER: string;
  }
}

const queues: UploadQueue[] = [];
const dbNames: string[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) q.stop();
  for (const name of dbNames.splice(0)) {
    await new Promise((r) => {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = req.onerror = req.onblocked = r;
    });
  }
});

function until<T>(source: Observable<T>, predicate: (value: T) => boolean, ms = 10_000): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(ms)));
}

/** A stand-in network: offline until told otherwise. */
function fakeNetwork() {
  let online = false;
  const online$ = new Subject<void>();
  return {
    isOnline: () => online,
    online$,
    goOnline() {
      online = true;
      online$.next();
    },
  };
}

/** A stand-in uploader: records requests, reports progress in steps, answers 201 (200 for a repeat). */
function standInUploader() {
  const requests: UploadRequest[] = [];
  const stored = new Set<string>();
  const send: UploadSender = async (request, onProgress) => {
    requests.push(request);
    for (const loaded of [25, 50, 75, 100]) {
      await new Promise((r) => setTimeout(r, 5));
      onProgress(loaded, 100);
    }
    const key = request.headers['idempotency-key'] ?? '';
    const status = stored.has(key) ? 200 : 201;
    stored.add(key);
    return { status, body: { id: key } };
  };
  return { requests, send };
}

async function pngOf(width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#0a84ff';
  ctx.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type: 'image/png' });
}

const meta = (id: string) => ({
  id,
  capturedAt: Date.now(),
  capturedBy: 'customer-1',
  width: 320,
  height: 240,
  annotations: [
    {
      id: `${id}-op-1`,
      screenshotId: id,
      author: 'customer-1',
      lamport: 1,
      kind: 'pen' as const,
      color: '#ff3b30',
      width: 0.01,
      points: [{ x: 0.5, y: 0.5 }],
    },
  ],
});

describe('upload queue in Chromium with real IndexedDB (VS-11, VS-15)', () => {
  it('with a stand-in uploader: persists offline, survives a reload, uploads once when back online, reports progress', async () => {
    const dbName = `uploads-test-${crypto.randomUUID()}`;
    dbNames.push(dbName);
    const network = fakeNetwork();
    const uploader = standInUploader();
    const image = await pngOf(320, 240);

    // First page: captured while offline.
    const before = createUploadQueue({
      baseUrl: 'https://api.test',
      getToken: () => 't',
      send: uploader.send,
      store: createIdbUploadStore(dbName),
      network,
    });
    queues.push(before);
    await before.start();
    expect(
      (await before.enqueueScreenshot({ sessionId: 'sess-1', image, meta: meta('shot-a') })).error,
    ).to.equal(undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(uploader.requests).to.have.length(0);
    const db = await openDB(dbName);
    const persisted = await db.get('items', 'screenshot:shot-a');
    db.close();
    expect(persisted.image).to.be.instanceOf(Blob);
    expect(persisted.image.size).to.equal(image.size);
    expect(persisted.meta.annotations).to.have.length(1);

    // "Reload": the old queue goes away, a new one over the same database starts.
    before.stop();
    const after = createUploadQueue({
      baseUrl: 'https://api.test',
      getToken: () => 't',
      send: uploader.send,
      store: createIdbUploadStore(dbName),
      network,
    });
    queues.push(after);
    const seen: UploadProgress[] = [];
    after.progressOf('screenshot:shot-a').subscribe((p) => p && seen.push(p));
    expect((await after.start()).data).to.equal(1);
    expect(seen.at(-1)?.status).to.equal('queued');

    network.goOnline();
    await until(after.progressOf('screenshot:shot-a'), (p) => p?.status === 'done');
    await new Promise((r) => setTimeout(r, 100));
    expect(uploader.requests).to.have.length(1);
    const form = uploader.requests[0]!.body as FormData;
    expect((form.get('image') as File).size).to.equal(image.size);
    expect(JSON.parse(form.get('meta') as string).id).to.equal('shot-a');
    const percents = seen.flatMap((p) => (p.status === 'uploading' ? [p.percent] : []));
    expect(percents).to.deep.equal([0, 25, 50, 75, 100]);
    const db2 = await openDB(dbName);
    expect(await db2.count('items')).to.equal(0);
    db2.close();
  });

  it('captureFrame grabs the frame at the camera’s resolution, not the displayed size', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const video = document.createElement('video');
    video.muted = true;
    video.style.width = '160px';
    video.srcObject = stream;
    document.body.append(video);
    await video.play();
    await new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
    const shot = await captureFrame(video, 'image/jpeg', 0.9);
    for (const t of stream.getTracks()) t.stop();
    video.remove();
    expect(shot.error).to.equal(undefined);
    expect([shot.data!.width, shot.data!.height]).to.deep.equal([video.videoWidth, video.videoHeight]);
    expect(shot.data!.width).to.be.greaterThan(160);
    const bitmap = await createImageBitmap(shot.data!.blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([shot.data!.width, shot.data!.height]);
    expect(shot.data!.blob.type).to.equal('image/jpeg');
    expect((await captureFrame(document.createElement('video'))).error?.code).to.equal('not-ready');
  });

  it('against the real server: uploads a screenshot once with XHR progress, and lists it with its ops', async () => {
    const base = window.SIGHTLINE_TEST_SERVER;
    const customer = createSightline({ baseUrl: base, accessCode: 'DEMO-0001', realtime: false });
    expect((await customer.ready).error).to.equal(undefined);
    const { data: session } = await customer.sessions.create({ reason: 'Screenshot upload test' });
    const dbName = `uploads-real-${crypto.randomUUID()}`;
    dbNames.push(dbName);
    const requests: UploadRequest[] = [];
    const queue = createUploadQueue({
      baseUrl: base,
      getToken: () => customer.token,
      store: createIdbUploadStore(dbName),
      send: (request, onProgress, signal) => {
        requests.push(request);
        return xhrSender(request, onProgress, signal);
      },
    });
    queues.push(queue);
    await queue.start();
    const id = crypto.randomUUID();
    const shotMeta = meta(id);
    await queue.enqueueScreenshot({ sessionId: session!.id, image: await pngOf(320, 240), meta: shotMeta });
    const seen: UploadProgress[] = [];
    queue.progressOf(`screenshot:${id}`).subscribe((p) => p && seen.push(p));
    const done = await until(
      queue.progressOf(`screenshot:${id}`),
      (p) => p?.status === 'done' || p?.status === 'failed',
    );
    expect(done, JSON.stringify(done)).to.include({ status: 'done' });
    expect(seen.some((p) => p.status === 'uploading' && p.percent === 100)).to.equal(true);

    // The same upload again (a retry after a lost answer) does not make a second screenshot.
    const again = await xhrSender(requests[0]!, () => {}, new AbortController().signal);
    expect(again.status).to.equal(200);
    const listed = await fetch(`${base}/v1/sessions/${session!.id}/screenshots`, {
      headers: { authorization: `Bearer ${customer.token}` },
    });
    const body = await listed.json();
    const items: { id: string; annotations?: unknown[] }[] = body.items ?? body;
    expect(items.filter((s) => s.id === id)).to.have.length(1);
    customer.destroy();
  });
});
