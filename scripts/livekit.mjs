import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

// A real LiveKit server for the LiveKit transport tests, built from the Go module proxy into a
// git-ignored folder (the Go build cache makes a rebuild on the same machine quick). v1.13.5 is the
// newest release whose go.mod has no replace directives (later ones cannot be `go install`ed).
export const LIVEKIT_VERSION = 'v1.13.5';
const root = new URL('..', import.meta.url).pathname;
const bin = join(root, '.cache', 'bin');

/** The path of a livekit-server binary: `LIVEKIT_SERVER_BIN`, or one built here on first use. */
export function ensureLiveKitServer() {
  if (process.env.LIVEKIT_SERVER_BIN) return process.env.LIVEKIT_SERVER_BIN;
  const path = join(bin, 'livekit-server');
  if (existsSync(path)) return path;
  mkdirSync(bin, { recursive: true });
  console.log(`building livekit-server ${LIVEKIT_VERSION} from the Go module proxy …`);
  execFileSync('go', ['install', `github.com/livekit/livekit-server/cmd/server@${LIVEKIT_VERSION}`], {
    env: { ...process.env, GOBIN: bin, GOFLAGS: '-mod=mod' },
    stdio: 'inherit',
  });
  execFileSync('mv', [join(bin, 'server'), path]);
  return path;
}

/** The settings Sightline's calls are tested and measured with (see the file). */
export const LIVEKIT_CONFIG = join(root, 'packages', 'server', 'livekit.yaml');

/**
 * Starts `livekit-server --dev` on loopback (API key `devkey`, secret `secret`) with
 * {@link LIVEKIT_CONFIG} (`defaults: true`: livekit-server's own defaults) and resolves when it
 * answers HTTP. Returns the settings the Sightline server reads from LIVEKIT_* variables.
 * @param {{ defaults?: boolean }} [options]
 */
export async function startLiveKit({ defaults = false } = {}) {
  const path = ensureLiveKitServer();
  const config = defaults ? [] : ['--config', LIVEKIT_CONFIG];
  const child = spawn(path, ['--dev', ...config, '--bind', '127.0.0.1', '--node-ip', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`livekit-server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch('http://127.0.0.1:7880/')).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`livekit-server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    env: { LIVEKIT_URL: 'ws://127.0.0.1:7880', LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: 'secret' },
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
