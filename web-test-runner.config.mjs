import { browserTestConfig } from './scripts/wtr-config.mjs';

// Browser tests: elements and the browser side of core, in Debian's Chromium against the real server.
export default browserTestConfig({
  files: [
    'packages/elements/src/**/*.test.ts',
    'packages/core/src/**/*.browser.test.ts',
    // The LiveKit transport alone needs a LiveKit server: the LiveKit suite runs it.
    '!packages/core/src/call/livekit-transport.browser.test.ts',
  ],
});
