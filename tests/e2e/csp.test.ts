// The elements on host pages with a strict Content-Security-Policy and Trusted Types enforced (issue
// 14): the demo server sends the widget and console pages with no 'unsafe-inline', no 'unsafe-eval'
// and `require-trusted-types-for 'script'`; two Chromium contexts with the fake camera hold a whole
// peer-to-peer call with AR (request → confirm → start → ink → marker → screenshot → end) and every
// `securitypolicyviolation` event and console error on both pages is collected. Real server
// (embedded PostgreSQL) in its own process; nothing mocked.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import {
  confirmRequest,
  fillRequest,
  openPage,
  remoteFramesAdvance,
  signInStaff,
  startCall,
  submitRequest,
} from './support/pages.js';

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

/** What a page reported: CSP violations (from the page's own listener) and console errors. */
interface Reports {
  violations: () => Promise<string[]>;
  errors: string[];
}

/**
 * Keeps the console errors and uncaught errors of every page of a context from its first line on;
 * CSP violations are collected by the page's own listener (`listen`), installed before any script.
 */
function watch(context: BrowserContext, page: () => Page): Reports {
  const errors: string[] = [];
  context.on('console', (m) => {
    // HTTP answers are the API's business (a favicon, a 409 for a signal after the end), not the policy's.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  context.on('weberror', (e) => errors.push(`page error: ${e.error().message}`));
  return {
    errors,
    violations: () =>
      page().evaluate(() => (window as unknown as { __violations: string[] }).__violations ?? []),
  };
}

/**
 * Listens for `securitypolicyviolation` on the document before any page script runs (violations in
 * shadow roots and in workers are reported to the document too).
 */
const listen = `window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || '') + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.sample || ''));
  }, true);`;

async function dragAcross(page: Page, selector: string, from: [number, number], to: [number, number]) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  const at = (f: [number, number]) => [box.x + box.width * f[0], box.y + box.height * f[1]] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    const k = i / 8;
    await page.mouse.move(...at([from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k]));
  }
  await page.mouse.up();
}

describe('strict CSP and Trusted Types on the demo pages', () => {
  it('the pages are served with the strict policy', async () => {
    for (const path of ['/examples/widget/', '/examples/console/', '/examples/reset/', '/']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("require-trusted-types-for 'script'");
      expect(csp, path).toContain('trusted-types lit-html sightline');
      expect(csp, path).not.toMatch(/unsafe-inline|unsafe-eval/);
      // Every inline block moved to files: the policy names no hashes.
      expect(csp, path).not.toContain('sha256-');
    }
    // Chromium enforces it: a string into a script sink is refused and reported, as is an inline script.
    const context = await browser.newContext();
    await context.addInitScript(listen);
    const { page } = await openPage(context, `${server.url}/examples/widget/`, { quiet: true });
    const refused = await page.evaluate(() => {
      const attempt = (f: () => void) => {
        try {
          f();
          return 'allowed';
        } catch {
          return 'refused';
        }
      };
      const styled = document.createElement('p');
      document.body.append(styled);
      return {
        scriptText: attempt(() => {
          document.createElement('script').textContent = 'window.inlineRan = true';
        }),
        handlerAttribute: attempt(() => styled.setAttribute('onclick', 'window.inlineRan = true')),
        styleAttribute: attempt(() => styled.setAttribute('style', 'color: rgb(255, 0, 0)')),
        styleApplied: getComputedStyle(styled).color === 'rgb(255, 0, 0)',
      };
    });
    expect(refused).toEqual({
      scriptText: 'refused',
      handlerAttribute: 'refused',
      styleAttribute: 'allowed',
      styleApplied: false,
    });
    const reported = (await page.evaluate('window.__violations')) as string[];
    expect(new Set(reported.map((v) => v.split(' ')[0]))).toEqual(
      new Set(['require-trusted-types-for', 'style-src-attr']),
    );
    await context.close();
  });

  it('a whole P2P call with AR on the widget and the console: 0 CSP/Trusted Types violations, no console or page errors', async () => {
    const customerContext = await browser.newContext();
    const agentContext = await browser.newContext();
    await customerContext.addInitScript(listen);
    await agentContext.addInitScript(listen);
    let customer: Page | undefined;
    let agent: Page | undefined;
    const onCustomer = watch(customerContext, () => customer as Page);
    const onAgent = watch(agentContext, () => agent as Page);
    customer = (await openPage(customerContext, `${server.url}/examples/widget/`)).page;
    agent = (await openPage(agentContext, `${server.url}/examples/console/`)).page;

    await signInStaff(agent);
    const reason = `Boiler under CSP ${Date.now()}`;
    await fillRequest(customer, reason);
    await submitRequest(customer);
    await confirmRequest(agent, customer, reason);
    await startCall.agent(agent);
    await startCall.customer(customer);
    await agent.locator('sightline-video-call[connection="connected"]').waitFor({ timeout: 20_000 });
    await customer.locator('sightline-video-call[connection="connected"]').waitFor({ timeout: 20_000 });
    expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
    await agent.locator('sightline-video-call [data-action="camera"]').click();
    expect(await remoteFramesAdvance(customer)).toBeGreaterThan(0);

    // Ink on the live video reaches the customer.
    const call = 'sightline-video-call';
    await agent.locator(`${call} [data-tool="pen"]`).click();
    await dragAcross(agent, `${call} [part="overlay"]`, [0.3, 0.5], [0.7, 0.5]);
    await customer.locator(`${call} [part="overlay"][data-strokes="1"]`).waitFor({ timeout: 5_000 });
    await agent.locator(`${call} [data-tool="pen"]`).click();
    // A marker: tracked in the worker, shown positioned on both sides.
    await agent.locator(`${call} [data-tool="marker"]`).click();
    await agent.locator(`${call} [data-tool="marker-label"]`).fill('Ventil');
    await dragAcross(agent, `${call} [part="overlay"]`, [0.35, 0.35], [0.6, 0.7]);
    await customer.locator(`${call} .marker`, { hasText: 'Ventil' }).waitFor({ timeout: 5_000 });
    await agent.locator(`${call} .marker`, { hasText: 'Ventil' }).waitFor({ timeout: 5_000 });
    // A screenshot, annotated on both sides, then closed.
    await agent.locator(`${call} [data-tool="screenshot"]`).click();
    // The customer opens it from the gallery (its thumbnail is a blob: image under the CSP).
    await customer.locator(`${call} [data-gallery]`).first().click({ timeout: 10_000 });
    const theirs = customer.locator(`${call} [part="annotation"] canvas`);
    await theirs.waitFor({ timeout: 10_000 });
    await dragAcross(customer, `${call} [part="annotation"] canvas`, [0.2, 0.2], [0.5, 0.4]);
    await dragAcross(agent, `${call} [part="annotation"] canvas`, [0.6, 0.6], [0.8, 0.7]);
    await agent.locator(`${call} [data-tool="close-screenshot"]`).click();

    // The agent ends the call; both sides show it completed.
    await agent.locator(`${call} [data-action="end"]`).click();
    await agent.locator('sightline-session-inbox [part="details"][data-status="completed"]').waitFor();
    await customer.locator('sightline-request-flow [data-status="completed"]').waitFor();
    await customer.waitForTimeout(500);

    expect({ widget: await onCustomer.violations(), console: await onAgent.violations() }).toEqual({
      widget: [],
      console: [],
    });
    expect({ widget: onCustomer.errors, console: onAgent.errors }).toEqual({ widget: [], console: [] });
    await customerContext.close();
    await agentContext.close();
  }, 180_000);
});
