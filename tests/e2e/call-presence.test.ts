// End to end, who is still in the call (VS-9): the customer widget page and the staff console page of
// the demo in two Chromium contexts with the fake camera, against the real reference server with a
// short grace period. The customer reloads mid-call and is back in the same call; then the
// customer's tab is closed: staff see "left" within 5 s with a countdown, and once the grace
// period is over the call ends itself as abandoned, saying why, and the session completes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/checks.js';
import { confirmRequest, openPage, remoteFramesAdvance, signInStaff, startCall } from './support/pages.js';
import { declareStage } from './support/stage.js';

const GRACE_SECONDS = 8;
const stage = declareStage({ SIGHTLINE_CALL_GRACE_SECONDS: String(GRACE_SECONDS) });
const call = 'sightline-video-call';

const status = (page: Page) => page.locator(`${call} [part="status"]`);

describe('presence in a call (VS-9)', () => {
  it('a reload comes back to the same call; a closed tab is seen within 5 s and the call ends as abandoned after the grace period', async () => {
    const base = stage.server.url;
    const customerContext = await stage.browser.newContext();
    const agentContext = await stage.browser.newContext();
    try {
      const { page: customer } = await openPage(customerContext, `${base}/examples/widget/`);
      const { page: agent } = await openPage(agentContext, `${base}/examples/console/`);
      await signInStaff(agent);
      const reason = `Who is there ${Date.now()}`;
      await customer.locator('sightline-request-flow #reason').fill(reason);
      await customer.locator('sightline-request-flow input[name="consent"][value="denied"]').check();
      await customer.locator('sightline-request-flow [part="submit"]').click();
      await confirmRequest(agent, customer, reason, { appearWithinMs: 10_000 });
      await startCall.agent(agent);
      await startCall.customer(customer);
      await agent.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
      const firstCall = await agent
        .locator('sightline-session-inbox [part="details"]')
        .getAttribute('data-status');
      expect(firstCall).toBe('running');

      // A reload: the customer's page comes back to the request and rejoins the running call.
      await customer.reload();
      await customer.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
      await expect.poll(() => status(agent).textContent(), { timeout: 10_000 }).not.toContain('left');
      expect(
        await agent.locator('sightline-session-inbox [part="details"]').getAttribute('data-status'),
      ).toBe('running');
      // The same call goes on: still one call in the session.
      expect(await agent.locator('sightline-session-inbox [data-field="calls"] li').count()).toBe(1);

      // The tab is closed: staff see it within 5 s, with the time left.
      const closedAt = Date.now();
      await customer.close();
      await status(agent).filter({ hasText: 'The customer has left the call' }).waitFor({ timeout: 5_000 });
      const seenMs = Date.now() - closedAt;
      expect(seenMs).toBeLessThan(5_000);
      await agent.locator(`${call} [part="presence-banner"][data-away="customer"]`).waitFor();
      expect(await status(agent).textContent()).toMatch(/ends in 0:0\d/);
      expect(await axeViolations(agent)).toEqual([]);

      // After the grace period the call ends itself and says why; the session moves on.
      const details = agent.locator('sightline-session-inbox [part="details"]');
      await details
        .locator('.notice', { hasText: 'the other side was gone too long' })
        .waitFor({ timeout: (GRACE_SECONDS + 6) * 1000 });
      const endedMs = Date.now() - closedAt;
      expect(endedMs).toBeGreaterThan((GRACE_SECONDS - 1) * 1000);
      await agent.locator('sightline-session-inbox [part="details"][data-status="completed"]').waitFor();
      expect(await details.locator('[data-field="calls"]').textContent()).toContain(
        'one side was gone too long',
      );
      expect(await axeViolations(agent)).toEqual([]);
      console.log(
        `customer tab closed → staff see "left" ${seenMs} ms; call ended as abandoned ${endedMs} ms`,
      );
    } finally {
      await customerContext.close();
      await agentContext.close();
    }
  }, 180_000);
});
