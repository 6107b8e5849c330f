import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../request-flow/request-flow.js';
import type { SightlineRequestFlow } from '../request-flow/request-flow.component.js';
import type { InviteEventDetail } from '../shared/events.js';
import { createSightline, type Sightline } from '../shared/sdk.js';
import { $, customer, DEMO, destroyInstances, find, serverUrl, staff, text } from '../testing/fixtures.js';
import '../session-inbox/session-inbox.js';
import type { SightlineSessionInbox } from '../session-inbox/session-inbox.component.js';
import './session-invite.js';
import type { SightlineSessionInvite } from './session-invite.component.js';

const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

/** A session staff created for the demo device (VS-5: it starts confirmed). */
async function staffSession(agent: Sightline): Promise<string> {
  const { data: devices } = await agent.api.GET('/v1/devices');
  const device = devices?.items.find((d) => d.name === DEMO.deviceName);
  const r = await agent.sessions.create({ deviceId: device?.id ?? '', reason: unique('Call back') });
  if (r.error) throw new Error(r.error.title);
  return r.data.id;
}

afterEach(() => destroyInstances());

describe('<sightline-session-invite> (VS-5, VS-9)', () => {
  it('staff make a link; whoever opens it follows this session only; revoking it ends it; axe clean', async () => {
    const agent = await staff();
    const id = await staffSession(agent);
    const el = await fixture<SightlineSessionInvite>(
      html`<sightline-session-invite .sightline=${agent} session-id=${id}></sightline-session-invite>`,
    );
    const invite = await find<HTMLButtonElement>(el, '[data-action="invite"]');
    await expect(el).to.be.accessible();

    const made = oneEvent(el, 'sightline-invite');
    invite.click();
    const detail = ((await made) as CustomEvent<InviteEventDetail>).detail;
    await find(el, '[part="link"]');
    // Focus moves to the next thing to do: copying the link.
    await waitUntil(
      () => el.shadowRoot?.activeElement?.getAttribute('data-action') === 'copy',
      'copy not focused',
      {
        timeout: 10_000,
      },
    );
    const shown = $<HTMLInputElement>(el, 'input[part~="url"]')?.value;
    expect(shown).to.equal(detail.link);
    const code = new URL(detail.link).searchParams.get('code') ?? '';
    expect(code).to.match(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const mail = $<HTMLAnchorElement>(el, '[data-action="email"]')?.href ?? '';
    expect(decodeURIComponent(mail)).to.include(detail.link);
    expect(text(el)).to.include('Works until');
    await expect(el).to.be.accessible();

    // Copy: into the clipboard where the page may write it, else the link is selected to copy by hand.
    $<HTMLButtonElement>(el, '[data-action="copy"]')?.click();
    await waitUntil(() => $(el, '.note')?.textContent?.trim(), 'no copy note', { timeout: 10_000 });
    const note = $(el, '.note')?.textContent?.trim();
    if (note === 'Link copied.') expect(await navigator.clipboard.readText()).to.equal(detail.link);
    else expect(note).to.equal('Copy it by hand: the link is selected.');

    // The customer's page opened from the link: the session itself, never a request form.
    const flow = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow base-url=${serverUrl()} access-code=${code}></sightline-request-flow>`,
    );
    await waitUntil(() => $(flow, '[data-status="confirmed"]'), 'the invited session is not shown', {
      timeout: 10_000,
    });
    expect(flow.sessionId).to.equal(id);
    expect($(flow, 'form')).to.equal(null);
    expect($(flow, '[data-action="start-call"]')).not.to.equal(null);

    // Revoke: listed as active until then; the code no longer signs anyone in.
    const row = await find(el, `[data-invite="${detail.inviteId}"]`);
    row.querySelector<HTMLButtonElement>('[data-action="revoke"]')?.click();
    await waitUntil(() => !$(el, `[data-invite="${detail.inviteId}"]`), 'still listed', { timeout: 10_000 });
    expect(text(el)).to.include('Link revoked');
    expect(el.shadowRoot?.activeElement?.getAttribute('data-action')).to.equal('invite');
    const again = createSightline({ baseUrl: serverUrl(), accessCode: code });
    const signIn = await again.ready;
    again.destroy();
    expect(signIn.error?.status).to.equal(401);
    await expect(el).to.be.accessible();
  });

  it('the inbox offers the invitation on the session staff just created', async () => {
    const agent = await staff();
    const id = await staffSession(agent);
    const inbox = await fixture<SightlineSessionInbox>(
      html`<sightline-session-inbox .sightline=${agent} session-id=${id}></sightline-session-inbox>`,
    );
    const details = await find(inbox, '[part="details"][data-status="confirmed"]');
    const invite = details.querySelector<SightlineSessionInvite>('sightline-session-invite');
    expect(invite?.getAttribute('session-id')).to.equal(id);
    const button = await find<HTMLButtonElement>(invite as Element, '[data-action="invite"]');
    const made = oneEvent(inbox, 'sightline-invite');
    button.click();
    expect(((await made) as CustomEvent<InviteEventDetail>).detail.sessionId).to.equal(id);
    await find(invite as Element, '[part="link"]');
    await expect(inbox).to.be.accessible();
  });

  it('an invited customer whose session ended is not offered a new request', async () => {
    const agent = await staff();
    const id = await staffSession(agent);
    const { data } = await agent.api.POST('/v1/sessions/{id}/invites', { params: { path: { id } } });
    const flow = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow base-url=${serverUrl()} access-code=${data?.code ?? ''}></sightline-request-flow>`,
    );
    await waitUntil(() => $(flow, '[data-status="confirmed"]'), 'not shown', { timeout: 10_000 });
    // The customer cancels (VS-6: either side may); the session ends for the invitation too.
    $<HTMLButtonElement>(flow, '[data-action="cancel"]')?.click();
    await waitUntil(() => $(flow, '[data-status="cancelled"]'), 'not cancelled', { timeout: 10_000 });
    expect($(flow, '[data-action="new"]')).to.equal(null);
  });

  it('shows nothing to a customer, or once the session has finished; speaks the page language', async () => {
    const agent = await staff();
    const id = await staffSession(agent);
    const asCustomer = await fixture<SightlineSessionInvite>(
      html`<sightline-session-invite .sightline=${await customer()} session-id=${id}></sightline-session-invite>`,
    );
    const de = await fixture<SightlineSessionInvite>(
      html`<sightline-session-invite lang="de" .sightline=${agent} session-id=${id}></sightline-session-invite>`,
    );
    expect((await find(de, '[data-action="invite"]')).textContent?.trim()).to.equal('Kunden einladen');
    expect(asCustomer.shadowRoot?.querySelector('button')).to.equal(null);
    await agent.session(id).cancel();
    await waitUntil(() => !$(de, '[data-action="invite"]'), 'still offered after cancelling', {
      timeout: 10_000,
    });
  });
});
