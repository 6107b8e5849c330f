import { expect, waitUntil } from '@open-wc/testing';
import { $, destroyInstances, find } from '../../testing/fixtures.js';
import { callFromWidget } from '../../testing/widget-call.js';

// Recording in the call (VS-10) in real Chromium (fake camera) against the real server: the staff
// member cannot record until the customer consents on the call screen; while it records both sides
// show it; withdrawing consent stops it at once and what was recorded is uploaded.

afterEach(() => destroyInstances());

const recordButton = (call: Element) => $<HTMLButtonElement>(call, '[data-action="record"]');

describe('recording in the call (VS-10)', () => {
  it('no consent → Record disabled; consent on the call screen → recording shown on both sides; withdrawn → stopped and uploaded', async function () {
    this.timeout(120_000);
    const { agent, session, customerCall, staffCall } = await callFromWidget(
      'Please record how the valve is set',
      ['input[name="consent"][value="denied"]'],
    );

    // Declined in the request flow: Record is offered but disabled, saying why.
    const record = await find<HTMLButtonElement>(staffCall, '[data-action="record"]', 'no Record button');
    await waitUntil(() => staffCall.getAttribute('connection') === 'connected', 'never connected', {
      timeout: 20_000,
    });
    expect(record.disabled).to.equal(true);
    expect(record.title).to.include('consent');
    expect(record.getAttribute('aria-pressed')).to.equal('false');
    await expect(staffCall).to.be.accessible();

    // The customer changes their mind on the call screen.
    (await find<HTMLButtonElement>(customerCall, '[data-action="recording-allow"]', 'no question')).click();
    await waitUntil(() => recordButton(staffCall)?.disabled === false, 'Record never enabled', {
      timeout: 10_000,
    });
    recordButton(staffCall)!.click();
    await waitUntil(() => $(staffCall, '[part="recording"]'), 'no indicator (staff)', { timeout: 10_000 });
    await waitUntil(() => $(customerCall, '[part="recording"]'), 'no indicator (customer)', {
      timeout: 10_000,
    });
    expect(recordButton(staffCall)!.getAttribute('aria-pressed')).to.equal('true');
    await expect(customerCall).to.be.accessible();
    await new Promise((r) => setTimeout(r, 3000));

    // Withdrawn: the recording stops at once, on every side, and what was recorded is uploaded.
    (await find<HTMLButtonElement>(customerCall, '[data-action="recording-revoke"]')).click();
    await waitUntil(() => !$(staffCall, '[part="recording"]'), 'still recording (staff)', {
      timeout: 10_000,
    });
    await waitUntil(() => !$(customerCall, '[part="recording"]'), 'still shown (customer)', {
      timeout: 10_000,
    });
    await waitUntil(
      async () => {
        const { data } = await agent.api.GET('/v1/recordings', {
          params: { query: { sessionId: session.id } },
        });
        const r = data?.items[0];
        return r?.status === 'available' && r.stopReason === 'consent-revoked' && (r.durationMs ?? 0) > 2000;
      },
      'the recording was not stopped for the withdrawn consent and uploaded',
      { timeout: 20_000 },
    );
    expect(recordButton(staffCall)!.disabled).to.equal(true);
    await expect(staffCall).to.be.accessible();
  });
});
