import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Sightline } from '../../shared/sdk.js';
import { $, customer, destroyInstances, find, staff, text } from '../../testing/fixtures.js';
import { leaveTransports, transportPair } from '../../testing/transports.js';
import '../video-call.js';
import type { SightlineVideoCall } from '../video-call.component.js';

// In real Chromium against the real server: two call elements in one page joined by a real P2P
// call, each with its own SDK instance signed in as the demo agent and customer (VS-15, SI-3).

afterEach(async () => {
  await leaveTransports();
  destroyInstances();
});

const button = (el: Element, action: string) => $<HTMLButtonElement>(el, `[data-action="${action}"]`);
const lines = (el: Element) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[data-message]') ?? [])];

/** A confirmed session of the demo device, requested by `client`, confirmed by `agent`. */
async function confirmedSession(client: Sightline, agent: Sightline, reason: string): Promise<string> {
  const { data } = await client.sessions.create({ reason });
  await agent.sessions.refresh();
  const confirmed = await agent.session(data!.id).confirm();
  expect(confirmed.error).to.equal(undefined);
  return data!.id;
}

/** Types into the chat input and presses Enter, as a person would. */
async function typeAndEnter(call: SightlineVideoCall, words: string): Promise<void> {
  (await find<HTMLTextAreaElement>(call, '#chat-input')).focus();
  await sendKeys({ type: words });
  await sendKeys({ press: 'Enter' });
}

/**
 * A fetch whose `POST …/messages` fails like a dropped network while `down` is true (the network is
 * outside the system: this is the one thing faked here).
 */
function flakyNetwork(): { fetch: typeof fetch; down: boolean } {
  const state = {
    down: false,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (state.down && request.method === 'POST' && new URL(request.url).pathname.endsWith('/messages')) {
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return fetch(input, init);
    }) as typeof fetch,
  };
  return state;
}

describe('chat in the call (VS-15)', () => {
  it('both ways over a real P2P call: shown at once, retried, deduplicated, notes staff-only, history after a reload', async function () {
    this.timeout(90_000);
    const agent = await staff();
    const network = flakyNetwork();
    const client = await customer({ fetch: network.fetch });
    const sessionId = await confirmedSession(client, agent, 'Chat over the call');
    const pair = transportPair();
    const wrapper = await fixture(html`<div lang="en">
      <sightline-video-call id="staff" role-in-call="staff" session-id=${sessionId} .sightline=${agent} .transport=${pair.staff}></sightline-video-call>
      <sightline-video-call id="customer" role-in-call="customer" session-id=${sessionId} .sightline=${client} .transport=${pair.customer}></sightline-video-call>
    </div>`);
    const staffEl = wrapper.querySelector<SightlineVideoCall>('#staff')!;
    const customerEl = wrapper.querySelector<SightlineVideoCall>('#customer')!;
    await Promise.all([pair.customer.join(), pair.staff.join()]);
    await waitUntil(() => customerEl.getAttribute('connection') === 'connected', 'not connected', {
      timeout: 20_000,
    });
    (await find<HTMLButtonElement>(customerEl, '[data-action="chat"]', 'no chat for the customer')).click();

    // The server cannot be reached: the line shows at once, still arrives over the call, and is
    // marked failed with a retry once the retries run out.
    network.down = true;
    await typeAndEnter(customerEl, 'Is anyone there?');
    const mine = await find(customerEl, '[data-message][data-state="sending"]');
    const id = mine.dataset.message!;
    await waitUntil(() => text(staffEl).includes('1 new'), 'no unread badge for staff', { timeout: 10_000 });
    (await find<HTMLButtonElement>(staffEl, '[data-action="chat"]')).click();
    await waitUntil(() => text(staffEl).includes('Is anyone there?'), 'not over the data channel');
    await waitUntil(() => $(customerEl, `[data-message="${id}"][data-state="failed"]`), 'never failed', {
      timeout: 15_000,
    });
    const stored = async (who: Sightline) =>
      (await who.api.GET('/v1/sessions/{id}/messages', { params: { path: { id: sessionId } } })).data!.items;
    expect(await stored(agent)).to.have.length(0);

    // Back online: Retry persists it under the same id; staff, who got it twice (call and event
    // stream), show it once.
    network.down = false;
    const delivered = new Promise<void>((resolve) => {
      const sub = agent.events$.subscribe((e) => {
        if (e.type === 'other' && e.name === 'message.created') {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    button(customerEl, 'chat-retry')!.click();
    await waitUntil(() => $(customerEl, `[data-message="${id}"][data-state="sent"]`), 'retry did not send');
    await delivered;
    await new Promise((r) => setTimeout(r, 200));
    expect((await stored(agent)).map((m) => m.id)).to.deep.equal([id]);
    expect(lines(staffEl).filter((l) => l.dataset.message === id)).to.have.length(1);
    // The server's name for the customer replaces the empty one from the call.
    await waitUntil(() => text(staffEl).includes('Boiler 12'), 'device name not shown');

    // Staff answer; Shift+Enter breaks the line, Enter sends.
    (await find<HTMLTextAreaElement>(staffEl, '#chat-input')).focus();
    await sendKeys({ type: 'Yes, hello!' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'Please open the cover.' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => text(customerEl).includes('Please open the cover.'),
      'customer never got the reply',
    );
    expect(lines(customerEl).find((l) => l.textContent?.includes('cover'))?.textContent).to.include(
      'Yes, hello!\nPlease open the cover.',
    );

    // A private note: stored for staff, never sent over the call, never shown or streamed to the customer.
    button(staffEl, 'chat-note')!.click();
    await typeAndEnter(staffEl, 'Customer sounds unsure about the cover.');
    await waitUntil(() => $(staffEl, '[data-kind="note"][data-state="sent"]'), 'note not stored');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(text(customerEl)).to.not.include('unsure');
    expect((await stored(client)).map((m) => m.kind)).to.deep.equal(['chat', 'chat']);
    expect((await stored(agent)).map((m) => m.kind)).to.deep.equal(['chat', 'chat', 'note']);
    await expect(staffEl).to.be.accessible();

    // A reload: a new element and SDK instance on the same session load the history.
    customerEl.remove();
    const again = await customer();
    const later = transportPair();
    const reloaded = await fixture<SightlineVideoCall>(
      html`<sightline-video-call lang="de" role-in-call="customer" session-id=${sessionId} .sightline=${again} .transport=${later.customer}></sightline-video-call>`,
    );
    (await find<HTMLButtonElement>(reloaded, '[data-action="chat"]')).click();
    await waitUntil(() => lines(reloaded).length === 2, 'history not loaded', { timeout: 10_000 });
    const [first, second] = lines(reloaded);
    expect(first!.classList.contains('mine')).to.equal(true);
    expect(first!.textContent).to.include('Sie');
    expect(second!.textContent).to.include('Please open the cover.');
    expect(text(reloaded)).to.not.include('unsure');
    await expect(reloaded).to.be.accessible();
  });

  it('no chat when the server does not list it for this side', async () => {
    const pair = transportPair();
    const el = await fixture<SightlineVideoCall>(
      html`<sightline-video-call lang="en" role-in-call="staff" session-id="ses_x" .sightline=${await staff()} .capabilities=${['ar.draw']} .transport=${pair.staff}></sightline-video-call>`,
    );
    await find(el, '[data-action="end"]');
    expect(button(el, 'chat')).to.equal(null);
  });
});
