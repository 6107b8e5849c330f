import type { Problem } from '@sightline/api-client';
import {
  BehaviorSubject,
  distinctUntilChanged,
  map,
  type Observable,
  Subject,
  type Subscription,
} from 'rxjs';
import type { AnnotationOp } from '../ar/schemas.js';
import { clientProblem, type Result } from '../sdk/result.js';
import { createIdbUploadStore } from './idb-store.js';
import { classifyStatus, uploadBackoff } from './retry-policy.js';
import type {
  ScreenshotUploadMeta,
  UploadItem,
  UploadProgress,
  UploadRequest,
  UploadResponse,
  UploadSender,
  UploadStore,
} from './types.js';
import { xhrSender } from './xhr-sender.js';

/** Largest screenshot image the server accepts (the server enforces it too). */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** Whether the device is online, and a signal when it comes back (default: `navigator.onLine` and `online`). */
export interface NetworkStatus {
  isOnline(): boolean;
  readonly online$: Observable<unknown>;
}

/** Options of {@link createUploadQueue}. */
export interface UploadQueueOptions {
  /** The server's origin. */
  baseUrl: string;
  /** The bearer token, asked before every attempt (it may have been refreshed). */
  getToken: () => string | undefined;
  /** Default: `XMLHttpRequest` with upload progress. */
  send?: UploadSender;
  /** Default: IndexedDB database `sightline-uploads`. */
  store?: UploadStore;
  clock?: { now(): number };
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  network?: NetworkStatus;
  /** Delay before attempt `n + 1` after `n` failures (default: exponential with jitter, 1 s … 5 min). */
  backoff?: (attempt: number) => number;
  /** Makes the unique part of annotation items' keys (default `crypto.randomUUID()`). */
  newId?: () => string;
}

/** A screenshot to upload: its image, the session and its metadata with the annotations so far. */
export interface ScreenshotUpload {
  sessionId: string;
  image: Blob;
  meta: ScreenshotUploadMeta;
}

/**
 * Screenshots and their annotations on their way to the server (VS-11, VS-15). Everything is put
 * into IndexedDB before any attempt, uploaded oldest first, retried with backoff on network or server
 * trouble, resumed when the device comes back online and after a reload (`start()` re-reads the
 * database). Uploads are idempotent by the screenshot's id, so a retry never makes a duplicate.
 */
export interface UploadQueue {
  /** Every item's progress by key, then every change. */
  readonly progress$: Observable<ReadonlyMap<string, UploadProgress>>;
  /** One item's progress (`undefined` when unknown). */
  progressOf(key: string): Observable<UploadProgress | undefined>;
  /** Load what an earlier page left in the database and begin uploading. Call once. */
  start(): Promise<Result<number>>;
  /** Persist a captured screenshot, then upload it. Returns its key (`screenshot:<id>`). */
  enqueueScreenshot(upload: ScreenshotUpload): Promise<Result<string>>;
  /** Persist annotation ops added after a screenshot's upload (they wait for the screenshot itself). */
  enqueueAnnotations(input: {
    sessionId: string;
    screenshotId: string;
    ops: readonly AnnotationOp[];
  }): Promise<Result<string>>;
  /** Try every waiting item now, ignoring backoff (e.g. a "retry" button). */
  retryNow(): void;
  /** Forget an item (e.g. one that failed for good). */
  discard(key: string): Promise<void>;
  /** Stop uploading (an upload in flight is aborted and stays queued). Items stay in the database. */
  stop(): void;
}

function browserNetwork(): NetworkStatus {
  const online$ = new Subject<void>();
  globalThis.addEventListener?.('online', () => online$.next());
  return { isOnline: () => globalThis.navigator?.onLine ?? true, online$ };
}

const problemOf = (status: number, body: unknown): Problem =>
  typeof body === 'object' && body !== null && typeof (body as Problem).title === 'string'
    ? (body as Problem)
    : clientProblem('upload-refused', 'The server refused the upload', `HTTP ${status}`, status);

/**
 * Create the upload queue.
 * @example
 * const queue = createUploadQueue({ baseUrl, getToken: () => sightline.token });
 * await queue.start();
 * const shot = await captureFrame(video);
 * if (shot.data) await queue.enqueueScreenshot({ sessionId, image: shot.data.blob, meta });
 * queue.progressOf(`screenshot:${meta.id}`).subscribe(renderProgress);
 */
