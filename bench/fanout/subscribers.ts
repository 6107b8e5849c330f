/**
 * The 1,000 subscribers of the fan-out benchmark (run.ts): open `GET /v1/events` streams in this
 * process, each noting when every session's `session.created` arrived and how often each event id
 * came.
 */
import http from 'node:http';

/** Subscriber connections that failed or were reset by the server (not those the bench closed). */
export const connectionResets = { count: 0 };

/** One open `GET /v1/events`: when each session's `session.created` arrived, and how often each id came. */
export interface Subscriber {
  ready: Promise<void>;
  /** Arrival time (performance.now()) of `session.created` per session id. */
  created: Map<string, number>;
  /** How many times each event id arrived. */
  ids: Map<string, number>;
  /** Resolves once every session in `sessionIds` has arrived. */
  waitFor(sessionIds: readonly string[]): Promise<number>;
  close(): void;
}

const BLOCK_END = Buffer.from('\n\n');
const SESSION_ID = Buffer.from('"sessionId":"');

/**
 * The fields this benchmark reads of one event block `bytes[start, end)`, found in the raw bytes
 * without decoding or parsing the event: its type (`event:` line), its id (`id:` line) and, for a
 * `session.created`, the envelope's `sessionId` (events/audience.ts writes it before the `data`).
 * This one process stands in for 1,000 clients on their own machines; every byte it decodes, and
 * every string it makes and collects, is CPU taken from the two cores the server shares with it.
 */
function fieldsOf(bytes: Buffer, start: number, end: number) {
  let event: string | undefined;
  let id: string | undefined;
  let sessionId: string | undefined;
  for (let line = start; line < end; ) {
    const eol = Math.min(end, bytes.indexOf(10, line));
    const stop = eol < 0 ? end : eol;
    // 'e' (event:) / 'i' (id:); `data:` lines are skipped unread.
    if (bytes[line] === 0x65 && bytes[line + 5] === 0x3a) event = bytes.toString('latin1', line + 7, stop);
    else if (bytes[line] === 0x69 && bytes[line + 2] === 0x3a) id = bytes.toString('latin1', line + 4, stop);
    line = stop + 1;
  }
  if (event === 'session.created') {
    const at = bytes.indexOf(SESSION_ID, start);
    if (at < 0 || at >= end)
      throw new Error(`an event without a sessionId: ${bytes.toString('utf8', start, end)}`);
    const from = at + SESSION_ID.length;
    sessionId = bytes.toString('latin1', from, bytes.indexOf(0x22, from));
  }
  return { event, id, sessionId };
}

function subscribe(agent: http.Agent, base: string, token: string): Subscriber {
  const created = new Map<string, number>();
  const ids = new Map<string, number>();
  /** The sessions waited for that have not arrived yet, and when the last of them arrives. */
  let waiting: { missing: Set<string>; last: number; resolve: (at: number) => void } | undefined;
  let markReady: () => void = () => {};
  let failReady: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  let closed = false;
  const arrived = (sessionId: string, at: number) => {
    if (created.has(sessionId)) return;
    created.set(sessionId, at);
    if (waiting?.missing.delete(sessionId)) waiting.last = Math.max(waiting.last, at);
  };
  const check = () => {
    if (waiting && waiting.missing.size === 0) {
      const { resolve, last } = waiting;
      waiting = undefined;
      resolve(last);
    }
  };
  const req = http.get(
    `${base}/v1/events`,
    { agent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
    (res) => {
      if (res.statusCode !== 200) return failReady(new Error(`events: ${res.statusCode}`));
      res.on('error', () => {
        if (!closed) connectionResets.count++;
      });
      /** The start of an event a chunk ended in the middle of (rare: each write is whole events). */
      let partial: Buffer | undefined;
      res.on('data', (chunk: Buffer) => {
        const now = performance.now();
        const bytes = partial ? Buffer.concat([partial, chunk]) : chunk;
        partial = undefined;
        let start = 0;
        for (let end = bytes.indexOf(BLOCK_END); end >= 0; end = bytes.indexOf(BLOCK_END, start)) {
          const { event, id, sessionId } = fieldsOf(bytes, start, end);
          if (event === 'ready') markReady();
          if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
          if (sessionId !== undefined) arrived(sessionId, now);
          start = end + 2;
        }
        if (start < bytes.length) partial = bytes.subarray(start);
        check();
      });
    },
  );
  req.on('error', (e) => {
    if (!closed) connectionResets.count++;
    failReady(e);
  });
  return {
    ready,
    created,
    ids,
    waitFor(sessionIds) {
      return new Promise((resolve) => {
        const missing = new Set(sessionIds.filter((id) => !created.has(id)));
        const last = Math.max(
          Number.NEGATIVE_INFINITY,
          ...sessionIds.filter((id) => created.has(id)).map((id) => created.get(id)!),
        );
        waiting = { missing, last, resolve };
        check();
      });
    },
    close: () => {
      closed = true;
      req.destroy();
    },
  };
}

/** `promise`, or a failure after `ms`; the timer is cleared either way, so the bench exits when done. */
export const within = <T>(promise: Promise<T>, ms: number, what: string) => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
};

/** Opens `count` subscribers spread over `servers`, tokens alternating between manager and agent. */
export async function openSubscribers(servers: { url: string; tokens: string[] }[], count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  const subscribers: Subscriber[] = [];
  /** 0: manager, 1: agent (tokens alternate). */
  const roles: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = servers[i % servers.length]!;
    const j = Math.floor(i / servers.length) % server.tokens.length;
    subscribers.push(subscribe(agent, server.url, server.tokens[j]!));
    roles.push(j % 2);
    // Open in small groups so the server's accept queue is not the thing measured.
    if (i % 50 === 49) await within(Promise.all(subscribers.map((s) => s.ready)), 60_000, 'subscribers');
  }
  await within(Promise.all(subscribers.map((s) => s.ready)), 60_000, 'subscribers');
  return {
    subscribers,
    roles,
    close() {
      for (const s of subscribers) s.close();
      agent.destroy();
    },
  };
}
