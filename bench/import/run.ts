// Bulk import (MC-4): 10,000 CSV rows through POST /v1/users/import against the reference server
// running in its own process (packages/server/src/main.ts on a fresh embedded PostgreSQL in a
// temporary folder, or BENCH_DATABASE_URL). Measures the request until every user and team is
// committed, then how long until the last imported user can sign in (large imports keep passwords
// sealed until their argon2id hash is stored in the background), and argon2id throughput on this
// machine, from which the background hashing time follows. Writes bench/results/import.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hash } from '@node-rs/argon2';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const TEAMS = 20;
const BUDGET_MS = 10_000;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(os.tmpdir(), 'sightline-bench-import-'));

function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(
    join(repoRoot, 'node_modules/.bin/tsx'),
    ['--conditions=source', join(repoRoot, 'packages/server/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: '0',
        SIGHTLINE_DATA_DIR: dataDir,
        SIGHTLINE_AUTH_ATTEMPTS_PER_MINUTE: '1000000',
        ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /reference server on (http:\/\/localhost:\d+)/.exec(out);
      if (match) {
        resolve({
          base: match[1]!,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function csv(): string {
  const lines = ['parent team,team,user id,first name,last name,password,screen name,custom field'];
  for (let i = 0; i < ROWS; i++) {
    const team = i % TEAMS;
    lines.push(
      `Field,Bench ${team},bench${i}@bench.test,First${i},"Last, ${i}",bench-password-${i},,"note ${i}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function argon2Throughput() {
  const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  const serialN = 20;
  let t = performance.now();
  for (let i = 0; i < serialN; i++) await hash(`password-${i}`, options);
  const serialMs = (performance.now() - t) / serialN;
  const parallelN = 100;
  t = performance.now();
  await Promise.all(Array.from({ length: parallelN }, (_, i) => hash(`password-${i}`, options)));
  const perSecond = parallelN / ((performance.now() - t) / 1000);
  return { msPerHashSerial: Math.round(serialMs * 10) / 10, hashesPerSecondParallel: Math.round(perSecond) };
}

const { base, stop } = await startServer();
try {
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@demo.test', password: 'demo-password' }),
  });
  const { token } = (await login.json()) as { token: string };
  const body = csv();
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/users/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body,
  });
  const result = (await res.json()) as { users?: unknown[]; teams?: unknown[]; passwordsPending?: number };
  const importMs = performance.now() - t0;
  if (res.status !== 201)
    throw new Error(`import answered ${res.status}: ${JSON.stringify(result).slice(0, 500)}`);

  // The last row's password is hashed last; it signs in against its sealed password before that.
  const last = ROWS - 1;
  let signInMs = importMs;
  for (;;) {
    const probe = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench${last}@bench.test`, password: `bench-password-${last}` }),
    });
    await probe.body?.cancel();
    if (probe.status === 200) {
      signInMs = performance.now() - t0;
      break;
    }
    if (performance.now() - t0 > 15 * 60_000) throw new Error('no sign-in after 15 minutes');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const argon2 = await argon2Throughput();
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    storage: process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded PostgreSQL, on disk)',
    rows: ROWS,
    bytes: Buffer.byteLength(body),
    teamsCreated: result.teams?.length ?? 0,
    importMs: Math.round(importMs),
    budgetMs: BUDGET_MS,
    withinBudget: importMs < BUDGET_MS,
    passwordsPending: result.passwordsPending ?? 0,
    lastUserSignsInMs: Math.round(signInMs),
    argon2id: { params: 'm=19456 KiB, t=2, p=1 (OWASP minimum)', ...argon2 },
    /** Background hashing of every imported password at the measured parallel rate (an estimate). */
    estimatedHashingMs: Math.round((ROWS / argon2.hashesPerSecondParallel) * 1000),
  };
  mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench/results/import.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
  if (!out.withinBudget) process.exitCode = 1;
} finally {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
}
