import { type Observable, Subject } from 'rxjs';
import type { GrayFrame, NormalizedBox } from './types.js';
import { type MarkerUpdate, parseFromWorker, type ToWorker } from './worker-messages.js';

/** The part of `Worker` the client uses; a fake in tests, a real `Worker` in the browser. */
export interface TrackingWorkerPort {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  terminate(): void;
}

/** A marker the worker could not track (bad box or frame), or a message it refused. */
export interface TrackingRejection {
  readonly markerId: string;
  readonly code: 'invalid-box' | 'invalid-frame' | 'invalid-message';
  readonly message: string;
}

/**
 * Options for {@link createTrackingWorker}.
 *
 * @example
 * createTrackingWorker({ worker: () => new Worker(workerUrl, { type: 'module' }) });
 */
export interface TrackingWorkerOptions {
  /**
   * Starts the worker. Default: `tracking-worker.js` next to this module as a module worker — the
   * `new Worker(new URL(…, import.meta.url))` form that bundlers (Vite, webpack, esbuild plugins) follow.
   */
  readonly worker?: () => TrackingWorkerPort;
}

/**
 * Marker tracking off the main thread.
 *
 * @example
 * const tracking = createTrackingWorker();
 * tracking.results$.subscribe((u) => renderMarker(u));
 * tracking.track('m1', { x: 0.4, y: 0.4, width: 0.2, height: 0.2 });
 * tracking.push(frame); // false when dropped because the worker is still busy
 */
export interface TrackingWorker {
  /** One update per marker per processed frame. */
  readonly results$: Observable<MarkerUpdate>;
  /** Markers the worker refused (their box or frame was unusable). */
  readonly rejections$: Observable<TrackingRejection>;
  /** Callback form of `results$`; returns the unsubscribe function. */
  onResult(listener: (update: MarkerUpdate) => void): () => void;
  /** Starts (or restarts) tracking `markerId` from `box` (normalized) on the next pushed frame. */
  track(markerId: string, box: NormalizedBox): void;
  /** Stops tracking a marker. */
  remove(markerId: string): void;
  /**
   * Sends a frame and transfers its buffer (the caller must not reuse `frame.data`). Returns false and
   * sends nothing while the worker is still on the previous frame: frames are dropped, never queued, so
   * the markers follow the live video instead of falling behind it.
   */
  push(frame: GrayFrame): boolean;
  /** True while a pushed frame has not been answered. */
  busy(): boolean;
  terminate(): void;
}

/** The part of the Trusted Types API used here (not in every TypeScript DOM library yet). */
interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
let workerUrlPolicy: ScriptUrlPolicy | undefined;

/**
 * The worker's script URL as a Trusted Types `TrustedScriptURL`, through the policy `sightline`, so
 * the worker starts on pages that enforce Trusted Types (`require-trusted-types-for 'script'`, with
 * `sightline` among their `trusted-types`). The policy passes only this worker's own URL. `undefined`
 * without Trusted Types.
 */
function trustedWorkerUrl(url: URL): string | undefined {
  const tt = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): ScriptUrlPolicy } })
    .trustedTypes;
  if (!tt) return undefined;
  workerUrlPolicy ??= tt.createPolicy('sightline', {
    createScriptURL: (value: string) => {
      if (value !== url.href) throw new TypeError(`Not the tracking worker's URL: ${value}`);
      return value;
    },
  });
  return workerUrlPolicy.createScriptURL(url.href) as string;
}

const defaultWorker = (): TrackingWorkerPort => {
  const trusted = trustedWorkerUrl(new URL('./tracking-worker.js', import.meta.url));
  return (trusted
    ? new Worker(trusted, { type: 'module' })
    : new Worker(new URL('./tracking-worker.js', import.meta.url), {
        type: 'module',
      })) as unknown as TrackingWorkerPort;
};

/**
 * Starts the tracking worker and returns its page-side handle.
 *
 * @example
 * const tracking = createTrackingWorker();
 * const stop = trackVideo(video, tracking);
 * tracking.track('valve', { x: 0.45, y: 0.3, width: 0.1, height: 0.12 });
 */
export function createTrackingWorker(options: TrackingWorkerOptions = {}): TrackingWorker {
  const worker = (options.worker ?? defaultWorker)();
  const results = new Subject<MarkerUpdate>();
  const rejections = new Subject<TrackingRejection>();
  let inFlight: number | undefined;
  let nextFrameId = 1;
  let terminated = false;

  worker.addEventListener('message', (event) => {
    const message = parseFromWorker(event.data);
    if (!message) return; // not ours: ignore rather than trust it
    if (message.type === 'rejected') {
      rejections.next({ markerId: message.markerId, code: message.code, message: message.message });
      return;
    }
    if (message.frameId === inFlight) inFlight = undefined;
    for (const update of message.updates) results.next(update);
  });

  return {
    results$: results.asObservable(),
    rejections$: rejections.asObservable(),
    onResult(listener) {
      const sub = results.subscribe(listener);
      return () => sub.unsubscribe();
    },
    track(markerId, box) {
      if (!terminated) worker.postMessage({ type: 'track', markerId, box: { ...box } }, []);
    },
    remove(markerId) {
      if (!terminated) worker.postMessage({ type: 'remove', markerId }, []);
    },
    push(frame) {
      if (terminated || inFlight !== undefined) return false;
      inFlight = nextFrameId++;
      // A view into a larger buffer cannot be transferred on its own: copy it out first.
      const whole = frame.data.byteOffset === 0 && frame.data.byteLength === frame.data.buffer.byteLength;
      const data = (whole ? frame.data : frame.data.slice()).buffer as ArrayBuffer;
      worker.postMessage(
        { type: 'frame', frameId: inFlight, width: frame.width, height: frame.height, format: 'gray', data },
        [data],
      );
      return true;
    },
    busy: () => inFlight !== undefined,
    terminate() {
      terminated = true;
      worker.terminate();
      results.complete();
      rejections.complete();
    },
  };
}