export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.send ?? xhrSender;
  const store = options.store ?? createIdbUploadStore();
  const clock = options.clock ?? { now: () => Date.now() };
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const network = options.network ?? browserNetwork();
  const backoff = options.backoff ?? uploadBackoff();
  const newId = options.newId ?? (() => crypto.randomUUID());

  const items = new Map<string, UploadItem>();
  const progress = new BehaviorSubject<ReadonlyMap<string, UploadProgress>>(new Map());
  let running = false;
  let stopped = false;
  let timer: unknown;
  let inFlight: AbortController | undefined;
  const subscriptions: Subscription[] = [];

  const report = (key: string, p: UploadProgress) => {
    const next = new Map(progress.getValue());
    next.set(key, p);
    progress.next(next);
  };
  const queued = (item: UploadItem): UploadProgress =>
    item.failed
      ? { status: 'failed', problem: item.failed }
      : { status: 'queued', attempts: item.attempts, nextAttemptAt: item.nextAttemptAt };

  const persist = async (item: UploadItem): Promise<Result<void>> => {
    try {
      await store.put(item);
    } catch (cause) {
      // Quota exceeded or storage blocked (private mode): say so; the item is still tried from memory.
      return { error: clientProblem('storage-failed', 'Could not store the upload', String(cause), 507) };
    }
    return { data: undefined };
  };

  /** An annotations item waits while its screenshot is still queued (the server needs it first). */
  const blockedBy = (item: UploadItem): UploadItem | undefined => {
    if (item.kind !== 'annotations') return undefined;
    return items.get(`screenshot:${item.screenshotId}`);
  };

  const nextDue = (now: number): { due?: UploadItem; wakeAt?: number } => {
    let wakeAt: number | undefined;
    const waiting = [...items.values()]
      .filter((i) => !i.failed)
      .sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
    for (const item of waiting) {
      if (blockedBy(item)) continue;
      if (item.nextAttemptAt <= now) return { due: item };
      wakeAt = Math.min(wakeAt ?? Number.POSITIVE_INFINITY, item.nextAttemptAt);
    }
    return wakeAt === undefined ? {} : { wakeAt };
  };

  const requestOf = (item: UploadItem): UploadRequest => {
    const token = options.getToken();
    const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const session = encodeURIComponent(item.sessionId);
    if (item.kind === 'screenshot') {
      const form = new FormData();
      const ext = item.image.type.split('/')[1] ?? 'png';
      form.append('image', item.image, `${item.meta.id}.${ext}`);
      form.append('meta', JSON.stringify(item.meta));
      return {
        method: 'POST',
        url: `${baseUrl}/v1/sessions/${session}/screenshots`,
        headers: { ...auth, 'idempotency-key': item.meta.id },
        body: form,
      };
    }
    return {
      method: 'POST',
      url: `${baseUrl}/v1/sessions/${session}/screenshots/${encodeURIComponent(item.screenshotId)}/annotations`,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ ops: item.ops }),
    };
  };

  const finish = async (item: UploadItem, response: unknown) => {
    items.delete(item.key);
    await store.delete(item.key).catch(() => undefined);
    report(item.key, { status: 'done', response });
  };

  const giveUp = async (item: UploadItem, problem: Problem) => {
    const failed = { ...item, failed: problem };
    items.set(item.key, failed);
    await persist(failed);
    report(item.key, { status: 'failed', problem });
    // Annotations of a screenshot the server refused cannot succeed either.
    if (item.kind === 'screenshot') {
      for (const other of items.values()) {
        if (other.kind === 'annotations' && other.screenshotId === item.screenshotId && !other.failed) {
          await giveUp(other, problem);
        }
      }
    }
  };

  const attempt = async (item: UploadItem) => {
    report(item.key, { status: 'uploading', percent: 0 });
    const controller = new AbortController();
    inFlight = controller;
    const response = await Promise.resolve()
      .then(() =>
        send(
          requestOf(item),
          (loaded, total) => {
            if (total > 0)
              report(item.key, {
                status: 'uploading',
                percent: Math.min(100, Math.round((loaded / total) * 100)),
              });
          },
          controller.signal,
        ),
      )
      // A sender that throws is treated like no answer: the item stays and is retried.
      .catch((): UploadResponse => ({ status: 0, body: undefined }));
    inFlight = undefined;
    if (stopped) return;
    switch (classifyStatus(response.status)) {
      case 'done':
        return finish(item, response.body);
      case 'give-up':
        return giveUp(item, problemOf(response.status, response.body));
      case 'retry': {
        const attempts = item.attempts + 1;
        const wait = Math.max(backoff(attempts), response.retryAfterMs ?? 0);
        const next = { ...item, attempts, nextAttemptAt: clock.now() + wait };
        items.set(item.key, next);
        await persist(next);
        report(item.key, queued(next));
      }
    }
  };

  const pump = async () => {
    if (running || stopped) return;
    running = true;
    try {
      for (;;) {
        if (stopped) return;
        if (timer !== undefined) {
          timers.clearTimeout(timer);
          timer = undefined;
        }
        // Offline for sure: wait for `online` rather than burn attempts (navigator.onLine can say
        // "online" on a dead network, never the other way round, so only trust a `false`).
        if (!network.isOnline()) return;
        const { due, wakeAt } = nextDue(clock.now());
        if (!due) {
          if (wakeAt !== undefined)
            timer = timers.setTimeout(() => void pump(), Math.max(0, wakeAt - clock.now()));
          return;
        }
        await attempt(due);
      }
    } finally {
      running = false;
    }
  };

  const wakeAll = () => {
    const now = clock.now();
    for (const [key, item] of items) {
      if (!item.failed && item.nextAttemptAt > now) items.set(key, { ...item, nextAttemptAt: now });
    }
    void pump();
  };

  subscriptions.push(network.online$.subscribe(() => wakeAll()));

  const add = async (item: UploadItem): Promise<Result<string>> => {
    if (stopped)
      return { error: clientProblem('queue-stopped', 'The upload queue is stopped', undefined, 409) };
    const existing = items.get(item.key);
    if (existing) return { data: item.key };
    const stored = await persist(item);
    items.set(item.key, item);
    report(item.key, queued(item));
    void pump();
    return stored.error ? stored : { data: item.key };
  };

  return {
    progress$: progress.asObservable(),
    progressOf: (key) =>
      progress.pipe(
        map((all) => all.get(key)),
        distinctUntilChanged(),
      ),
    async start() {
      let loaded: UploadItem[];
      try {
        loaded = await store.getAll();
      } catch (cause) {
        return {
          error: clientProblem('storage-failed', 'Could not read queued uploads', String(cause), 507),
        };
      }
      for (const item of loaded) {
        if (items.has(item.key)) continue;
        items.set(item.key, item);
        report(item.key, queued(item));
      }
      void pump();
      return { data: loaded.length };
    },
    async enqueueScreenshot({ sessionId, image, meta }) {
      if (!IMAGE_TYPES.has(image.type)) {
        return {
          error: clientProblem('unsupported-image', 'Screenshots must be PNG, JPEG or WebP', image.type, 415),
        };
      }
      if (image.size > MAX_SCREENSHOT_BYTES) {
        return {
          error: clientProblem(
            'image-too-large',
            'Screenshots may be at most 10 MB',
            String(image.size),
            413,
          ),
        };
      }
      const now = clock.now();
      return add({
        kind: 'screenshot',
        key: `screenshot:${meta.id}`,
        sessionId,
        screenshotId: meta.id,
        image,
        meta,
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
      });
    },
    async enqueueAnnotations({ sessionId, screenshotId, ops }) {
      const now = clock.now();
      return add({
        kind: 'annotations',
        key: `annotations:${screenshotId}:${newId()}`,
        sessionId,
        screenshotId,
        ops: [...ops],
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
      });
    },
    retryNow: wakeAll,
    async discard(key) {
      items.delete(key);
      await store.delete(key).catch(() => undefined);
      const next = new Map(progress.getValue());
      next.delete(key);
      progress.next(next);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      inFlight?.abort();
      for (const s of subscriptions) s.unsubscribe();
      store.close();
      progress.complete();
    },
  };
}
