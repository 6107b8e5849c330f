import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// A real S3-compatible server for the object-store tests: moto's server mode (Apache-2.0, from
// PyPI) in a virtual environment in a git-ignored folder.
export const MOTO_VERSION = '5.2.6';
const root = new URL('..', import.meta.url).pathname;
const venv = join(root, '.cache', 'moto');
const bin = join(venv, 'bin', 'moto_server');

/** The path of `moto_server`, installed from PyPI on first use. */
export function ensureMoto() {
  if (existsSync(bin)) return bin;
  console.log(`installing moto[server] ${MOTO_VERSION} from PyPI into .cache/moto …`);
  mkdirSync(venv, { recursive: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin', 'pip'), ['install', '-q', `moto[server]==${MOTO_VERSION}`], {
    stdio: 'inherit',
  });
  return bin;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Starts moto on a free loopback port; resolves with its endpoint once it answers, and `stop()`. */
export async function startMoto() {
  const path = ensureMoto();
  const port = await freePort();
  const child = spawn(path, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto_server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

if (
  process.argv[1] &&
  import.meta.url.endsWith(process.argv[1].split('/').pop()) &&
  process.argv.includes('--install')
)
  ensureMoto();
