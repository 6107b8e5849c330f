// The summary panel inside a React 19 page and a Vue 3 page of the CRM example (SI-12): the same
// <sightline-summary-viewer> the plain pages use, proving the elements are framework-agnostic. A
// customer's session links a CRM ticket and completes with a summary (all through the HTTP API);
// each page picks the ticket by keyboard, shows the panel with the summary through the CRM backend's
// short-lived token, edits the title in the panel and shows the framework's own "last edited" state;
// a company manager's edit through the API then reaches the panel live.
// Real server (embedded PostgreSQL, the CRM backend mounted by the demo) in its own process, Chromium;
// nothing mocked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedSession } from '../../packages/server/src/summaries/testing/flow.js';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import { openPage } from './support/pages.js';

const root = new URL('../..', import.meta.url).pathname;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Ticket {
  id: string;
  title: string;
  customer: string;
  status: string;
  url: string;
}
interface Summary {
  id: string;
  title: string;
  version: number;
  editedBy: { displayName: string } | null;
}

let browser: Browser;
let server: TestServer;
let tickets: Ticket[];
/** Per framework: the ticket a completed session links, and that session's summary. */
const linked = new Map<string, { ticket: Ticket; sessionId: string; summary: Summary }>();
let agent: string;
let manager: string;

/** The HTTP API of the test server, in the shape the server's session flow helper calls. */
const api = {
  call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...options.headers,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  },
};

