/**
 * Event fan-out (MC-7, VS-3): 1,000 subscribers of `GET /v1/events` (staff of the demo organization,
 * manager and agent tokens mixed) on the reference server in its own process. Measures (a) one change
 * — a staff member creates a session for the demo device — from the write's response to the event at
 * each subscriber (p50 / p99, several rounds), (b) a burst of 100 changes until every subscriber has
 * all of them, (c) `GET /v1/me` p99 while idle and during the burst, timed by a probe in a process of
 * its own (me-probe.ts). On embedded PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL (a fresh database), plus two server processes on the same
 * PostgreSQL with the subscribers split across both: every subscriber must get every event exactly
 * once. Targets: one change < 100 ms p99, the burst < 1 s, `/v1/me` p99 during the burst < 2× idle.
 * Writes bench/results/fanout.json. Run: `npm run bench:fanout` (`--subscribers 1000 --burst 100`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { DEMO } from '../../packages/server/src/seed.js';
import { startTestServer } from '../../scripts/test-server.mjs';
import { benchDatabase } from '../postgres.js';
import { cpuMs, runQueueWaitMs } from '../process-cpu.js';
import { createSession } from './http.js';
import type { WriteAnswer, WriteOrder } from './writers.js';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SUBSCRIBERS = arg('--subscribers', 1000);
const BURST = arg('--burst', 100);
const ROUNDS = arg('--rounds', 5);
const BURST_TIMEOUT_MS = arg('--burst-timeout', 120_000);
const TARGET = { oneChangeP99Ms: 100, burstMs: 1000, meRatio: 2 };

/** Subscriber connections that failed or were reset by the server (not those the bench closed). */
let resets = 0;

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The 1-, 5- and 15-minute load averages: the bench shares the machine's cores with the server. */
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
};

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO.password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** One open `GET /v1/events`: when each session's `session.created` arrived, and how often each id came. */
interface Subscriber {
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
        if (!closed) resets++;
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
    if (!closed) resets++;
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
const within = <T>(promise: Promise<T>, ms: number, what: string) => {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
};

/** Opens `count` subscribers spread over `servers`, tokens alternating between manager and agent. */
async function openSubscribers(servers: { url: string; tokens: string[] }[], count: number) {
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

/** The parent's clock in ms since the epoch, comparable with the writers' (writers.ts). */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * A helper process of this benchmark (me-probe.ts, writers.ts), once it has loaded and said so: its
 * start-up (compiling TypeScript) is over before anything is timed.
 */
async function helper(file: string): Promise<ChildProcess> {
  const child = fork(new URL(file, import.meta.url), { execArgv: process.execArgv });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code} before it was ready`)));
  });
  child.removeAllListeners('exit');
  return child;
}

/**
 * A burst written by the writers' process (bench/fanout/writers.ts, ready); resolves with the ids
 * and when the first write started and the last answer came, on this process's clock
 * (performance.now()).
 */
async function burstWrites(writers: ChildProcess, order: WriteOrder) {
  try {
    const answer = await new Promise<WriteAnswer>((resolve, reject) => {
      writers.once('message', (m: WriteAnswer | { error: string }) =>
        'error' in m ? reject(new Error(`burst writers: ${m.error}`)) : resolve(m),
      );
      writers.once('exit', (code) => reject(new Error(`burst writers exited with ${code}`)));
      writers.send(order);
    });
    const shift = performance.now() - epochNow();
    return { ids: answer.ids, started: answer.startedAt + shift, lastAnswer: answer.lastAnswerAt + shift };
  } finally {
    writers.kill();
  }
}

/**
 * `/v1/me` latencies, one request at a time, from a process of its own (bench/fanout/me-probe.ts):
 * `count` requests, or until `until` settles.
 */
async function meLatencies(
  base: string,
  token: string,
  options: { count?: number; until?: Promise<unknown>; probe?: ChildProcess },
): Promise<number[]> {
  const probe = options.probe ?? (await helper('./me-probe.ts'));
  try {
    const answer = new Promise<number[]>((resolve, reject) => {
      probe.once('message', (m: { latencies?: number[]; error?: string }) =>
        m.latencies ? resolve(m.latencies) : reject(new Error(m.error)),
      );
      probe.once('exit', (code) => reject(new Error(`/v1/me probe exited with ${code}`)));
    });
    if (options.count !== undefined) probe.send({ type: 'count', base, token, count: options.count });
    else {
      probe.send({ type: 'start', base, token });
      await options.until?.catch(() => undefined);
      probe.send({ type: 'stop' });
    }
    return await answer;
  } finally {
    probe.kill();
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU time (ms) process `pid` has used so far (NaN where /proc does not tell it). */
const cpuMsOf = (pid: number | undefined) => cpuMs(pid) ?? Number.NaN;
/** This process's CPU time (ms): it parses every event of every subscriber. */
const ownCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function tokensOf(base: string) {
  const tokens: string[] = [];
  // A few sign-ins each, so subscribers hold several distinct tokens of both roles.
  for (let i = 0; i < 3; i++) {
    tokens.push(await login(base, DEMO.managerEmail), await login(base, DEMO.agentEmail));
    await settle(1100);
  }
  return tokens;
}

async function single(label: string, server: Server) {
  const tokens = await tokensOf(server.url);
  const writer = tokens[1]!;
  const http1 = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const meIdle = await meLatencies(server.url, tokens[0]!, { count: 300 });
  const { subscribers, close } = await openSubscribers([{ url: server.url, tokens }], SUBSCRIBERS);
  try {
    console.log(`[${label}] ${SUBSCRIBERS} subscribers open`);
    // Presence of the two staff members changes as their consoles open: let that pass.
    await settle(2000);
    const meOpen = await meLatencies(server.url, tokens[0]!, { count: 300 });
    const oneChange: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const id = await createSession(http1, server.url, writer, `fan-out round ${round}`);
      const answered = performance.now();
      await within(
        Promise.all(subscribers.map((s) => s.waitFor([id]))),
        30_000,
        `[${label}] one change, round ${round}`,
      );
      for (const s of subscribers) oneChange.push(Math.max(0, s.created.get(id)! - answered));
      console.log(
        `[${label}] one change, round ${round}: p99 ${pct(oneChange.slice(-SUBSCRIBERS), 0.99)} ms`,
      );
      await settle(300);
    }
    console.log(`[${label}] one change: ${ROUNDS} rounds done`);
    const [probe, writers] = await Promise.all([helper('./me-probe.ts'), helper('./writers.ts')]);
    const cpuBefore = { server: cpuMsOf(server.pid), subscribers: ownCpuMs() };
    const waitBefore = runQueueWaitMs(server.pid) ?? Number.NaN;
    const writes = burstWrites(writers, {
      targets: [{ url: server.url, token: writer }],
      count: BURST,
      concurrency: 10,
      reason: 'burst',
    });
    let burstIds: string[] = [];
    let started = Number.NaN;
    let lastAnswer = Number.NaN;
    const delivered = writes.then((w) => {
      ({ ids: burstIds, started, lastAnswer } = w);
      const { ids } = w;
      return within(
        Promise.all(subscribers.map((s) => s.waitFor(ids))),
        BURST_TIMEOUT_MS,
        `[${label}] burst`,
      );
    });
    const meBurst = await meLatencies(server.url, tokens[0]!, { until: delivered, probe });
    // A burst not delivered within the limit is reported as such (with how many subscribers had it all).
    const arrivals = await delivered.catch(() => undefined);
    const complete = subscribers.filter((s) => burstIds.every((id) => s.created.has(id))).length;
    const lastArrival = arrivals ? Math.max(...arrivals) : Number.NaN;
    // Where the burst's time went, on a machine whose cores the server, the database and the 1,000
    // subscribers (this process) share.
    const cpuMs = {
      server: Math.round(cpuMsOf(server.pid) - cpuBefore.server),
      subscribers: Math.round(ownCpuMs() - cpuBefore.subscribers),
    };
    const result = {
      subscribers: SUBSCRIBERS,
      oneChange: {
        rounds: ROUNDS,
        p50Ms: pct(oneChange, 0.5),
        p99Ms: pct(oneChange, 0.99),
        maxMs: pct(oneChange, 1),
      },
      burst: {
        changes: BURST,
        fromFirstWriteMs: Math.round(lastArrival - started),
        afterLastWriteMs: Math.round(lastArrival - lastAnswer),
        writesMs: Math.round(lastAnswer - started),
        cpuMs,
        // How long the server's main thread, ready to run, waited for a core meanwhile.
        serverMainThreadWaitedMs: Math.round((runQueueWaitMs(server.pid) ?? Number.NaN) - waitBefore),
        ...(arrivals ? {} : { notDeliveredWithinMs: BURST_TIMEOUT_MS, subscribersComplete: complete }),
      },
      resets,
      loadAverage: load(),
      me: {
        idleP99Ms: pct(meIdle, 0.99),
        idleWithStreamsP99Ms: pct(meOpen, 0.99),
        burstP99Ms: pct(meBurst, 0.99),
        burstRequests: meBurst.length,
        ratio: Math.round((pct(meBurst, 0.99) / pct(meIdle, 0.99)) * 100) / 100,
      },
    };
    const met = {
      oneChange: result.oneChange.p99Ms < TARGET.oneChangeP99Ms,
      burst: result.burst.fromFirstWriteMs < TARGET.burstMs,
      me: result.me.ratio < TARGET.meRatio,
    };
    console.log(`[${label}] ${JSON.stringify(result)}\n[${label}] met: ${JSON.stringify(met)}`);
    return { ...result, met };
  } finally {
    close();
    http1.destroy();
  }
}

/** Two server processes on one PostgreSQL, subscribers split across both, writes to both. */
async function twoProcesses(databaseUrl: string) {
  const a = await startTestServer({ DATABASE_URL: databaseUrl });
  const b = await startTestServer({ DATABASE_URL: databaseUrl });
  try {
    const tokensA = await tokensOf(a.url);
    const tokensB = await tokensOf(b.url);
    const { subscribers, roles, close } = await openSubscribers(
      [
        { url: a.url, tokens: tokensA },
        { url: b.url, tokens: tokensB },
      ],
      SUBSCRIBERS,
    );
    try {
      await settle(2000);
      const before = subscribers.map((s) => new Set(s.ids.keys()));
      const { ids, started } = await burstWrites(await helper('./writers.ts'), {
        targets: [
          { url: a.url, token: tokensA[1]! },
          { url: b.url, token: tokensB[1]! },
        ],
        count: BURST,
        concurrency: 10,
        reason: 'two processes',
      });
      const arrivals = await within(
        Promise.all(subscribers.map((s) => s.waitFor(ids))),
        60_000,
        '[two processes] burst',
      );
      await settle(1000);
      // Subscribers of one role see the same new event ids (the manager all, the agent its own
      // sessions'): each must hold all of its role's ids, each exactly once.
      let duplicates = 0;
      let missing = 0;
      const fresh = subscribers.map((s, i) => [...s.ids.keys()].filter((id) => !before[i]!.has(id)));
      const byRole = [new Set<string>(), new Set<string>()];
      fresh.forEach((ids, i) => {
        for (const id of ids) byRole[roles[i]!]!.add(id);
      });
      subscribers.forEach((s, i) => {
        for (const id of byRole[roles[i]!]!) {
          const n = s.ids.get(id) ?? 0;
          if (n === 0) missing++;
          if (n > 1) duplicates++;
        }
      });
      const result = {
        processes: 2,
        subscribers: SUBSCRIBERS,
        changes: ids.length,
        burstMs: Math.round(Math.max(...arrivals) - started),
        everySubscriberGotEveryChange: subscribers.every((s) => ids.every((id) => s.created.has(id))),
        duplicateDeliveries: duplicates,
        subscribersMissingEvents: missing,
        loadAverage: load(),
      };
      console.log(`[two processes] ${JSON.stringify(result)}`);
      return {
        ...result,
        exactlyOnce: result.everySubscriberGotEveryChange && duplicates === 0 && missing === 0,
      };
    } finally {
      close();
    }
  } finally {
    await a.stop();
    await b.stop();
  }
}

const out: Record<string, unknown> = {
  benchmark: `event fan-out: ${SUBSCRIBERS} subscribers of GET /v1/events (MC-7, VS-3)`,
  date: new Date().toISOString(),
  commit: process.env.BENCH_COMMIT,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version },
  loadAverageAtStart: load(),
  targets: TARGET,
};

{
  const server = await startTestServer();
  try {
    out.pglite = await single('pglite', server);
    resets = 0;
  } catch (e) {
    console.error(server.output().slice(-4000));
    throw e;
  } finally {
    await server.stop();
  }
}

if (process.env.TEST_DATABASE_URL) {
  const database = await benchDatabase('sightline_fanout_bench');
  try {
    await database.fresh();
    const server = await startTestServer({ DATABASE_URL: database.url });
    try {
      out.postgres = await single('postgres', server);
    } finally {
      await server.stop();
    }
    await database.fresh();
    out.twoProcesses = await twoProcesses(database.url);
  } finally {
    await database.close();
  }
} else {
  out.postgres = { skipped: 'TEST_DATABASE_URL is not set' };
}
const file = process.env.BENCH_OUT ?? `${root}bench/results/fanout.json`;
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${file}`);
