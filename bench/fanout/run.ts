/**
 * Event fan-out (MC-7, VS-3): 1,000 subscribers of `GET /v1/events` (staff of the demo organization,
 * manager and agent tokens mixed; bench/fanout/subscribers.ts) on the reference server in its own
 * process. Measures (a) one change — a staff member creates a session for the demo device — from the
 * write's response to the event at each subscriber (p50 / p99, several rounds), (b) a burst of 100
 * changes until every subscriber has all of them, with `GET /v1/me` timed meanwhile by a probe in a
 * process of its own (me-probe.ts) and compared with its p99 idle: first on the server as the few
 * changes of (a) left it, then, after two more bursts, on a warm server (against the warm server idle),
 * each with the server's CPU by thread. On embedded PGlite and, when TEST_DATABASE_URL is set, on
 * PostgreSQL (a fresh database), plus two server processes on the same PostgreSQL with the
 * subscribers split across both: every subscriber must get every event exactly once. Targets: one
 * change < 100 ms p99, the burst < 1 s, `/v1/me` p99 during the burst < 2× idle. Writes
 * bench/results/fanout.json. Run: `npm run bench:fanout` (`--subscribers 1000 --burst 100 --warmup 2`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { DEMO } from '../../packages/server/src/seed.js';
import { startTestServer } from '../../scripts/test-server.mjs';
import { measuredCommit } from '../commit.js';
import { benchDatabase } from '../postgres.js';
import { cpuMs, runQueueWaitMs, threadCpuMs } from '../process-cpu.js';
import { createSession } from './http.js';
import { connectionResets, openSubscribers, type Subscriber, within } from './subscribers.js';
import type { WriteAnswer, WriteOrder } from './writers.js';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SUBSCRIBERS = arg('--subscribers', 1000);
const BURST = arg('--burst', 100);
const ROUNDS = arg('--rounds', 5);
/** Bursts between the first and the warm one (unreported). */
const WARMUP = arg('--warmup', 2);
const BURST_TIMEOUT_MS = arg('--burst-timeout', 120_000);
const TARGET = { oneChangeP99Ms: 100, burstMs: 1000, meRatio: 2 };

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

/**
 * A burst of {@link BURST} changes by 10 writers, with `/v1/me` timed meanwhile; `meIdle`: the idle
 * latencies it is compared with.
 */
async function burst(
  label: string,
  server: Server,
  subscribers: readonly Subscriber[],
  tokens: { writer: string; probe: string },
  meIdle: number[],
) {
  const [probe, writers] = await Promise.all([helper('./me-probe.ts'), helper('./writers.ts')]);
  const cpuBefore = { server: cpuMsOf(server.pid), subscribers: ownCpuMs() };
  const waitBefore = runQueueWaitMs(server.pid) ?? Number.NaN;
  const threadsBefore = threadCpuMs(server.pid);
  const writes = burstWrites(writers, {
    targets: [{ url: server.url, token: tokens.writer }],
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
    return within(Promise.all(subscribers.map((s) => s.waitFor(ids))), BURST_TIMEOUT_MS, `[${label}] burst`);
  });
  const meBurst = await meLatencies(server.url, tokens.probe, { until: delivered, probe });
  // A burst not delivered within the limit is reported as such (with how many subscribers had it all).
  const arrivals = await delivered.catch(() => undefined);
  const complete = subscribers.filter((s) => burstIds.every((id) => s.created.has(id))).length;
  const lastArrival = arrivals ? Math.max(...arrivals) : Number.NaN;
  const threads = threadCpuMs(server.pid);
  const [main = 0, ...others] = [...threads].map(([tid, ms]) => ms - (threadsBefore.get(tid) ?? 0));
  return {
    changes: BURST,
    fromFirstWriteMs: Math.round(lastArrival - started),
    afterLastWriteMs: Math.round(lastArrival - lastAnswer),
    writesMs: Math.round(lastAnswer - started),
    // Where the burst's time went, on a machine whose cores the server, the database and the 1,000
    // subscribers (this process) share.
    cpuMs: {
      server: Math.round(cpuMsOf(server.pid) - cpuBefore.server),
      // The server's event loop, and its other threads, the busiest first: on PGlite the first is
      // the database's worker thread; V8's helpers (compiler, collector) are four more.
      serverMainThread: Math.round(main),
      serverOtherThreads: others
        .map(Math.round)
        .filter((ms) => ms > 0)
        .sort((x, y) => y - x),
      subscribers: Math.round(ownCpuMs() - cpuBefore.subscribers),
    },
    // How long the server's main thread, ready to run, waited for a core meanwhile.
    serverMainThreadWaitedMs: Math.round((runQueueWaitMs(server.pid) ?? Number.NaN) - waitBefore),
    ...(arrivals ? {} : { notDeliveredWithinMs: BURST_TIMEOUT_MS, subscribersComplete: complete }),
    me: {
      idleP99Ms: pct(meIdle, 0.99),
      burstP99Ms: pct(meBurst, 0.99),
      burstRequests: meBurst.length,
      ratio: Math.round((pct(meBurst, 0.99) / pct(meIdle, 0.99)) * 100) / 100,
    },
  };
}

/**
 * One server: one change at a time, then a burst on the server as it is after those few changes
 * (`firstBurst`: much of the code a burst runs is still being compiled by V8 meanwhile), then, after
 * {@link WARMUP} more bursts, one on a warm server (`warmBurst`: as a server is once it has been
 * serving a while), its `/v1/me` compared with the same warm server idle, its streams open.
 */
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
    const burstTokens = { writer, probe: tokens[0]! };
    const firstBurst = await burst(label, server, subscribers, burstTokens, meIdle);
    console.log(`[${label}] first burst: ${JSON.stringify(firstBurst)}`);
    for (let i = 0; i < WARMUP; i++) {
      await settle(1000);
      await burst(label, server, subscribers, burstTokens, meIdle);
    }
    await settle(1000);
    const meWarmIdle = await meLatencies(server.url, tokens[0]!, { count: 300 });
    const warmBurst = {
      afterBursts: 1 + WARMUP,
      ...(await burst(label, server, subscribers, burstTokens, meWarmIdle)),
    };
    console.log(`[${label}] warm burst: ${JSON.stringify(warmBurst)}`);
    const result = {
      subscribers: SUBSCRIBERS,
      oneChange: {
        rounds: ROUNDS,
        p50Ms: pct(oneChange, 0.5),
        p99Ms: pct(oneChange, 0.99),
        maxMs: pct(oneChange, 1),
      },
      idleWithStreamsP99Ms: pct(meOpen, 0.99),
      firstBurst,
      warmBurst,
      resets: connectionResets.count,
      loadAverage: load(),
    };
    const met = {
      oneChange: result.oneChange.p99Ms < TARGET.oneChangeP99Ms,
      firstBurst: firstBurst.fromFirstWriteMs < TARGET.burstMs,
      firstBurstMe: firstBurst.me.ratio < TARGET.meRatio,
      warmBurst: warmBurst.fromFirstWriteMs < TARGET.burstMs,
      warmBurstMe: warmBurst.me.ratio < TARGET.meRatio,
    };
    console.log(`[${label}] met: ${JSON.stringify(met)}`);
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
  commit: measuredCommit(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version },
  loadAverageAtStart: load(),
  targets: TARGET,
};

{
  const server = await startTestServer();
  try {
    out.pglite = await single('pglite', server);
    connectionResets.count = 0;
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
