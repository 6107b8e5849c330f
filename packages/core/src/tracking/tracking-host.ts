import { createTracker, type Tracker } from './tracker.js';
import { clampBox, type GrayFrame, type NormalizedBox, type TrackerOptions } from './types.js';
import { type FromWorker, type MarkerUpdate, parseToWorker } from './worker-messages.js';

/**
 * The worker's logic without the worker: one tracker per marker id, fed by validated messages, so it
 * is tested in Node by calling `handle` directly. `post` sends a message back to the page.
 *
 * @example
 * const host = createTrackingHost((message) => self.postMessage(message));
 * self.onmessage = (event) => host.handle(event.data);
 */
export interface TrackingHost {
  handle(message: unknown): void;
}

/**
 * Creates a tracking host. A `track` message takes effect on the next frame (the box was drawn on what
 * the page showed, the next frame is the closest the worker has). Boxes in updates are clamped to the
 * frame, ready for the wire (`updateMarker` of the AR session).
 *
 * @example
 * const host = createTrackingHost((m) => posted.push(m));
 * host.handle({ type: 'track', markerId: 'm1', box: { x: 0.4, y: 0.4, width: 0.2, height: 0.2 } });
 */
export function createTrackingHost(
  post: (message: FromWorker) => void,
  options: TrackerOptions = {},
): TrackingHost {
  const trackers = new Map<string, Tracker>();
  const pending = new Map<string, NormalizedBox>();
  // Reused luma buffer for RGBA frames; gray frames are used in place.
  let gray = new Uint8Array(0);

  const toGray = (
    width: number,
    height: number,
    format: 'gray' | 'rgba',
    data: ArrayBuffer,
  ): GrayFrame | undefined => {
    const n = width * height;
    if (format === 'gray')
      return data.byteLength >= n ? { width, height, data: new Uint8Array(data, 0, n) } : undefined;
    if (data.byteLength < 4 * n) return undefined;
    if (gray.length !== n) gray = new Uint8Array(n);
    const rgba = new Uint8Array(data);
    // Integer BT.601 luma: (77 R + 150 G + 29 B) / 256.
    for (let i = 0, j = 0; i < n; i++, j += 4)
      gray[i] = (77 * rgba[j]! + 150 * rgba[j + 1]! + 29 * rgba[j + 2]!) >> 8;
    return { width, height, data: gray };
  };

  const handle = (message: unknown): void => {
    const m = parseToWorker(message);
    if (!m) {
      const id = (message as { markerId?: unknown } | null)?.markerId;
      post({
        type: 'rejected',
        markerId: typeof id === 'string' && id.length > 0 ? id.slice(0, 200) : '?',
        code: 'invalid-message',
        message: 'message does not match the tracking worker protocol',
      });
      return;
    }
    if (m.type === 'track') {
      pending.set(m.markerId, m.box);
      return;
    }
    if (m.type === 'remove') {
      pending.delete(m.markerId);
      trackers.delete(m.markerId);
      return;
    }
    const frame = toGray(m.width, m.height, m.format, m.data);
    const updates: MarkerUpdate[] = [];
    if (!frame) {
      post({ type: 'results', frameId: m.frameId, updates });
      return;
    }
    for (const [markerId, box] of pending) {
      const tracker = trackers.get(markerId) ?? createTracker(options);
      const started = tracker.init(frame, box);
      if (started.ok) {
        trackers.set(markerId, tracker);
        updates.push({ markerId, box: clampBox(box), angle: 0, confidence: 1, status: 'tracking' });
      } else {
        trackers.delete(markerId);
        post({ type: 'rejected', markerId, code: started.error.code, message: started.error.message });
      }
    }
    for (const [markerId, tracker] of trackers) {
      if (pending.has(markerId)) continue;
      const r = tracker.update(frame);
      updates.push({
        markerId,
        box: clampBox(r.box),
        angle: r.angle,
        confidence: r.confidence,
        status: r.status,
      });
    }
    pending.clear();
    post({ type: 'results', frameId: m.frameId, updates });
  };

  return { handle };
}
