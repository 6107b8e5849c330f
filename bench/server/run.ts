// Throughput and latency of the reference server's hot read path (GET /v1/sessions/{id} with a
// staff token: auth, org-scoped query, the domain's visibility rule, JSON) next to a bare
// node:http hello-world on the same machine, in the same run, with the same client. Loopback only,
// bounded in requests and time. Writes bench/results/server.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../../packages/server/src/app.js';
import { testConfig } from '../../packages/server/src/config.js';
import { openDatabase } from '../../packages/server/src/db/connect.js';
import { DEMO, seedDemo } from '../../packages/server/src/seed.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = 300;
const TIME_LIMIT_MS = 60_000;

interface Result {
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function get(
  agent: http.Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function drive(
  port: number,
  path: string,
  headers: Record<string, string>,
  total: number,
): Promise<Result> {
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
      const status = await get(agent, port, path, headers).catch(() => 0);
      latencies.push(performance.now() - t0);
      if (status !== 200) errors++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    requestsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: round(pct(50)),
    p99Ms: round(pct(99)),
  };
}

// Baseline: the cheapest possible Node HTTP server.
const bare = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('hello');
});
const barePort = await listen(bare);

// The real server: embedded PostgreSQL in memory, demo seed, one session.
const handle = await openDatabase({});
const { app, stop } = await createApp({ handle, config: testConfig() });
await seedDemo(handle);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server;
await new Promise<void>((resolve) =>
  server.listening ? resolve() : server.once('listening', () => resolve()),
);
const port = (server.address() as AddressInfo).port;
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: DEMO.agentEmail, password: DEMO.password }),
});
const { token } = (await login.json()) as { token: string };
const created = await fetch(`${base}/v1/sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ deviceId: DEMO.deviceId, reason: 'benchmark' }),
});
const { id } = (await created.json()) as { id: string };
const auth = { authorization: `Bearer ${token}` };

await drive(barePort, '/', {}, WARMUP);
await drive(port, `/v1/sessions/${id}`, auth, WARMUP);
const baseline = await drive(barePort, '/', {}, REQUESTS);
const sightline = await drive(port, `/v1/sessions/${id}`, auth, REQUESTS);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  // Other work on the machine skews both figures; the ratio is the more stable number.
  loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  concurrency: CONCURRENCY,
  storage: 'PGlite (embedded PostgreSQL, in memory)',
  route: 'GET /v1/sessions/{id} with a staff bearer token',
  sightline,
  bareNodeHttp: baseline,
  throughputVsBare: Math.round((sightline.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000,
};
const out = fileURLToPath(new URL('../results/server.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../results/', import.meta.url)), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));

stop();
server.close();
bare.close();
await handle.close();
process.exit(sightline.errors > 0 ? 1 : 0);