async function json<T>(res: Promise<Response>): Promise<T> {
  const answer = await res;
  if (!answer.ok) throw new Error(`${answer.url} ${answer.status}: ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** Waits until the session's summary is made (the server's own worker writes it). */
async function readySummary(sessionId: string): Promise<Summary> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const s = await json<{ state: string; summary: Summary | null }>(
      api.call('GET', `/v1/sessions/${sessionId}/summary`, { token: agent }),
    );
    if (s.state === 'ready' && s.summary) return s.summary;
    if (['failed', 'skipped', 'deleted'].includes(s.state)) throw new Error(`summary ${s.state}`);
    if (Date.now() > deadline) throw new Error(`summary still ${s.state} after 60 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
  server = await startTestServer({ SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE: '1' });
  ({ items: tickets } = await json<{ items: Ticket[] }>(api.call('GET', '/examples/crm/api/tickets')));
  expect(tickets.length).toBeGreaterThanOrEqual(3);
  const customer = (
    await json<{ token: string }>(api.call('POST', '/v1/auth/access-code', { body: { code: 'DEMO-0001' } }))
  ).token;
  agent = (
    await json<{ token: string }>(
      api.call('POST', '/v1/auth/login', { body: { email: 'agent@demo.test', password: 'demo-password' } }),
    )
  ).token;
  manager = (
    await json<{ token: string }>(
      api.call('POST', '/v1/auth/login', { body: { email: 'manager@demo.test', password: 'demo-password' } }),
    )
  ).token;
  // One session per framework page, each linking its own ticket; the third ticket stays unlinked.
  for (const [framework, ticket] of [
    ['react', tickets[0]!],
    ['vue', tickets[1]!],
  ] as const) {
    const sessionId = await completedSession(
      api,
      { customer, agent },
      { reason: `${ticket.title} (${framework})`, ticketLinks: [ticket.url] },
    );
    linked.set(framework, { ticket, sessionId, summary: await readySummary(sessionId) });
  }
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** axe-core over the whole page, shadow roots included: the violations' rule ids and targets. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8')); // not a script tag: the page's CSP refuses those
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; nodes: { target: unknown }[] }[];
  };
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Moves focus by Tab (or Shift+Tab) from where it is, as a keyboard user does; fails if it never arrives. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const there = await page.evaluate((sel) => {
      let active: Element | null = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return !!active?.matches(sel);
    }, selector);
    if (there) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe.each(['react', 'vue'])('CRM ticket page in %s', (framework) => {
  it('picks the linked ticket by keyboard, shows its summary in the panel, edits the title there and shows the page’s own “last edited” state; a manager’s edit elsewhere arrives live; axe clean', async () => {
    const { ticket, sessionId, summary } = linked.get(framework)!;
    const unlinked = tickets[2]!;
    const bundle = readFileSync(`${root}examples/assets/crm-${framework}.js`);
    console.log(`crm-${framework}.js: ${(gzipSync(bundle, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPage(context, `${server.url}/examples/crm/${framework}/`, { quiet: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator(`button[data-ticket="${unlinked.id}"]`).waitFor();
    expect(await page.locator('button[data-ticket]').count()).toBe(tickets.length);

    // A ticket no session links yet: the panel says so (the CRM backend's 404).
    await tabTo(page, `button[data-ticket="${unlinked.id}"]`);
    await page.keyboard.press('Enter');
    await page.locator('[data-field="ticket-title"]', { hasText: unlinked.title }).waitFor();
    await page.locator('[data-panel="none"]').waitFor();
    expect(await page.locator('sightline-summary-viewer').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // The linked ticket, picked by keyboard: details and the panel with the session's summary.
    await tabTo(page, `button[data-ticket="${ticket.id}"]`, 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator(`button[data-ticket="${ticket.id}"]`).getAttribute('aria-current')).toBe(
      'true',
    );
    expect(new URL(page.url()).hash).toBe(`#${ticket.id}`);
    await page.locator('[data-field="customer"]', { hasText: ticket.customer }).waitFor();
    const viewer = page.locator('sightline-summary-viewer');
    await viewer.locator('h3#title', { hasText: summary.title }).waitFor();
    expect(await viewer.getAttribute('session-id')).toBe(sessionId);
    // The token is handed over as a property, so it is not written into the page's markup.
    expect(await viewer.getAttribute('token')).toBeNull();
    expect(await viewer.evaluate((el) => (el as HTMLElement & { token: string }).token)).toMatch(/\S{20,}/);
    expect(await page.locator('[data-field="last-edited"]').textContent()).toBe('');
    expect(await axeViolations(page)).toEqual([]);

    // Edit the title in the panel, by keyboard (the token allows summaries:write).
    const title = `${summary.title.slice(0, 150)} — checked in ${framework}`;
    await tabTo(page, 'button[data-action="edit"]');
    await page.keyboard.press('Enter');
    const input = viewer.locator('input[name="title"]');
    await input.waitFor();
    expect(await input.evaluate((el) => el.matches(':focus'))).toBe(true);
    await input.fill(title);
    expect(await axeViolations(page)).toEqual([]);
    await input.press('Enter');

    // The panel shows it, the framework's own state shows it, and so does the server.
    await viewer.locator('h3#title', { hasText: title }).waitFor();
    const lastEdited = page.locator('[data-field="last-edited"]');
    await lastEdited.filter({ hasText: `“${title}”` }).waitFor();
    expect(await lastEdited.textContent()).toMatch(/^Last edited at .+: “/);
    const stored = await json<{ title: string; version: number; editedBy: { displayName: string } | null }>(
      api.call('GET', `/v1/summaries/${summary.id}`, { token: agent }),
    );
    expect(stored.title).toBe(title);
    expect(stored.version).toBeGreaterThan(summary.version);
    expect(stored.editedBy).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);

    // A company manager's edit elsewhere reaches the panel live, inside the framework's page; the
    // page's own "last edited" line keeps the edit made on the page.
    const elsewhere = `${summary.title.slice(0, 150)} — corrected by the manager`;
    await json(
      api.call('PATCH', `/v1/summaries/${summary.id}`, {
        token: manager,
        headers: { 'if-match': `"${stored.version}"` },
        body: { title: elsewhere },
      }),
    );
    await viewer.locator('h3#title', { hasText: elsewhere }).waitFor();
    expect(await lastEdited.textContent()).toContain(`“${title}”`);

    // On a phone nothing is wider than the screen (the ticket link in the summary wraps).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Picking another ticket and back: the panel follows the pick, and starts with no edit of its own.
    await page.locator(`button[data-ticket="${unlinked.id}"]`).click();
    await page.locator('[data-panel="none"]').waitFor();
    await page.locator(`button[data-ticket="${ticket.id}"]`).click();
    await viewer.locator('h3#title', { hasText: elsewhere }).waitFor();
    expect(await lastEdited.textContent()).toBe('');

    // Reloaded with the ticket in the address, the page opens on that ticket.
    await page.reload();
    await viewer.locator('h3#title', { hasText: elsewhere }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
