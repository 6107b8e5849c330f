// End to end over HTTP/2 (SIGHTLINE_TLS_CERT / SIGHTLINE_TLS_KEY): one browser with seven staff
// console tabs and the customer's widget — eight event streams and a call's two signal streams on
// one origin, more than the six connections HTTP/1.1 allows a browser there. Over HTTP/2 they share
// one connection: every tab stays live and the call connects. The certificate is made here with
// openssl for localhost; the browser context accepts it.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../../scripts/test-certificate.mjs';
import {
  confirmRequest,
  fillRequest,
  openPage,
  remoteFramesAdvance,
  signInStaff,
  startCall,
  submitRequest,
} from './support/pages.js';
import { declareStage } from './support/stage.js';

const certificate = makeTestCertificate();
const stage = declareStage({
  SIGHTLINE_TLS_CERT: certificate.certFile,
  SIGHTLINE_TLS_KEY: certificate.keyFile,
});
const call = 'sightline-video-call';
afterAll(() => certificate.remove());

/** The protocols a page's finished requests went over. */
const protocols = (page: Page) =>
  page.evaluate(() => [
    ...new Set(
      performance.getEntriesByType('resource').map((e) => (e as PerformanceResourceTiming).nextHopProtocol),
    ),
  ]);

describe('many tabs over HTTP/2 (VS-9, MC-7)', () => {
  it('seven console tabs and the widget in one browser: every tab sees the request live, and the call connects', async () => {
    const base = stage.server.url;
    expect(base).toMatch(/^https:\/\/localhost:/);
    const context = await stage.browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const consoles: Page[] = [];
      for (let n = 0; n < 7; n++) {
        const { page } = await openPage(context, `${base}/examples/console/`);
        await signInStaff(page);
        consoles.push(page);
      }
      const { page: customer } = await openPage(context, `${base}/examples/widget/`);
      const reason = `Seven tabs ${Date.now()}`;
      await fillRequest(customer, reason);
      await submitRequest(customer);
      // Every console's event stream is open: the request reaches each tab as it happens.
      for (const page of consoles)
        await page
          .locator('sightline-session-inbox [part="item"]', { hasText: reason })
          .waitFor({ timeout: 10_000 });
      const agent = consoles[6]!;
      await confirmRequest(agent, customer, reason);
      await startCall.agent(agent);
      await startCall.customer(customer);
      await agent.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      await customer.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
      expect(await protocols(agent)).toEqual(['h2']);
      expect(await protocols(customer)).toEqual(['h2']);
    } finally {
      await context.close();
    }
  }, 120_000);
});
