import { browserTestConfig } from './scripts/wtr-config.mjs';

// Browser tests: elements and the browser side of core, in Debian's Chromium against the real server.
export default browserTestConfig({
  files: ['packages/elements/src/**/*.test.ts', 'packages/core/src/**/*.browser.test.ts'],
});
