// A forgotten password, as a person recovers it on the demo: the reset page asks for a link, the
// demo's mail outbox shows the mail, its link opens the reset page with the token, the new password
// signs in. Real server (demo mode, no SMTP), real Chromium; nothing is mocked (MC-2).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  // The links in mails point at http://localhost:<port>, the same server.
  server = await startTestServer({ SIGHTLINE_DEMO: '1', SMTP_URL: '' });
  browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(axePath, 'utf8')); // not a script tag: the page's CSP refuses those
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
    ).axe.run();
    return result.violations.map((v) => v.id);
  });
}

it('asks for a link, finds it in the outbox, sets a new password and signs in with it', async () => {
  // The outbox page's CSP forbids any script; the test injects axe past it.
  const context = await browser.newContext({ locale: 'de-DE', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/examples/reset/`);
  // German from the browser's language; the page switches when asked.
  await page.getByRole('heading', { name: 'Passwort vergessen?' }).waitFor();
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel('Email').fill('agent@demo.test');
  await page.getByRole('button', { name: 'Send the link' }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'If an account uses this address' }).waitFor();

  await page.getByRole('link', { name: 'mail outbox' }).click();
  await page.getByRole('heading', { name: 'Reset your Sightline password' }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.locator('a[href*="#token="]').first().click();

  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  // The token leaves the address bar at once.
  expect(page.url()).not.toContain('token');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('New password', { exact: true }).fill('from-the-browser-42');
  await page.getByLabel('Repeat the new password').fill('from-the-browser-4');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'The two passwords differ.' }).waitFor();
  await page.getByLabel('Repeat the new password').fill('from-the-browser-42');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByText('Your password is changed.').waitFor();
  // Keyboard users land on the way on.
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign in');

  const login = (password: string) =>
    fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@demo.test', password }),
    });
  expect((await login('from-the-browser-42')).status).toBe(200);
  expect((await login('demo-password')).status).toBe(401);

  // The same link a second time: refused, and a new one can be asked for right there.
  await page.goBack();
  await page.getByRole('heading', { name: 'Your Sightline password was changed' }).waitFor();
  await page.locator('a[href*="#token="]').first().click();
  await page.getByLabel('New password', { exact: true }).fill('a-second-attempt-42');
  await page.getByLabel('Repeat the new password').fill('a-second-attempt-42');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'This link was already used.' }).waitFor();
  await page.getByRole('button', { name: 'Send the link' }).waitFor();
  await context.close();
}, 60_000);
