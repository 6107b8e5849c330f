import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { AccessToken } from 'livekit-server-sdk';
import { chromeArgs, chromePath } from './chrome.mjs';
import { countReporter } from './count-reporter.mjs';
import { startLiveKit } from './livekit.mjs';
import { startTestServer } from './test-server.mjs';
import { commonjsPackages } from './wtr-commonjs.mjs';

/**
 * The @web/test-runner configuration: Debian's Chromium (never a downloaded browser) with a fake
 * camera and microphone, and the real reference server (fresh demo seed, embedded PostgreSQL)
 * started once per run. The page learns the server's origin as `window.SIGHTLINE_TEST_SERVER` and
 * the media transport the server hands out as `window.SIGHTLINE_TEST_TRANSPORT`. With
 * `livekit: true` a local livekit-server is started too and the server issues LiveKit calls.
 */
export function browserTestConfig({ files, livekit = false, counts = '.cache/test-counts/browser.json' }) {
  let server;
  let sfu;
  let liveKitPage;
  const testServer = {
    name: 'sightline-test-server',
    async serverStart() {
      sfu = livekit ? await startLiveKit() : undefined;
      // Two participants of one room for the LiveKit transport's own test.
      if (sfu) {
        const room = `transport-test-${Math.random().toString(36).slice(2)}`;
        const token = (identity) => {
          const t = new AccessToken(sfu.env.LIVEKIT_API_KEY, sfu.env.LIVEKIT_API_SECRET, {
            identity,
            ttl: '2h',
          });
          t.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
          return t.toJwt();
        };
        liveKitPage = {
          LIVEKIT_URL: sfu.env.LIVEKIT_URL,
          LIVEKIT_TOKEN_A: await token('transport-a'),
          LIVEKIT_TOKEN_B: await token('transport-b'),
        };
      }
      // Webhook receivers on loopback are allowed, as in the demo, so element tests can aim at this machine.
      const bootstrap = `bootstrap-${Math.random().toString(36).slice(2)}`;
      server = await startTestServer({
        SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1',
        SIGHTLINE_BOOTSTRAP_TOKEN: bootstrap,
        ...sfu?.env,
      });
      // Many element tests end sessions that get summaries: the demo organization buys AI credits
      // for the run the way the billing integration does (its plan grants 10 a month, SI-11).
      const bought = await fetch(`${server.url}/v1/credits/add-ons`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bootstrap}`, 'content-type': 'application/json' },
        body: JSON.stringify({ organizationId: 'org_demo', amount: 200, purchaseId: 'browser-tests' }),
      });
      if (!bought.ok)
        throw new Error(`credits for the browser tests: ${bought.status} ${await bought.text()}`);
    },
    async serverStop() {
      await server?.stop();
      await sfu?.stop();
    },
  };
  return {
    files,
    nodeResolve: { browser: true, exportConditions: ['source', 'browser', 'import', 'default'] },
    plugins: [
      testServer,
      commonjsPackages(['url-parse']),
      esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    ],
    browsers: [chromeLauncher({ launchOptions: { executablePath: chromePath(), args: chromeArgs } })],
    reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter(counts)],
    testRunnerHtml: (testFramework) =>
      '<!doctype html><html><head><script>' +
      `window.SIGHTLINE_TEST_SERVER=${JSON.stringify(server?.url ?? '')};` +
      `window.SIGHTLINE_TEST_TRANSPORT=${JSON.stringify(livekit ? 'livekit' : 'p2p')};` +
      (liveKitPage ? `window.__SIGHTLINE_LIVEKIT__=${JSON.stringify(liveKitPage)};` : '') +
      `</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
    concurrency: 1,
    testFramework: { config: { timeout: 30_000 } },
    browserStartTimeout: 60_000,
    testsFinishTimeout: 300_000,
  };
}
