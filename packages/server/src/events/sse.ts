import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/** One server-sent event read from a persistent, ordered table. */
export interface StoredEvent {
  /** The row id: monotonically increasing, used as the SSE `id` and for resuming. */
  id: string;
  event: string;
  data: unknown;
  /** False when the caller may not see it; the cursor still moves past it. */
  visible: boolean;
}

/** Parses `Last-Event-ID` (header, or `lastEventId` query for a first connection). */
export function resumeFrom(c: Context): string | undefined {
  const raw = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,18}$/.test(raw)) throw ProblemError.badRequest('Last-Event-ID must be an event id.');
  return raw;
}

/**
 * Streams rows of an ordered table as server-sent events: replays everything after `after`, then
 * waits for the notifier (or a heartbeat interval), and repeats until the client leaves or the server
 * stops. Because rows are read back from the database, a reconnect with `Last-Event-ID` continues
 * exactly where the client stopped, also across restarts. With `stillAllowed`, the caller's
 * credentials are checked again on every wake, so a revoked token's stream ends at once (a revocation
 * notifies) and a reconnect gets 401.
 */
export function streamRows(
  c: Context,
  services: Services,
  after: string,
  read: (after: string) => Promise<StoredEvent[]>,
  /** Asked before every read after the first: `false` (token revoked, user deleted…) ends the stream. */
  stillAllowed?: () => Promise<boolean>,
): Response {
  return streamSSE(c, async (stream) => {
    const stop = new AbortController();
    const onShutdown = () => stop.abort();
    services.shutdown.addEventListener('abort', onShutdown, { once: true });
    stream.onAbort(() => stop.abort());
    let cursor = after;
    try {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: cursor }), retry: 2000 });
      let first = true;
      while (!stop.signal.aborted) {
        if (!first && stillAllowed && !(await stillAllowed())) {
          await stream.writeSSE({
            event: 'revoked',
            data: JSON.stringify({ reason: 'credentials-revoked' }),
          });
          return;
        }
        first = false;
        const batch = await read(cursor);
        for (const row of batch) {
          cursor = row.id;
          if (row.visible)
            await stream.writeSSE({ id: row.id, event: row.event, data: JSON.stringify(row.data) });
          if (stop.signal.aborted) return;
        }
        if (batch.length > 0) continue;
        const why = await services.handle.notifier.wait(services.config.heartbeatMs, stop.signal);
        if (why === 'timeout') await stream.write(': heartbeat\n\n');
      }
    } finally {
      services.shutdown.removeEventListener('abort', onShutdown);
    }
  });
}
