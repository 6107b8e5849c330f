import { createSseParser } from '@sightline/core/sse';

/** What the viewer reads of an event: its kind and the session it concerns. */
export interface ViewerEvent {
  type: string;
  name?: string;
  sessionId?: string;
  session?: { id: string };
}

const MAX_DELAY_MS = 30_000;

/**
 * Follows `GET /v1/events` with the viewer's own bearer token, for a viewer standing alone in a host
 * page (SI-12): a CRM's short-lived token sees the summary events of its one session, so an edit made
 * in the console reaches the panel at once. After a drop it reconnects with backoff and
 * `Last-Event-ID` (the server replays what was missed); a refused token (expired, revoked) ends it
 * until the host sets another token. Plain `fetch` and the core's SSE parser: no rxjs in a host page.
 */
export function followEvents(
  baseUrl: string,
  getToken: () => string | undefined,
  onEvent: (event: ViewerEvent) => void,
): { unsubscribe(): void } {
  const url = `${baseUrl.replace(/\/$/, '')}/v1/events`;
  let stopped = false;
  let abort: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastEventId: string | undefined;
  let delay = 1_000;

  const read = async (): Promise<'again' | 'refused' | 'expired'> => {
    abort = new AbortController();
    const token = getToken();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const res = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) return 'refused';
    if (!res.ok || !res.body) return 'again';
    delay = 1_000;
    const parser = createSseParser();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let expired = false;
    for (;;) {
      const { value, done } = await reader.read();
      // Ended at the token's expiry: straight back with the token the host has renewed by now.
      if (done) return expired ? 'expired' : 'again';
      for (const message of parser.push(value)) {
        if (message.id) lastEventId = message.id;
        if (message.event === 'token-expired') expired = true;
        try {
          const data = JSON.parse(message.data) as ViewerEvent & { after?: string; lastEventId?: string };
          // `ready` names where the stream starts, `token-expired` where it stopped: resume there.
          if (message.event === 'ready') lastEventId ??= data.after;
          if (message.event === 'token-expired') lastEventId = data.lastEventId ?? lastEventId;
          // `revoked` and `token-expired` end the stream; the loop below reconnects (with the host's
          // renewed token, or stops when it is refused).
          else if (message.event !== 'revoked' && message.event !== 'token-expired') onEvent(data);
        } catch {
          // Not an event of ours.
        }
      }
    }
  };

  const run = async (): Promise<void> => {
    while (!stopped) {
      const outcome = await read().catch(() => 'again' as const);
      if (stopped || outcome === 'refused') return;
      if (outcome === 'expired') continue;
      await new Promise((resolve) => {
        timer = setTimeout(resolve, delay);
      });
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  };
  void run();
  return {
    unsubscribe() {
      stopped = true;
      abort?.abort();
      clearTimeout(timer);
    },
  };
}
