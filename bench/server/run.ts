/**
 * API read throughput and latency (issue 13): the reference server in its own process, as users run
 * it (`packages/server/src/main.ts`, demo seed), next to a bare node:http hello-world in its own
 * process, driven by the same client from this process, in the same run, at 16 connections, in
 * alternating slices so that other load on the machine weighs on both alike.
 *
 * Two reads, each with a staff bearer token: `GET /v1/sessions/{id}` (auth, the org-scoped session
 * with its calls, the domain's visibility rule, JSON) and a filtered page of `GET /v1/sessions` (the
 * agent's open confirmed sessions, 20 a page, out of 300 sessions). On embedded PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL (a fresh database). Targets: ≥ 0.5 × bare node:http req/s,
 * p99 < 20 ms. Writes bench/results/server.json. Run: `npm run bench:server`.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { DEMO } from '../../packages/server/src/seed.js';
import { startTestServer } from '../../scripts/test-server.mjs';
import { benchDatabase } from '../postgres.js';
import { cpuMs } from '../process-cpu.js';

const root = new URL('../..', import.meta.url).pathname;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const ROUNDS = 5;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 300);
const WARMUP = 3000;
const TIME_LIMIT_MS = 60_000;
const TARGET = { throughputVsBare: 0.5, p99Ms: 20 };

interface Result {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server process's CPU time (user + system) per request, where /proc tells it. */
  serverCpuUsPerRequest?: number;
}

function get(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Sample {
  latencies: number[];
  errors: number;
  seconds: number;
  cpuMs?: number | undefined;
}

/** `total` GETs of `url` from CONCURRENCY kept-alive connections (`pid`: the server's process). */
async function drive(
  url: URL,
  headers: Record<string, string>,
  total: number,
  pid?: number,
): Promise<Sample> {
  const cpuBefore = cpuMs(pid);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const deadline = Date.now() + TIME_LIMIT_MS;
  const started = performance.now();
  async function worker() {
    while (next < total && Date.now() < deadline) {
      next++;
      const t0 = performance.now();
      const status = await get(agent, url, headers).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(pid);
  agent.destroy();
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return { latencies, errors, seconds, cpuMs: cpu };
}

function summarize(samples: Sample[]): Result {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((t, s) => t + s.seconds, 0);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors: samples.reduce((t, s) => t + s.errors, 0),
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(pct(50)),
    p99Ms: round(pct(99)),
    ...(samples.every((s) => s.cpuMs !== undefined)
      ? {
          serverCpuUsPerRequest: Math.round(
            (samples.reduce((t, s) => t + (s.cpuMs ?? 0), 0) * 1000) / latencies.length,
          ),
        }
      : {}),
  };
}

/**
 * Both servers in turns (ROUNDS slices each, alternating), so a load that comes and goes on the
 * machine weighs on both alike; the ratio is of the totals.
 */
async function compare(url: URL, headers: Record<string, string>, bare: Served, server: Served) {
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  const slice = Math.ceil(REQUESTS / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    theirs.push(await drive(new URL(bare.url), {}, slice, bare.pid));
    ours.push(await drive(url, headers, slice, server.pid));
  }
  return { sightline: summarize(ours), bareNodeHttp: summarize(theirs) };
}

/** A server in a process of its own. */
interface Served {
  url: string;
  pid?: number | undefined;
}

/** The cheapest possible Node HTTP server, in a process of its own. */
async function startBare(): Promise<Served & { stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/plain' }); r.end('hello'); });
       s.listen(0, '127.0.0.1', () => console.log(s.address().port));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill() };
}

async function json<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Seeds SESSIONS sessions (a third cancelled, so the open ones are a filter, not everything) and drives both reads. */
async function measure(server: Served, bare: Served) {
  const base = server.url;
  const login = (email: string) =>
    json<{ token: string }>(`${base}/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password: DEMO.password }),
    }).then((r) => r.token);
  const manager = await login(DEMO.managerEmail);
  const agent = await login(DEMO.agentEmail);
  let one = '';
  for (let i = 0; i < SESSIONS; i++) {
    const s = await json<{ id: string }>(`${base}/v1/sessions`, {
      method: 'POST',
      token: manager,
      body: JSON.stringify({ deviceId: DEMO.deviceId, reason: `Boiler shows E${i}` }),
    });
    if (i % 3 === 0)
      await json(`${base}/v1/sessions/${s.id}/cancel`, { method: 'POST', token: agent, body: '{}' });
    one = s.id;
  }
  const auth = { authorization: `Bearer ${agent}` };
  const reads = {
    session: new URL(`${base}/v1/sessions/${one}`),
    page: new URL(`${base}/v1/sessions?status=confirmed&limit=20`),
  };
  const page = await json<{ items: unknown[] }>(reads.page.toString(), { token: agent });
  if (page.items.length !== 20) throw new Error(`the agent's page has ${page.items.length} sessions, not 20`);
  await drive(new URL(bare.url), {}, WARMUP);
  const out: Record<string, unknown> = {};
  for (const [name, url] of Object.entries(reads)) {
    await drive(url, auth, WARMUP);
    const { sightline, bareNodeHttp: baseline } = await compare(url, auth, bare, server);
    const ratio = Math.round((sightline.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000;
    out[name] = {
      route: `GET ${url.pathname}${url.search}`,
      sightline,
      bareNodeHttp: baseline,
      throughputVsBare: ratio,
      meetsTarget: ratio >= TARGET.throughputVsBare && sightline.p99Ms < TARGET.p99Ms && !sightline.errors,
    };
    console.log(name, JSON.stringify(out[name]));
  }
  return out;
}

const result: Record<string, unknown> = {
  benchmark: 'API reads vs bare node:http, each server in its own process (issue 13)',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version },
  // Other work on the machine skews both figures; the ratio is the more stable number.
  loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  concurrency: CONCURRENCY,
  sessions: SESSIONS,
  targets: TARGET,
};
const bare = await startBare();
try {
  const server = await startTestServer();
  try {
    result.pglite = await measure(server, bare);
  } finally {
    await server.stop();
  }
  if (process.env.TEST_DATABASE_URL) {
    const database = await benchDatabase('sightline_server_bench');
    try {
      await database.fresh();
      const server = await startTestServer({ DATABASE_URL: database.url });
      try {
        result.postgres = await measure(server, bare);
      } finally {
        await server.stop();
      }
    } finally {
      await database.close();
    }
  } else {
    result.postgres = { skipped: 'TEST_DATABASE_URL is not set' };
  }
} finally {
  bare.stop();
}
const file = process.env.BENCH_OUT ?? `${root}bench/results/server.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
