import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Sightline } from '../../shared/sdk.js';
import { $, customer, destroyInstances, find, staff, text } from '../../testing/fixtures.js';
import { leaveTransports, transportPair } from '../../testing/transports.js';
import '../video-call.js';
import type { SightlineVideoCall } from '../video-call.component.js';

// The customer's AI-summary consent in the call (SI-3), in real Chromium against the real server:
// the demo device asks ("after confirmation"), so an unanswered session asks at call start.

afterEach(async () => {
  await leaveTransports();
  destroyInstances();
});

async function confirmedSession(client: Sightline, reason: string): Promise<string> {
  const agent = await staff();
  const { data } = await client.sessions.create({ reason });
  await agent.sessions.refresh();
  expect((await agent.session(data!.id).confirm()).error).to.equal(undefined);
  return data!.id;
}

async function customerCall(client: Sightline, sessionId: string, lang = 'en'): Promise<SightlineVideoCall> {
  const pair = transportPair();
  return fixture<SightlineVideoCall>(
    html`<sightline-video-call lang=${lang} role-in-call="customer" session-id=${sessionId} .sightline=${client} .transport=${pair.customer}></sightline-video-call>`,
  );
}

const decisions = async (client: Sightline, sessionId: string) =>
  (await client.api.GET('/v1/sessions/{id}/consents', { params: { path: { id: sessionId } } }))
    .data!.items.filter((c) => c.kind === 'summary')
    .map((c) => c.decision);

const click = async (el: Element, action: string) =>
  (await find<HTMLButtonElement>(el, `[data-action="${action}"]:not([disabled])`, `no ${action}`)).click();

describe('AI-summary consent in the call (SI-3)', () => {
  it('asks at call start when unanswered, records the answer and every change', async () => {
    const client = await customer();
    const sessionId = await confirmedSession(client, 'Consent asked in the call');
    const el = await customerCall(client, sessionId);
    await find(el, '[part="summary-consent"] fieldset[data-state="asking"]', 'question not asked');
    expect(text(el)).to.include('May we write an AI summary of this support session');
    await expect(el).to.be.accessible();

    await click(el, 'summary-deny');
    await waitUntil(() => $(el, '.consent-answer[data-state="denied"]'), 'answer not shown');
    expect(text(el)).to.include('AI summary of this session: not allowed.');
    await click(el, 'summary-allow');
    await waitUntil(() => $(el, '.consent-answer[data-state="granted"]'), 'change not shown');
    await click(el, 'summary-revoke');
    await waitUntil(() => $(el, '.consent-answer[data-state="revoked"]'), 'withdrawal not shown');
    expect(await decisions(client, sessionId)).to.deep.equal(['denied', 'granted', 'revoked']);
    await expect(el).to.be.accessible();
  });

  it('does not ask again what the request flow already asked; speaks German', async () => {
    const client = await customer();
    const sessionId = await confirmedSession(client, 'Consent answered before');
    await client.api.POST('/v1/sessions/{id}/consents', {
      params: { path: { id: sessionId } },
      body: { kind: 'summary', decision: 'granted' },
    });
    const el = await customerCall(client, sessionId, 'de');
    await find(el, '.consent-answer[data-state="granted"]', 'answer not shown');
    expect($(el, '[part="summary-consent"] fieldset[data-state="asking"]')).to.equal(null);
    expect(text(el)).to.include('KI-Zusammenfassung dieser Sitzung: erlaubt.');
    expect(text(el)).to.include('Widerrufen');
  });

  it('the device setting: always allow → no question; back to ask each time', async () => {
    const client = await customer();
    const me = (await client.api.GET('/v1/me')).data!;
    const deviceId = me.kind === 'customer' ? me.deviceId : '';
    const sessionId = await confirmedSession(client, 'Device setting');
    const el = await customerCall(client, sessionId);
    const select = await find<HTMLSelectElement>(el, '[data-action="summary-device"]');
    expect(select.value).to.equal('after-confirmation');
    expect([...select.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'Always allow',
      'Never',
      'Ask each time',
    ]);
    try {
      select.value = 'allowed';
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => !$(el, '[part="summary-consent"] fieldset[data-state="asking"]'), 'still asking');
      const stored = await client.api.GET('/v1/devices/{id}/ai-consent', {
        params: { path: { id: deviceId } },
      });
      expect(stored.data?.access).to.equal('allowed');
      await waitUntil(() => !$<HTMLSelectElement>(el, '[data-action="summary-device"]')?.disabled, 'busy');
      const again = $<HTMLSelectElement>(el, '[data-action="summary-device"]')!;
      again.value = 'after-confirmation';
      again.dispatchEvent(new Event('change'));
      await find(el, '[part="summary-consent"] fieldset[data-state="asking"]', 'question not back');
    } finally {
      // Leave the shared demo device as it was for the other tests of the run.
      const now = await client.api.GET('/v1/devices/{id}/ai-consent', { params: { path: { id: deviceId } } });
      if (now.data?.access !== 'after-confirmation')
        await client.api.PUT('/v1/devices/{id}/ai-consent', {
          params: { path: { id: deviceId }, header: { 'if-match': `"${now.data!.version}"` } },
          body: { access: 'after-confirmation' },
        });
    }
    expect(await decisions(client, sessionId)).to.deep.equal([]);
  });

  it('staff are never asked', async () => {
    const agent = await staff();
    const client = await customer();
    const sessionId = await confirmedSession(client, 'Staff side');
    const pair = transportPair();
    const el = await fixture<SightlineVideoCall>(
      html`<sightline-video-call lang="en" role-in-call="staff" session-id=${sessionId} .sightline=${agent} .transport=${pair.staff}></sightline-video-call>`,
    );
    await find(el, '[data-action="end"]');
    await new Promise((r) => setTimeout(r, 500));
    expect($(el, '[part="summary-consent"]')).to.equal(null);
  });
});
