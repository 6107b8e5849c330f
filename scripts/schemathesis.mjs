// Property-based API testing of the contract (issue "Hardening"): Schemathesis, installed from PyPI
// into .cache/schemathesis (pinned), runs every operation of /openapi.json with all its checks
// against a fresh reference server, once as a company manager, once as an agent and once as a
// customer — each against its own server, since a manager's run deletes what the others need.
// Exits non-zero on any failure. Usage: node scripts/schemathesis.mjs [--max-examples N] [--install]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer } from './test-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const VERSION = '4.32.5';
const venv = join(root, '.cache/schemathesis');
const bin = join(venv, 'bin/schemathesis');
const maxExamples = process.argv.includes('--max-examples')
  ? process.argv[process.argv.indexOf('--max-examples') + 1]
  : '50';

function ensureSchemathesis() {
  const version = existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout : '';
  if (version.includes(VERSION)) return;
  console.log(`== installing schemathesis ${VERSION} from PyPI into .cache/schemathesis`);
  mkdirSync(venv, { recursive: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin/pip'), ['install', '-q', `schemathesis==${VERSION}`], { stdio: 'inherit' });
}

async function tokenOf(url, path, body) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

const roles = {
  'company manager': (url) =>
    tokenOf(url, '/v1/auth/login', { email: 'manager@demo.test', password: 'demo-password' }),
  agent: (url) => tokenOf(url, '/v1/auth/login', { email: 'agent@demo.test', password: 'demo-password' }),
  customer: (url) => tokenOf(url, '/v1/auth/access-code', { code: 'DEMO-0001' }),
};

ensureSchemathesis();
// `--install`: only the install (CI runs it while the other tests run).
if (process.argv.includes('--install')) process.exit(0);
const failed = [];
// `--role agent` runs one role only (for a quick local check). The roles run side by side, each
// against its own server (the machine has idle time while one waits for the other); each role's
// output is printed whole when it ends.
const only = process.argv.includes('--role') ? process.argv[process.argv.indexOf('--role') + 1] : undefined;
async function runRole(role, login) {
  const server = await startTestServer({
    SIGHTLINE_AUTH_ATTEMPTS_PER_MINUTE: '1000000',
    SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1',
  });
  try {
    const token = await login(server.url);
    const args = [
      'run',
      `${server.url}/openapi.json`,
      '--checks',
      'all',
      '--max-examples',
      maxExamples,
      '--seed',
      '20261204',
      '--header',
      `Authorization: Bearer ${token}`,
      '--report',
      'junit',
      '--report-junit-path',
      join(root, `.cache/schemathesis-${role.replace(/ /g, '-')}.xml`),
    ];
    const started = Date.now();
    const { status, output } = await new Promise((resolve) => {
      const child = spawn(bin, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      let output = '';
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      child.on('close', (code, signal) => resolve({ status: code ?? signal, output }));
    });
    console.log(`== schemathesis as ${role} (${maxExamples} examples per operation)\n${output}`);
    console.log(
      `== schemathesis as ${role}: exit ${status} after ${Math.round((Date.now() - started) / 1000)} s`,
    );
    if (status !== 0) failed.push(role);
  } finally {
    await server.stop();
  }
}
await Promise.all(
  Object.entries(roles)
    .filter(([r]) => !only || r === only)
    .map(([role, login]) => runRole(role, login)),
);
if (failed.length > 0) {
  console.error(`schemathesis found failures as: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('schemathesis: 0 failures as company manager, agent and customer');
