// End to end, as an administrator uses it: a company manager sets up a portal with screenshots off,
// onboards an agent by CSV into a team routed to that portal, creates a device there and an access
// code; the customer requests with that code, the new agent signs in on the console, confirms and
// both start the call (P2P). The agent's call shows no screenshot tool, and a direct screenshot
// upload with the agent's token is refused with 403 naming the feature (MC-1…MC-6, VS-1, VS-2).
// Real server (embedded PostgreSQL) in its own process, Chromium with the fake camera; nothing mocked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeArgs, chromePath } from '../../scripts/chrome.mjs';
import { startTestServer, type TestServer } from '../../scripts/test-server.mjs';
import { openPage, remoteFramesAdvance, startCall, submitRequest } from './support/pages.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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

/** axe-core over the whole page, shadow roots included: the violations' rule ids and targets. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8')); // not a script tag: the page's CSP refuses those
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; nodes: { target: unknown }[] }[];
  };
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** Opens a section of the management page by its navigation link. */
async function section(page: Page, id: string): Promise<void> {
  await page.locator(`nav.sections a[data-section="${id}"]`).click();
  await page.locator(`#section-${id}`).waitFor();
}

describe('management page end to end', () => {
  it('portal with screenshots off, agent by CSV, device and access code; the customer requests with the code; the agent’s call has no screenshot tool and the API refuses one', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const teamName = `Nordwind ${tag}`;
    const portalName = `Nordwind Service ${tag}`;
    const deviceName = `Heat pump ${tag}`;
    const agentEmail = `nora.${tag}@nordwind.test`;
    const agentPassword = `pw-${tag}-long-enough`;

    const managerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await managerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { page: admin } = await openPage(managerContext, `${server.url}/examples/admin/`, { quiet: true });
    await admin.locator('#sign-in button[type="submit"]').click();
    await admin.locator('sightline-admin-users table').waitFor();
    expect(await axeViolations(admin)).toEqual([]);

    // A team (MC-3).
    await section(admin, 'teams');
    await admin.locator('sightline-admin-teams [data-action="new-team"]').click();
    const teamForm = admin.locator('sightline-admin-teams dialog#team-form');
    await teamForm.locator('#team-name').fill(teamName);
    await teamForm.locator('[data-action="save"]').click();
    const teamItem = admin.locator(`sightline-admin-teams li[data-name="${teamName}"]`);
    await teamItem.waitFor();
    const teamId = (await teamItem.getAttribute('data-team')) as string;

    // A portal with screenshots off, answered by that team (MC-1, MC-6).
    await section(admin, 'portals');
    await admin.locator('sightline-admin-portals [data-action="new-portal"]').click();
    const portalForm = admin.locator('sightline-admin-portals dialog#portal-form');
    await portalForm.locator('#name').fill(portalName);
    await portalForm.locator('[data-feature="screenshots"] input[value="off"]').check({ force: true });
    await portalForm.locator(`[data-part="teams"] input[value="${teamId}"]`).check();
    expect(await axeViolations(admin)).toEqual([]);
    await portalForm.locator('[data-action="save"]').click();
    const portalRow = admin.locator(`sightline-admin-portals tr[data-name="${portalName}"]`);
    await portalRow.locator('[data-feature="screenshots"][data-mode="off"]').waitFor();

    // The agent by CSV: a bad file first (every bad row named by line, nothing imported), a dry
    // run, then the import (MC-4).
    await section(admin, 'users');
    const importer = admin.locator('sightline-admin-user-import');
    const header = 'parent team,team,user id,first name,last name,password,screen name,custom field';
    await importer
      .locator('#csv-text')
      .fill(
        `${header}\n,${teamName},not-an-email,Nora,Nord,${agentPassword},Nora N.,\n,${teamName},${agentEmail},Nora,Nord,short,Nora N.,\n`,
      );
    await importer.locator('[data-action="import"]').click();
    await importer.locator('[part="errors"] tr[data-line="2"]').waitFor();
    await importer.locator('[part="errors"] tr[data-line="3"]').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await importer
      .locator('#csv-text')
      .fill(`${header}\n,${teamName},${agentEmail},Nora,Nord,${agentPassword},Nora N.,\n`);
    await importer.locator('[data-action="check"]').click();
    await importer.locator('[part="result"][data-dry-run="true"]').waitFor();
    expect(await admin.locator(`sightline-admin-users tr[data-email="${agentEmail}"]`).count()).toBe(0);
    await importer.locator('[data-action="import"]').click();
    await importer.locator('[part="result"][data-dry-run="false"]').waitFor();
    await admin.locator(`sightline-admin-users tr[data-email="${agentEmail}"]`).waitFor();

    // A device in that portal and team, and its access code, shown once with its QR code (VS-1).
    await section(admin, 'devices');
    await admin.locator('sightline-admin-devices [data-action="new-device"]').click();
    const deviceForm = admin.locator('sightline-admin-devices dialog#device-form');
    await deviceForm.locator('#device-name').fill(deviceName);
    await deviceForm.locator('#portalId').selectOption({ label: portalName });
    await deviceForm.locator('#teamId').selectOption({ label: teamName });
    await deviceForm.locator('[data-action="save"]').click();
    const codes = admin.locator('sightline-admin-devices dialog#device-codes sightline-admin-access-codes');
    await codes.locator('[data-action="create-code"]').click();
    const code = ((await codes.locator('[data-field="code"]').textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThanOrEqual(8);
    expect(await codes.locator('img[data-field="qr"]').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const requestUrl = (await codes.locator('[data-field="request-url"]').getAttribute('href')) as string;
    expect(new URL(requestUrl).searchParams.get('code')).toBe(code);
    expect(await axeViolations(admin)).toEqual([]);

    // The page stays usable on a phone: nothing wider than 390 px.
    await admin.keyboard.press('Escape');
    await admin.setViewportSize({ width: 390, height: 844 });
    for (const id of ['users', 'teams', 'portals', 'devices', 'api-keys']) {
      await section(admin, id);
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow, `#${id} is wider than the phone`).toBeLessThanOrEqual(390);
    }
    expect(await axeViolations(admin)).toEqual([]);

    // The customer opens the request page with the code (the QR code's link).
    const customerContext = await browser.newContext();
    const { page: customer } = await openPage(
      customerContext,
      `${server.url}/examples/widget/?code=${encodeURIComponent(code)}`,
    );
    const usesCode = await customer.evaluate(
      (c) => document.querySelector('sightline-provider')?.getAttribute('access-code') === c,
      code,
    );
    if (!usesCode) {
      // The widget example has no code field of its own: give the page's provider the code.
      await customer.evaluate(
        (c) => document.querySelector('sightline-provider')?.setAttribute('access-code', c),
        code,
      );
    }
    const reason = `Heat pump shows F12 ${tag}`;
    // The new portal does not record, so the flow asks no recording consent.
    await customer.locator('sightline-request-flow #reason').fill(reason);
    expect(await customer.locator('sightline-request-flow input[name="consent"]').count()).toBe(0);
    await submitRequest(customer);

    // The new agent signs in on the console, sees the request of their team and confirms (VS-3).
    const agentContext = await browser.newContext();
    const { page: agent } = await openPage(agentContext, `${server.url}/examples/console/`);
    await agent.locator('#sign-in input[name="email"]').fill(agentEmail);
    await agent.locator('#sign-in input[name="password"]').fill(agentPassword);
    await agent.locator('#sign-in button[type="submit"]').click();
    const item = agent.locator('sightline-session-inbox [part="item"]', { hasText: reason });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await agent.locator('sightline-session-inbox [part="details"] [data-action="confirm"]').click();
    await customer.locator('sightline-request-flow [data-status="confirmed"]').waitFor();

    // Both start the call (P2P); media flows.
    await startCall.agent(agent);
    await startCall.customer(customer);
    await agent.locator('sightline-video-call[connection="connected"]').waitFor({ timeout: 20_000 });
    await customer.locator('sightline-video-call[connection="connected"]').waitFor({ timeout: 20_000 });
    expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);

    // The portal turned screenshots off: no tool in the agent's call (other tools are there) …
    await agent.locator('sightline-video-call [data-tool="pen"]').waitFor();
    expect(await agent.locator('sightline-video-call [data-tool="screenshot"]').count()).toBe(0);

    // … and the server refuses an upload with the agent's token, naming the feature (MC-5).
    const refused = await agent.evaluate(async () => {
      const provider = document.getElementById('support') as unknown as { sightline: { token: string } };
      const sessionId = document.querySelector('sightline-session-inbox')?.getAttribute('session-id');
      const png = Uint8Array.from(
        atob(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        ),
        (ch) => ch.charCodeAt(0),
      );
      const id = crypto.randomUUID();
      const form = new FormData();
      form.append('image', new Blob([png], { type: 'image/png' }), 'shot.png');
      form.append(
        'meta',
        JSON.stringify({
          id,
          capturedAt: Date.now(),
          capturedBy: 'p_agent',
          width: 1,
          height: 1,
          annotations: [],
        }),
      );
      const res = await fetch(`/v1/sessions/${sessionId}/screenshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${provider.sightline.token}`, 'idempotency-key': id },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { feature?: string; code?: string } };
    });
    expect(refused.status).toBe(403);
    expect(refused.body.feature).toBe('screenshots');

    await agent.locator('sightline-video-call [data-action="end"]').click();
    await customer.locator('sightline-request-flow [data-status="completed"]').waitFor();
    console.log(JSON.stringify({ adminE2e: { codeViaUrl: usesCode } }));
    await customerContext.close();
    await agentContext.close();
    await managerContext.close();
  }, 240_000);
});
