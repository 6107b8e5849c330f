// Runs the LiveKit transport against a real LiveKit server:
//   LIVEKIT_URL=wss://… LIVEKIT_TOKEN_A=… LIVEKIT_TOKEN_B=… \
//     npx web-test-runner --config packages/core/src/call/livekit.wtr.config.mjs
// (two access tokens for the same room, different identities, with publish + data rights).
// The browser cannot read the environment, so the values are handed to the page here.
import base from '../../../../web-test-runner.config.mjs';

const env = {
  LIVEKIT_URL: process.env.LIVEKIT_URL ?? '',
  LIVEKIT_TOKEN_A: process.env.LIVEKIT_TOKEN_A ?? '',
  LIVEKIT_TOKEN_B: process.env.LIVEKIT_TOKEN_B ?? '',
};

export default {
  ...base,
  files: ['packages/core/src/call/livekit-transport.browser.test.ts'],
  testRunnerHtml: (testFramework) =>
    `<html><body><script>window.__SIGHTLINE_LIVEKIT__ = ${JSON.stringify(env)};</script>` +
    `<script type="module" src="${testFramework}"></script></body></html>`,
};
