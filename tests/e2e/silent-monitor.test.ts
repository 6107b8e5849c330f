// End to end, silent monitoring (MC-8), three browser contexts: a company manager on the live
// dashboard page, a customer on the widget page, an agent on the console page. The customer
// requests, the agent confirms and both start the call; the manager presses Monitor on the
// active-sessions monitor and receives the call's video (frames advance) and audio, while the
// customer's and the agent's pages go on with the same single remote participant — nothing of the
// manager appears. Real server in its own process, Chromium with its fake camera; nothing mocked.
import { describe, expect, it } from 'vitest';
import { axeViolations, listenForViolations, violations } from './support/checks.js';
import {
  confirmRequest,
  fillRequest,
  openPage,
  remoteFramesAdvance,
  signInStaff,
  startCall,
  submitRequest,
  withTransport,
} from './support/pages.js';
import { declareStage } from './support/stage.js';

const stage = declareStage();

/** The remote tracks a page's call receives, by kind and id (for `withTransport`). */
const remoteTracks = `(t) => new Promise((resolve) => {
  const s = t.remoteStream$.subscribe((m) => resolve((m ? m.getTracks() : []).map((x) => x.kind + ':' + x.id).sort()));
  setTimeout(() => s.unsubscribe(), 0);
})`;

describe('silent monitoring end to end (MC-8)', () => {
  it('a manager watches a running call from the dashboard; the customer and the agent see no third participant', async () => {
    const { browser, server } = stage;
    const errors: string[] = [];
    const managerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await managerContext.addInitScript(listenForViolations);
    managerContext.on('weberror', (e) => errors.push(`manager page error: ${e.error().message}`));
    const { page: manager } = await openPage(managerContext, `${server.url}/examples/admin/`, {
      quiet: true,
    });
    await manager.locator('#sign-in button[type="submit"]').click();
    await manager.locator('nav.sections a[href="dashboard.html"]').click();
    const dashboard = manager.locator('sightline-dashboard');
    await dashboard.locator('[data-action="new-dashboard"]:not([disabled])').click();
    await dashboard.locator('[data-phase="live"]').waitFor();

    const reason = `Valve drips ${Math.random().toString(36).slice(2, 7)}`;
    const customerContext = await browser.newContext();
    const { page: customer } = await openPage(customerContext, `${server.url}/examples/widget/`, {
      quiet: true,
    });
    const agentContext = await browser.newContext();
    const { page: agent } = await openPage(agentContext, `${server.url}/examples/console/`, { quiet: true });
    await signInStaff(agent);
    await fillRequest(customer, reason);
    await submitRequest(customer);
    await confirmRequest(agent, customer, reason);
    await startCall.agent(agent);
    await startCall.customer(customer);
    expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);
    const before = {
      agent: await withTransport<string[]>(agent, remoteTracks),
      customer: await withTransport<string[]>(customer, remoteTracks),
    };

    const monitorButton = dashboard
      .locator('[data-monitor="active-sessions"] [data-action="monitor"]')
      .first();
    await monitorButton.waitFor({ timeout: 10_000 });
    await monitorButton.click();
    const monitor = manager.locator('sightline-silent-monitor');
    await monitor.locator('.notice').waitFor();
    const video = monitor.locator('video[part="video"]').first();
    await video.waitFor({ timeout: 20_000 });
    const advanced = (await video.evaluate(
      (v: HTMLVideoElement) =>
        new Promise<number>((resolve, reject) => {
          const frames: number[] = [];
          const timer = setTimeout(() => reject(new Error('monitored frames did not advance')), 15_000);
          const tick = (_: number, meta: VideoFrameCallbackMetadata) => {
            frames.push(meta.presentedFrames);
            if (frames.length >= 3) {
              clearTimeout(timer);
              resolve(frames[frames.length - 1]! - frames[0]!);
            } else v.requestVideoFrameCallback(tick);
          };
          v.requestVideoFrameCallback(tick);
        }),
    )) as number;
    expect(advanced).toBeGreaterThan(0);
    expect(await monitor.locator('audio').count()).toBeGreaterThan(0);
    expect(await axeViolations(manager)).toEqual([]);
    expect(await violations(manager)).toEqual([]);

    // The participants' calls: the same remote tracks as before, one remote participant each.
    expect(await withTransport<string[]>(agent, remoteTracks)).toEqual(before.agent);
    expect(await withTransport<string[]>(customer, remoteTracks)).toEqual(before.customer);
    // The customer's picture still reaches the agent (the agent's camera starts off, VS-9).
    expect(await remoteFramesAdvance(agent)).toBeGreaterThan(0);

    await monitor.locator('[part="leave"]').click();
    await monitor.locator('[role="status"]', { hasText: /left/i }).waitFor();
    expect(errors).toEqual([]);
    await Promise.all([customerContext.close(), agentContext.close(), managerContext.close()]);
  }, 120_000);
});
