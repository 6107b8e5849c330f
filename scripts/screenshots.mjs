// Screenshots of the product's key states, desktop and phone, for docs/screenshots (linked from the
// README): the demo pages against the reference server on embedded defaults, in Chromium with the
// fake camera. `node scripts/screenshots.mjs` (after `npm install`); it takes about a minute.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromeArgs, chromePath } from './chrome.mjs';
import { startTestServer } from './test-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = process.env.SCREENSHOTS_DIR || `${root}docs/screenshots`;
mkdirSync(out, { recursive: true });
execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'inherit' });

const server = await startTestServer({ SIGHTLINE_CALL_GRACE_SECONDS: '60' });
const browser = await chromium.launch({ executablePath: chromePath(), args: chromeArgs });
const call = 'sightline-video-call';
const png = process.env.SCREENSHOTS_PNG === '1';
const shot = (page, name) =>
  page.screenshot(
    png ? { path: `${out}/${name}.png` } : { path: `${out}/${name}.jpg`, type: 'jpeg', quality: 70 },
  );

try {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  const customer = await phone.newPage();
  const agent = await desktop.newPage();
  await customer.goto(`${server.url}/examples/widget/`);
  await agent.goto(`${server.url}/examples/console/`);
  await agent.locator('#sign-in button[type="submit"]').click();
  await agent
    .locator('sightline-session-inbox nav[part="list"], sightline-session-inbox [role="status"]')
    .first()
    .waitFor();

  // The customer asks for help on a phone.
  const reason = 'The boiler shows E42 and the pressure gauge is in the red.';
  await customer.locator('sightline-request-flow #reason').fill(reason);
  await customer.locator('sightline-request-flow input[name="consent"][value="granted"]').check();
  await shot(customer, 'phone-request');
  await customer.locator('sightline-request-flow [part="submit"]').click();
  await customer.locator('sightline-request-flow [data-status="requested"]').waitFor();
  await shot(customer, 'phone-waiting');

  // Staff see it live and confirm.
  const item = agent.locator('sightline-session-inbox [part="item"]', { hasText: 'E42' });
  await item.waitFor();
  await item.click();
  await shot(agent, 'desktop-inbox');
  await agent.locator('sightline-session-inbox [part="details"] [data-action="confirm"]').click();
  await customer.locator('sightline-request-flow [data-status="confirmed"]').waitFor();

  // Both in the call; staff turn their camera on.
  await agent.locator('sightline-session-inbox [part="details"] [data-action="start-call"]').click();
  await customer.locator('sightline-request-flow [data-action="start-call"]').click();
  await agent.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
  await customer.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
  await agent.waitForTimeout(1500);
  await shot(customer, 'phone-call-camera-off');
  await agent.locator(`${call} [data-action="camera"]`).click();
  await agent.waitForTimeout(2000);
  await agent.locator(`${call} [part="stage"]`).scrollIntoViewIfNeeded();
  await shot(agent, 'desktop-call');
  await shot(customer, 'phone-call');

  // A screenshot, annotated.
  await agent.locator(`${call} [data-tool="screenshot"]`).click();
  const canvas = agent.locator(`${call} [part="annotation"] canvas`);
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  if (box) {
    await agent.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.4);
    await agent.mouse.down();
    for (let i = 1; i <= 10; i++)
      await agent.mouse.move(
        box.x + box.width * (0.3 + i * 0.04),
        box.y + box.height * (0.4 + (i % 2) * 0.05),
      );
    await agent.mouse.up();
  }
  await agent.locator(`${call} [part="annotation"]`).scrollIntoViewIfNeeded();
  await shot(agent, 'desktop-annotation');
  await agent.locator(`${call} [data-tool="close-screenshot"]`).click();

  // The customer's tab closes: staff see it at once, with the time left.
  await customer.close();
  await agent.locator(`${call} [part="presence-banner"]`).waitFor({ timeout: 10_000 });
  await agent.locator(`${call} [part="stage"]`).scrollIntoViewIfNeeded();
  await shot(agent, 'desktop-customer-left');
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
}
