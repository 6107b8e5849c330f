// End to end, a session staff start themselves (VS-5, VS-9): on the demo console the agent creates a
// session for a device and makes an invitation link; the customer opens the link in a browser that
// has never seen the access code, lands on that session (no request form), and both hold the call
// with the customer's video reaching staff. Two Chromium contexts with the fake camera, the real reference server.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/checks.js';
import { openPage, remoteFramesAdvance, signInStaff, startCall } from './support/pages.js';
import { declareStage } from './support/stage.js';

const stage = declareStage();
const call = 'sightline-video-call';

describe('an invitation link to a staff-created session (VS-5, VS-9)', () => {
  it('the agent creates a session and invites; the link opens that session and the call connects', async () => {
    const base = stage.server.url;
    const agentContext = await stage.browser.newContext();
    const customerContext = await stage.browser.newContext();
    try {
      const { page: agent } = await openPage(agentContext, `${base}/examples/console/`);
      await signInStaff(agent);
      const inbox = agent.locator('sightline-session-inbox');
      await inbox.locator('[data-action="new"]').click();
      await inbox.locator('#new-device').selectOption({ label: 'Boiler 12' });
      const reason = `We call you back ${Date.now()}`;
      await inbox.locator('#new-reason').fill(reason);
      await inbox.locator('[part="new-session"] button[type="submit"]').click();
      const details = inbox.locator('[part="details"][data-status="confirmed"]');
      await details.waitFor();

      await details.locator('sightline-session-invite [data-action="invite"]').click();
      const link = await details.locator('sightline-session-invite input[part~="url"]').inputValue();
      expect(new URL(link).pathname).toBe('/examples/widget/');
      expect(await axeViolations(agent)).toEqual([]);

      // The customer opens the link: the session itself, with Start, never the request form.
      const { page: customer } = await openPage(customerContext, link);
      const flow = customer.locator('sightline-request-flow');
      await flow.locator('[data-status="confirmed"]').waitFor({ timeout: 15_000 });
      expect(await flow.locator('form[part="form"]').count()).toBe(0);
      expect(await axeViolations(customer)).toEqual([]);

      await startCall.customer(customer);
      await startCall.agent(agent);
      await agent.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      await customer.locator(`${call}[connection="connected"]`).waitFor({ timeout: 30_000 });
      // The customer's camera reaches staff (staff start with theirs off, VS-9).
      expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
      expect(
        await agent.locator('sightline-session-inbox [part="details"]').getAttribute('data-status'),
      ).toBe('running');
    } finally {
      await agentContext.close();
      await customerContext.close();
    }
  });
});
