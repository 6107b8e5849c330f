// The stage of an end-to-end suite: the example pages built, Chromium launched and the real server
// started in its own process before the suite's tests, all closed after them.
import { execFileSync } from 'node:child_process';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromeArgs, chromePath } from '../../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../../scripts/test-server.mjs';

const root = new URL('../../..', import.meta.url).pathname;

/**
 * Declares the stage in the enclosing suite; read `browser` and `server` inside its tests. `env` is
 * added to the server's environment.
 */
export function declareStage(env: Record<string, string> = {}): {
  readonly browser: Browser;
  readonly server: TestServer;
} {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'inherit' });
    browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
    server = await startTestServer(env);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
  };
}
