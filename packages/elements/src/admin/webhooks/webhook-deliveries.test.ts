import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { components } from '@sightline/api-client';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text } from '../../testing/fixtures.js';
import './webhook-deliveries.js';
import type { SightlineAdminWebhookDeliveries } from './webhook-deliveries.component.js';

afterEach(() => destroyInstances());

/** The manager, and a new endpoint of theirs whose receiver does not exist (every delivery fails). */
async function managerWithEndpoint(
  receiver: string,
  events: ('*' | components['schemas']['WebhookEventType'])[],
) {
  const manager = await staff(DEMO.managerEmail);
  const made = await manager.api.POST('/v1/webhooks', {
    body: { url: `${serverUrl()}/no-such-receiver-${receiver}`, events },
  });
  return { manager, id: made.data!.id };
}

const rows = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('tr[data-delivery]')].map((r) => r.dataset.delivery);

describe('<sightline-admin-webhook-deliveries>', () => {
  it('lists deliveries newest first and loads more by cursor (SI-12)', async () => {
    const { manager, id } = await managerWithEndpoint('log', ['session.completed']);
    const sent: string[] = [];
    for (let i = 0; i < 23; i++) {
      const r = await manager.api.POST('/v1/webhooks/{id}/test', { params: { path: { id } } });
      sent.push(r.data!.id);
    }
    const el = await fixture<SightlineAdminWebhookDeliveries>(
      html`<sightline-admin-webhook-deliveries endpoint-id=${id} .sightline=${manager}></sightline-admin-webhook-deliveries>`,
    );
    await find(el, 'tr[data-delivery]');
    const newestFirst = [...sent].reverse();
    expect(rows(el)).to.deep.equal(newestFirst.slice(0, 20));
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[data-action="load-more"]')!.click();
    await waitUntil(() => rows(el).length === 23, 'no second page');
    expect(rows(el)).to.deep.equal(newestFirst);
    expect($(el, '[data-action="load-more"]')).to.equal(null);
  });

  it('says when an endpoint has no deliveries yet, in Spanish too', async () => {
    const { manager, id } = await managerWithEndpoint('empty', ['*']);
    const el = await fixture<SightlineAdminWebhookDeliveries>(
      html`<sightline-admin-webhook-deliveries lang="es" endpoint-id=${id} .sightline=${manager}></sightline-admin-webhook-deliveries>`,
    );
    await waitUntil(() => text(el).includes('Aún no hay entregas'), 'no empty state');
    await expect(el).to.be.accessible();
  });
});

/** A moment one side of the test waits for and the other brings about. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire: () => fire(), fired };
}

describe('<sightline-admin-webhook-deliveries> with answers out of order', () => {
  it('an answer asked before a later one never replaces it: a slow poll does not hide an attempt already shown (network order simulated)', async () => {
    const { manager, id } = await managerWithEndpoint('race', ['*']);
    const sent = await manager.api.POST('/v1/webhooks/{id}/test', { params: { path: { id } } });
    const deliveryId = sent.data!.id;
    const path = { params: { path: { id, deliveryId } } };
    // The receiver answers 404: the server records the one attempt and gives up.
    for (
      let i = 0;
      (await manager.api.GET('/v1/webhooks/{id}/deliveries/{deliveryId}', path)).data?.status !== 'failed';
      i++
    ) {
      if (i > 100) throw new Error('the test delivery did not fail on the server');
      await new Promise((r) => setTimeout(r, 100));
    }

    // The log's network (simulated): its first page and its first look at the delivery answer as
    // the server did before the attempt, and that look arrives only when released.
    let pages = 0;
    let looks = 0;
    const asked = signal();
    const released = signal();
    const answered = signal();
    const network: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      const url = new URL(request.url);
      if (request.method !== 'GET' || !url.pathname.startsWith(`/v1/webhooks/${id}/deliveries`))
        return response;
      const body = await response.json();
      const before = (d: { id: string }) => (d.id === deliveryId ? { ...d, status: 'pending' } : d);
      const answer = (json: unknown) => Response.json(json, { status: response.status });
      if (url.pathname.endsWith('/deliveries'))
        return answer(pages++ === 0 ? { ...body, items: body.items.map(before) } : body);
      if (looks++ > 0) return answer(body);
      asked.fire();
      await released.fired;
      // `answered` fires a moment after the log has read this answer to its end (and applied it).
      const bytes = new TextEncoder().encode(JSON.stringify({ ...before(body), attempts: [] }));
      let read = false;
      const stale = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (read) {
            controller.close();
            setTimeout(answered.fire, 50);
          } else controller.enqueue(bytes);
          read = true;
        },
      });
      return new Response(stale, {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    };
    const viewer = await staff(DEMO.managerEmail, { fetch: network });
    const el = await fixture<SightlineAdminWebhookDeliveries>(
      html`<sightline-admin-webhook-deliveries endpoint-id=${id} .sightline=${viewer}></sightline-admin-webhook-deliveries>`,
    );
    const row = await find(el, `tr[data-delivery="${deliveryId}"][data-status="pending"]`);
    // The log looks again at what is pending; that answer is on its way while the delivery opens.
    await asked.fired;
    (row.querySelector('[data-action="details"]') as HTMLButtonElement).click();
    await find(el, 'tr.detail tr[data-attempt]');
    await waitUntil(
      () => $(el, `tr[data-delivery="${deliveryId}"][data-status="failed"]`),
      'opened: not failed',
    );

    released.fire();
    await answered.fired;
    await el.updateComplete;
    expect($(el, `tr[data-delivery="${deliveryId}"][data-status="failed"]`)).to.exist;
    expect(el.shadowRoot!.querySelectorAll('tr.detail tr[data-attempt]').length).to.equal(1);
  });
});
