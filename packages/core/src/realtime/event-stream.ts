import { BehaviorSubject, distinctUntilChanged, Observable, Subject } from 'rxjs';
import { createSseParser, type ServerSentEvent } from './sse-parser';

/** Where a stream stands: the first connection, open, waiting to reconnect after a drop, or closed for good. */
export const StreamStatus = {
  connecting: 'connecting',
  open: 'open',
  reconnecting: 'reconnecting',
  closed: 'closed',
} as const;
export type StreamStatus = (typeof StreamStatus)[keyof typeof StreamStatus];

/** Why a stream closed for good: the caller closed it, or the server refused it (401/403/404 …). */
export interface StreamClosed {
  reason: 'closed-by-client' | 'refused';
  status?: number;
  detail?: string;
}

export interface EventStreamOptions {
  url: string;
  /** Sent as a bearer token; called before every (re)connection so a refreshed token is used. */
  getToken?: () => string | undefined | Promise<string | undefined>;
  /** Resume after this event id (sent as `Last-Event-ID`). */
  lastEventId?: string;
  /**
   * Gets a fresh token when the server ends the stream with `token-expired`, or answers 401: the
   * stream then reconnects at once with `Last-Event-ID`. Resolves `false` when no fresh token can be
   * had (the stream then closes as refused).
   */
  refreshToken?: () => Promise<boolean>;
  fetch?: typeof fetch;
  /** First reconnection delay; doubles per failed attempt up to `maxRetryMs`. A server `retry:` overrides it. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Injected timer, so tests need not wait. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export interface EventStream {
  events$: Observable<ServerSentEvent>;
  status$: Observable<StreamStatus>;
  /** Set once the stream has closed for good. */
  closed$: Observable<StreamClosed>;
  readonly lastEventId: string | undefined;
  close(): void;
}

/**
 * Opens a server-sent-events stream over `fetch` (so it can carry an `Authorization` header, which
 * `EventSource` cannot) and keeps it open: after a network drop or a server error it reconnects with
 * exponential backoff and `Last-Event-ID`, so the server replays exactly what was missed. When the
 * token runs out (`token-expired`, or a 401) it asks `refreshToken` and resumes at once. Other
 * client errors (and 408/429 aside) close it for good.
 *
 * @example
 * const stream = connectEventStream({ url: `${base}/v1/events`, getToken: () => token });
 * stream.events$.subscribe((e) => console.log(e.event, JSON.parse(e.data)));
 */
export function connectEventStream(options: EventStreamOptions): EventStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const setT = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const clearT = options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
  const baseRetry = options.retryMs ?? 1000;
  const maxRetry = options.maxRetryMs ?? 30_000;

  const events = new Subject<ServerSentEvent>();
  const status = new BehaviorSubject<StreamStatus>(StreamStatus.connecting);
  // Why it closed, told once and again to anyone who subscribes later (a one-value replay, written
  // out: the customer's page then loads no ReplaySubject).
  const closing = new Subject<StreamClosed>();
  let closedWith: StreamClosed | undefined;
  const closed$ = new Observable<StreamClosed>((subscriber) => {
    if (!closedWith) return closing.subscribe(subscriber);
    subscriber.next(closedWith);
    subscriber.complete();
    return undefined;
  });
  let lastEventId = options.lastEventId;
  let serverRetry: number | undefined;
  let failures = 0;
  let refreshedForThisAttempt = false;
  let abort: AbortController | undefined;
  let timer: unknown;
  let done = false;

  const finish = (why: StreamClosed) => {
    if (done) return;
    done = true;
    abort?.abort();
    if (timer !== undefined) clearT(timer);
    status.next(StreamStatus.closed);
    closedWith = why;
    closing.next(why);
    closing.complete();
    events.complete();
  };

  const scheduleReconnect = () => {
    if (done) return;
    status.next(StreamStatus.reconnecting);
    const delay = Math.min(maxRetry, (serverRetry ?? baseRetry) * 2 ** Math.min(failures, 10));
    failures++;
    timer = setT(() => {
      timer = undefined;
      void connect();
    }, delay);
  };

  const connect = async () => {
    if (done) return;
    abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    const token = await options.getToken?.();
    if (done) return;
    if (token) headers.authorization = `Bearer ${token}`;
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    let response: Response;
    try {
      response = await doFetch(options.url, { headers, signal: abort.signal, cache: 'no-store' });
    } catch {
      scheduleReconnect();
      return;
    }
    if (!response.ok || !response.body) {
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      if (response.status === 401 && !refreshedForThisAttempt && options.refreshToken) {
        // The token ran out between streams: one refresh, then straight back.
        refreshedForThisAttempt = true;
        if (await options.refreshToken()) {
          void connect();
          return;
        }
      }
      if (retryable) {
        scheduleReconnect();
      } else {
        const detail = await response.text().catch(() => undefined);
        finish({ reason: 'refused', status: response.status, ...(detail ? { detail } : {}) });
      }
      return;
    }
    status.next(StreamStatus.open);
    failures = 0;
    refreshedForThisAttempt = false;
    let tokenExpired = false;
    const parser = createSseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        for (const event of parser.push(value)) {
          lastEventId = event.id ?? lastEventId;
          if (event.event === 'token-expired') {
            tokenExpired = true;
            // The server names where it stopped (also past events this caller may not see).
            lastEventId = resumePoint(event.data) ?? lastEventId;
          } else events.next(event);
        }
        serverRetry = parser.retry ?? serverRetry;
      }
    } catch {
      // The connection dropped mid-stream; reconnect below.
    }
    if (tokenExpired && options.refreshToken && !done) {
      // The server ended the stream at the token's expiry: refresh and resume with Last-Event-ID.
      if (await options.refreshToken()) {
        refreshedForThisAttempt = true;
        void connect();
        return;
      }
      finish({ reason: 'refused', status: 401, detail: 'The token expired and could not be refreshed.' });
      return;
    }
    scheduleReconnect();
  };

  void connect();

  return {
    events$: events.asObservable(),
    status$: status.pipe(distinctUntilChanged()),
    closed$,
    get lastEventId() {
      return lastEventId;
    },
    close: () => finish({ reason: 'closed-by-client' }),
  };
}

/** The `lastEventId` a `token-expired` event carries, if any. */
function resumePoint(data: string): string | undefined {
  try {
    const id = (JSON.parse(data) as { lastEventId?: unknown }).lastEventId;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
