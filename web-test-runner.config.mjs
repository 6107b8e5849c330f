import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, chromePath } from './scripts/chrome.mjs';
import { countReporter } from './scripts/count-reporter.mjs';

// Browser tests run in Debian's Chromium (never a downloaded browser), with a fake camera and
// microphone so media code is exercised for real.
export default {
  files: ['packages/elements/src/**/*.test.ts', 'packages/core/src/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), args: chromeArgs } })],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
  concurrency: 1,
  testFramework: { config: { timeout: 20_000 } },
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
};
