/**
 * Session search at scale (MC-10): 100,000 sessions in one organization, filtered pages of
 * `GET /v1/sessions` (status, team, date range, text, a manager's and an agent's view, and the next
 * page by cursor) against the reference server in its own process — on embedded PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL. Target: p99 < 50 ms per page. Writes
 * bench/results/session-search.json. Run: `npm run bench:session-search` (`--sessions 100000`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../packages/server/src/db/connect.js';
import { migrate } from '../../packages/server/src/db/migrations.js';
import { DEMO, seedDemo } from '../../packages/server/src/seed.js';
import { startTestServer } from '../../scripts/test-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SESSIONS = arg('--sessions', 100_000);
const REQUESTS = arg('--requests', 400);
const CONCURRENCY = 4;
const TARGET_P99_MS = 50;

/** Seeds the demo and `SESSIONS` sessions in one statement (generate_series), spread over 85 days. */
async function fill(options: { dataDir?: string; databaseUrl?: string }) {
  const handle = await openDatabase(options);
  await migrate(handle.db);
  await seedDemo(handle);
  const teams = (
    await handle.db
      .selectFrom('teams')
      .select('id')
      .where('organization_id', '=', DEMO.organizationId)
      .execute()
  ).map((t) => t.id);
  const started = performance.now();
  await sql`
    insert into sessions (id, organization_id, device_id, portal_id, team_id, assignee_ids, status, reason,
      ticket_links, created_by_kind, created_by_id, created_at, updated_at)
    select 'bench-' || g, ${DEMO.organizationId}, ${DEMO.deviceId}, ${DEMO.portalId},
      (${JSON.stringify(teams)}::jsonb ->> (g % ${teams.length}))::text,
      case when g % 3 = 0 then '[]'::jsonb else jsonb_build_array(${DEMO.agentId}::text) end,
      (array['requested','confirmed','running','completed','closed','cancelled'])[1 + g % 6],
      (array['Boiler shows error E42','Heat pump noisy at night','Radiator valve stuck',
             'Boiler pressure drops','Thermostat display blank','Leak under the tank'])[1 + g % 6]
        || ' #' || g,
      '[]'::jsonb, 'staff', ${DEMO.agentId}, now() - (g % 85) * interval '1 day' - (g % 997) * interval '1 minute',
      now()
    from generate_series(1, ${SESSIONS}) g`.execute(handle.db as never);
  await sql`analyze sessions`.execute(handle.db as never);
  const fillMs = Math.round(performance.now() - started);
  await handle.close();
  return { fillMs, teams };
}

function get(agent: http.Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

async function measure(base: string, token: string, path: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  for (let i = 0; i < 20; i++) await get(agent, base + path, token);
  const latencies: number[] = [];
  let errors = 0;
  let items = 0;
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) {
      const t0 = performance.now();
      const res = await get(agent, base + path, token);
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors++;
      else items = (JSON.parse(res.body) as { items: unknown[] }).items.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 10) / 10;
  return { path, requests: latencies.length, errors, itemsPerPage: items, p50Ms: pct(0.5), p99Ms: pct(0.99) };
}

async function run(label: string, env: Record<string, string>, teams: string[]) {
  const server = await startTestServer(env);
  try {
    const login = async (email: string) => {
      const res = await fetch(`${server.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO.password }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const manager = await login(DEMO.managerEmail);
    const agent = await login(DEMO.agentEmail);
    const first = await fetch(`${server.url}/v1/sessions?limit=50&status=completed`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    const { nextCursor } = (await first.json()) as { nextCursor: string };
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const until = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const pages: [string, string, string][] = [
      ['manager: newest', manager, '/v1/sessions?limit=50'],
      ['manager: status', manager, '/v1/sessions?limit=50&status=completed'],
      ['manager: status, next page', manager, `/v1/sessions?limit=50&status=completed&cursor=${nextCursor}`],
      [
        'manager: team + date range',
        manager,
        `/v1/sessions?limit=50&teamId=${teams[0]}&from=${since}&to=${until}`,
      ],
      ['manager: text', manager, '/v1/sessions?limit=50&q=boiler%20press'],
      ['manager: rare text', manager, '/v1/sessions?limit=50&q=99999'],
      ['agent: own and team queue', agent, '/v1/sessions?limit=50&status=requested'],
      // The queue above is empty in this data (requests are unassigned and held by other teams):
      // every session the agent sees, newest first, is a full page through the same conditions.
      ['agent: own and team, newest', agent, '/v1/sessions?limit=50'],
    ];
    const results = [];
    for (const [name, token, path] of pages) {
      const r = await measure(server.url, token, path);
      console.log(
        `[${label}] ${name}: p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (${r.itemsPerPage} items, ${r.errors} errors)`,
      );
      results.push({ name, ...r });
    }
    return results;
  } finally {
    await server.stop();
  }
}

const out: Record<string, unknown> = {
  benchmark: `session search: filtered pages of GET /v1/sessions over ${SESSIONS} sessions (MC-10)`,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version },
  concurrency: CONCURRENCY,
  targetP99Ms: TARGET_P99_MS,
};

const dataDir = mkdtempSync(join(tmpdir(), 'sightline-search-'));
const pgliteFill = await fill({ dataDir });
const pglite = await run('pglite', { SIGHTLINE_DATA_DIR: dataDir }, pgliteFill.teams);
out.pglite = {
  fillMs: pgliteFill.fillMs,
  pages: pglite,
  withinTarget: pglite.every((p) => p.p99Ms < TARGET_P99_MS && p.errors === 0),
};

if (process.env.TEST_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query('drop database if exists sightline_search_bench');
  await admin.query('create database sightline_search_bench');
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = '/sightline_search_bench';
  try {
    const pgFill = await fill({ databaseUrl: url.toString() });
    const postgres = await run('postgres', { DATABASE_URL: url.toString() }, pgFill.teams);
    out.postgres = {
      fillMs: pgFill.fillMs,
      pages: postgres,
      withinTarget: postgres.every((p) => p.p99Ms < TARGET_P99_MS && p.errors === 0),
    };
  } finally {
    await admin.query('drop database if exists sightline_search_bench');
    await admin.end();
  }
} else {
  out.postgres = { skipped: 'TEST_DATABASE_URL is not set' };
}
writeFileSync(`${root}bench/results/session-search.json`, `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote bench/results/session-search.json');
