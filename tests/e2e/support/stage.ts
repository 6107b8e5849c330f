// The stage of an end-to-end suite (the example pages are built once per run: build.ts): Chromium launched and the real server
// started in its own process before the suite's tests, all closed after them.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromeArgs, chromePath } from '../../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../../scripts/test-server.mjs';

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
