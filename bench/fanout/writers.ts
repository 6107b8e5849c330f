/**
 * The burst's writers for the fan-out benchmark, in a process of their own (like me-probe.ts): the
 * changes of a busy organization come from its staff's own machines, not from the process that
 * holds and parses the 1,000 subscribers' streams — timed there, a write's answer would wait behind
 * that process's backlog of events, and the next write with it.
 *
 * Message from the parent: `{ targets, count, concurrency, reason }` — `count` session creations,
 * `concurrency` writers at a time, writer `w` writing to `targets[w % targets.length]`. Answer:
 * `{ ids, startedAt, lastAnswerAt }` (ids in the order answered; times in ms since the epoch, from
 * `performance.timeOrigin`, comparable with the parent's) or `{ error }`. It says `{ ready: true }`
 * once loaded.
 */
import http from 'node:http';
import { createSession } from './http.js';

export interface WriteOrder {
  targets: { url: string; token: string }[];
  count: number;
  concurrency: number;
  reason: string;
}

export interface WriteAnswer {
  ids: string[];
  startedAt: number;
  lastAnswerAt: number;
}

const epochNow = () => performance.timeOrigin + performance.now();

async function write({ targets, count, concurrency, reason }: WriteOrder): Promise<WriteAnswer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const ids: string[] = [];
    let next = 0;
    const startedAt = epochNow();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const { url, token } = targets[w % targets.length]!;
        while (next < count) {
          const n = next++;
          ids.push(await createSession(agent, url, token, `${reason} ${n}`));
        }
      }),
    );
    return { ids, startedAt, lastAnswerAt: epochNow() };
  } finally {
    agent.destroy();
  }
}

process.once('message', (order: WriteOrder) => {
  write(order).then(
    (answer) => process.send?.(answer, () => process.exit(0)),
    (e: Error) => process.send?.({ error: e.message }, () => process.exit(1)),
  );
});
process.send?.({ ready: true });
