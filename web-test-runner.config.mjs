import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, chromePath } from './scripts/chrome.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { startTestServer } from './scripts/test-server.mjs';

// Browser tests run in Debian's Chromium (never a downloaded browser), with a fake camera and
// microphone so media code is exercised for real.
// Element tests talk to the real reference server (fresh demo seed, embedded PostgreSQL), started once
// for the run; its URL reaches the tests as `window.SIGHTLINE_TEST_SERVER`.
let server;
const testServer = {
  name: 'sightline-test-server',
  async serverStart() {
    server = await startTestServer();
  },
  async serverStop() {
    await server?.stop();
  },
};

export default {
  files: ['packages/elements/src/**/*.test.ts', 'packages/core/src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [testServer, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), args: chromeArgs } })],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><script>window.SIGHTLINE_TEST_SERVER=${JSON.stringify(server?.url ?? '')}</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
};
