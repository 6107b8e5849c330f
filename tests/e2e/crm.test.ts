// End to end, as a CRM integrates Sightline (SI-12): the demo server runs the CRM example's backend,
// which registered its webhook receiver through the API at start. A session linking a ticket of the
// CRM is requested, confirmed and completed (through the HTTP API, as the widget and console would);
// the receiver page lists the verified webhooks as they arrive; the open ticket page, never
// reloaded, shows the summary panel with the summary as soon as a webhook names the ticket; a
// company manager edits the summary in the console and the ticket page's panel follows live.
// Real server (embedded PostgreSQL) in its own process, Chromium, real HTTP webhooks; nothing mocked.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedSession } from '../../packages/server/src/summaries/testing/flow.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import { openPage } from './support/pages.js';
import { until } from './support/until.js';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
  server = await startTestServer({ SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The test server's HTTP API in the shape the server's own flow helper takes. */
const call = (
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
const tokenOf = async (res: Promise<Response>) => ((await (await res).json()) as { token: string }).token;

describe('CRM example end to end', () => {
  it('a session linking a ticket completes → verified webhooks at the receiver → the ticket page shows the summary → a console edit appears there live', async () => {
    const manager = await tokenOf(
      call('POST', '/v1/auth/login', { body: { email: 'manager@demo.test', password: 'demo-password' } }),
    );
    // The CRM registered its receiver through the API when the server started.
    await until('the CRM’s webhook endpoint', async () => {
      const res = await call('GET', '/v1/webhooks', { token: manager });
      const { items } = (await res.json()) as { items: { url: string; enabled: boolean }[] };
      return items.find((e) => e.url.endsWith('/examples/crm/api/webhooks') && e.enabled);
    });
    const { items: tickets } = (await (await call('GET', '/examples/crm/api/tickets')).json()) as {
      items: { id: string; url: string; title: string }[];
    };
    const ticket = tickets[0]!;

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The pages run under the server's strict CSP with Trusted Types: count every violation.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const { page: receiver } = await openPage(context, `${server.url}/examples/crm/receiver.html`);
    const { page: ticketPage } = await openPage(context, `${server.url}/examples/crm/?ticket=${ticket.id}`);
    await ticketPage.locator('#panel-status', { hasText: 'No video session for this ticket yet' }).waitFor();

    const customer = await tokenOf(call('POST', '/v1/auth/access-code', { body: { code: 'DEMO-0001' } }));
    const agent = await tokenOf(
      call('POST', '/v1/auth/login', { body: { email: 'agent@demo.test', password: 'demo-password' } }),
    );
    const reason = `Boiler shows E42 again ${Date.now()}`;
    const sessionId = await completedSession(
      { call },
      { customer, agent },
      { reason, ticketLinks: [ticket.url] },
    );

    // The receiver lists every event of the session, each verified, as it arrives.
    for (const type of ['session.requested', 'session.confirmed', 'session.completed', 'summary.created']) {
      await receiver
        .locator(`#deliveries tr[data-type="${type}"]`, { hasText: sessionId })
        .waitFor({ timeout: 30_000 });
    }
    expect(await receiver.locator('#deliveries tr', { hasText: sessionId }).count()).toBe(4);
    expect(
      await receiver.locator('#deliveries tr', { hasText: sessionId }).locator('.ok').allTextContents(),
    ).toEqual(Array(4).fill('✓ verified'));

    // The ticket page, never reloaded, shows the panel with the summary.
    const panel = ticketPage.locator('#panel');
    await panel.locator('[part="summary"]').waitFor({ timeout: 30_000 });
    expect(await panel.evaluate((el) => (el as HTMLElement & { sessionId: string }).sessionId)).toBe(
      sessionId,
    );
    const summaryText = await panel.locator('[part="summary"]').textContent();
    expect(summaryText).toContain(reason);

    // A company manager edits the summary in the console; the CRM's panel follows without a reload.
    const { page: consolePage } = await openPage(context, `${server.url}/examples/console/`);
    await consolePage.locator('#sign-in input[name="email"]').fill('manager@demo.test');
    await consolePage.locator('#sign-in button[type="submit"]').click();
    await consolePage.locator('#views button[data-view="summaries"]').click();
    const { summary } = (await (
      await call('GET', `/v1/sessions/${sessionId}/summary`, { token: manager })
    ).json()) as {
      summary: { id: string };
    };
    await consolePage
      .locator(`sightline-summaries [part="list"] button[data-summary="${summary.id}"]`)
      .click();
    const viewer = consolePage.locator('sightline-summaries sightline-summary-viewer');
    await viewer.locator('[part="summary"]').waitFor();
    await viewer.locator('[data-action="edit"]').click();
    const edited = `E42 cleared after pressure reset ${Date.now()}`;
    await viewer.locator('input[name="title"]').fill(edited);
    await viewer.locator('[data-action="save"]').click();
    await panel.locator('[part="summary"]', { hasText: edited }).waitFor({ timeout: 10_000 });
    await receiver
      .locator('#deliveries tr[data-type="summary.updated"]', { hasText: sessionId })
      .waitFor({ timeout: 30_000 });
    expect(await ticketPage.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    for (const page of [ticketPage, receiver, consolePage]) {
      expect(
        await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
      ).toEqual([]);
    }
    await context.close();
  }, 180_000);
});
