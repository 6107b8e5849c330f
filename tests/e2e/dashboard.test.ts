// End to end, the live dashboard (MC-7): a company manager signs in on the dashboard page in one
// browser context and opens a new dashboard; a customer requests from the widget page in another;
// the incoming-requests monitor shows the request within 1 s of the customer seeing it requested.
// The page runs under the demo server's strict CSP and Trusted Types: no violation, no page error,
// axe clean. Real server (embedded PostgreSQL) in its own process, Chromium; nothing mocked.
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import { axeViolations, listenForViolations, violations } from './support/checks.js';
import { fillRequest, openPage, submitRequest } from './support/pages.js';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
  server = await startTestServer();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('live dashboard end to end (MC-7)', () => {
  it('a manager opens a dashboard; a customer requests; the incoming monitor shows it within 1 s, under the strict CSP', async () => {
    const res = await fetch(`${server.url}/examples/admin/dashboard.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy') ?? '').toContain("require-trusted-types-for 'script'");

    const managerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await managerContext.addInitScript(listenForViolations);
    const errors: string[] = [];
    managerContext.on('weberror', (e) => errors.push(`page error: ${e.error().message}`));
    // From the management page, the way a manager finds it.
    const { page: admin } = await openPage(managerContext, `${server.url}/examples/admin/`, { quiet: true });
    await admin.locator('#sign-in button[type="submit"]').click();
    await admin.locator('nav.sections a[href="dashboard.html"]').click();
    const manager = admin;
    const dashboard = manager.locator('sightline-dashboard');
    await dashboard.locator('[data-action="new-dashboard"]:not([disabled])').click();
    await dashboard.locator('[data-phase="live"]').waitFor();
    const incoming = dashboard.locator('[data-monitor="incoming"]');
    await incoming.waitFor();

    const reason = `Pump hums ${Math.random().toString(36).slice(2, 7)}`;
    const customerContext = await browser.newContext();
    const { page: customer } = await openPage(customerContext, `${server.url}/examples/widget/`, {
      quiet: true,
    });
    await fillRequest(customer, reason);
    await submitRequest(customer);
    const requestedAt = Date.now();
    await incoming.locator('li', { hasText: reason }).waitFor({ timeout: 5_000 });
    const shownAfter = Date.now() - requestedAt;
    expect(shownAfter, `shown after ${shownAfter} ms`).toBeLessThan(1_000);
    await dashboard.locator('[data-monitor="queues"] svg').waitFor();

    expect(await axeViolations(manager)).toEqual([]);
    expect(await violations(manager)).toEqual([]);
    expect(errors).toEqual([]);
    await customerContext.close();
    await managerContext.close();
  });
});
