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

/**
 * Why a stream reads: `start` (the first read), `wake` (a notification, or a full page read just
 * before) or `timeout` (a heartbeat interval passed without a notification: a poll).
 */
export type Woke = 'start' | 'wake' | 'timeout';

/** The credential a stream runs on: when it expires, and whether it still holds. */
export interface StreamCaller {
  /** When the token expires; the stream ends then with a `token-expired` event. */
  expiresAt?: Date | undefined;
  /**
   * Asked before every read after the first, with why the stream woke: `false` (token revoked, user
   * deleted, code revoked…) ends the stream with a `revoked` event.
   */
  stillAllowed?: (woke: Woke) => Promise<boolean>;
  /** Called once when the stream ends, however it ends (the client left, expiry, shutdown). */
  onEnd?: (() => Promise<void>) | undefined;
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
 * exactly where the client stopped, also across restarts. With a `caller`, the stream ends when its
 * token expires (a `token-expired` event naming the last event id, so the client refreshes and
 * resumes), and the credentials are checked again on every wake, so a revoked token's stream ends at
 * once (a revocation notifies) and a reconnect gets 401. A notification that comes while the stream
 * reads wakes it right after, so a change committed between two reads is never slept through.
 */
export function streamRows(
  c: Context,
  services: Services,
  after: string,
  read: (after: string, woke: Woke) => Promise<StoredEvent[]>,
  caller?: StreamCaller,
): Response {
  return streamSSE(c, async (stream) => {
    const stop = new AbortController();
    const onShutdown = () => stop.abort();
    services.shutdown.addEventListener('abort', onShutdown, { once: true });
    stream.onAbort(() => stop.abort());
    let cursor = after;
    try {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: cursor }), retry: 2000 });
      let woke: Woke = 'start';
      const expiresAt = caller?.expiresAt?.getTime();
      const expired = () => expiresAt !== undefined && services.clock().getTime() >= expiresAt;
      const { notifier } = services.handle;
      while (!stop.signal.aborted) {
        if (expired()) {
          // The client refreshes its token and reconnects with Last-Event-ID: nothing is lost.
          await stream.writeSSE({
            event: 'token-expired',
            data: JSON.stringify({ reason: 'token-expired', lastEventId: cursor }),
          });
          return;
        }
        // Taken before the checks and the read: a notification during them wakes the wait below.
        const generation = notifier.generation;
        if (woke !== 'start' && caller?.stillAllowed && !(await caller.stillAllowed(woke))) {
          await stream.writeSSE({
            event: 'revoked',
            data: JSON.stringify({ reason: 'credentials-revoked' }),
          });
          return;
        }
        const batch = await read(cursor, woke);
        for (const row of batch) {
          cursor = row.id;
          if (row.visible)
            await stream.writeSSE({ id: row.id, event: row.event, data: JSON.stringify(row.data) });
          if (stop.signal.aborted) return;
        }
        if (batch.length > 0) {
          woke = 'wake';
          continue;
        }
        const untilExpiry =
          expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - services.clock().getTime();
        const why = await notifier.wait(
          Math.max(0, Math.min(services.config.heartbeatMs, untilExpiry)),
          stop.signal,
          generation,
        );
        if (why === 'timeout' && !expired()) await stream.write(': heartbeat\n\n');
        woke = why === 'timeout' ? 'timeout' : 'wake';
      }
    } finally {
      services.shutdown.removeEventListener('abort', onShutdown);
      await caller?.onEnd?.();
    }
  });
}
