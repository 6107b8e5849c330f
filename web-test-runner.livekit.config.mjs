import { browserTestConfig } from './scripts/wtr-config.mjs';

// The call path again, with the server handing out LiveKit calls on a local livekit-server (SFU)
// instead of peer-to-peer signaling.
export default browserTestConfig({
  files: [
    'packages/core/src/sdk/call-session.browser.test.ts',
    'packages/core/src/sdk/early-capture.browser.test.ts',
    'packages/core/src/sdk/call-monitor.browser.test.ts',
    'packages/core/src/recording/recorder.browser.test.ts',
    'packages/core/src/call/livekit-transport.browser.test.ts',
  ],
  livekit: true,
  counts: '.cache/test-counts/browser-livekit.json',
});
