import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migratedDataDir } from './pglite-template.mjs';

const root = new URL('..', import.meta.url).pathname;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Whether the server answers over TLS on `port` (its certificate is the test's own: not checked). */
function answersOverTls(port) {
  return new Promise((resolve, reject) => {
    const req = httpsGet(
      { host: '127.0.0.1', port, path: '/openapi.json', rejectUnauthorized: false },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', reject);
  });
}

/**
 * Starts the real reference server (the demo seed on a fresh embedded database in a temp folder, a
 * copy of the tests' migrated template: scripts/pglite-template.mjs) as a child process for browser
 * and end-to-end tests. Returns its URL and a stop function.
 */
export async function startTestServer(env = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-test-'));
  if (!env.DATABASE_URL) cpSync(migratedDataDir(), dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      // e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server under a benchmark
      ...(process.env.TEST_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--conditions=source',
      '--import',
      'tsx',
      'packages/server/src/main.ts',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        SIGHTLINE_DATA_DIR: dataDir,
        SIGHTLINE_AUTH_ATTEMPTS_PER_MINUTE: '1000',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  // With TLS (SIGHTLINE_TLS_CERT/KEY) the server links to https://localhost (its public URL): the
  // pages are opened there too, so the signal streams share their origin.
  const tls = Boolean(env.SIGHTLINE_TLS_CERT);
  const url = tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`test server exited (${child.exitCode}):\n${output}`);
    try {
      if (tls ? await answersOverTls(port) : (await fetch(`${url}/openapi.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`test server did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    /** The server's process id (a benchmark reads its CPU time). */
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
