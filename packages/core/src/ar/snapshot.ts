import type { AnnotationOp, ArMessage } from './schemas.js';
import { MAX_OPS_PER_MESSAGE } from './schemas.js';
import type { ArState } from './state.js';

/** Budget for one `ar.annotate` message, well under the transports' 64 KiB data-message limit. */
const SNAPSHOT_BATCH_BYTES = 48 * 1024;

/**
 * The messages that bring a late or reconnecting side up to date: one `ar.snapshot` (markers with
 * their tombstones, screenshots, mirror), then every screenshot's ops in `ar.annotate` batches sized
 * to fit a data message. The receiver merges them, so sending them twice, or both ways, is harmless.
 * Live strokes are not included: they fade within seconds anyway.
 * @example
 * for (const message of snapshotMessages(store.getSnapshot(), true)) transport.send(message);
 */
export function snapshotMessages(state: ArState, requestReply: boolean): ArMessage[] {
  const entries = Object.values(state.screenshots);
  const messages: ArMessage[] = [
    {
      type: 'ar.snapshot',
      markers: Object.values(state.markers),
      screenshots: entries.map((e) => ({ screenshot: e.screenshot, open: e.open })),
      mirror: state.mirror,
      requestReply,
    },
  ];
  for (const entry of entries) {
    let batch: AnnotationOp[] = [];
    let bytes = 0;
    const flush = () => {
      if (batch.length) messages.push({ type: 'ar.annotate', screenshotId: entry.screenshot.id, ops: batch });
      batch = [];
      bytes = 0;
    };
    for (const op of Object.values(entry.ops)) {
      const size = JSON.stringify(op).length;
      if (batch.length >= MAX_OPS_PER_MESSAGE || bytes + size > SNAPSHOT_BATCH_BYTES) flush();
      batch.push(op);
      bytes += size;
    }
    flush();
  }
  return messages;
}
