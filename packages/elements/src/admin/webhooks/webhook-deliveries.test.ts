import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text } from '../../testing/fixtures.js';
import './webhook-deliveries.js';
import type { SightlineAdminWebhookDeliveries } from './webhook-deliveries.component.js';

afterEach(() => destroyInstances());

const rows = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('tr[data-delivery]')].map((r) => r.dataset.delivery);

describe('<sightline-admin-webhook-deliveries>', () => {
  it('lists deliveries newest first and loads more by cursor (SI-12)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const made = await manager.api.POST('/v1/webhooks', {
      body: { url: `${serverUrl()}/no-such-receiver-log`, events: ['session.completed'] },
    });
    const id = made.data!.id;
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
    const manager = await staff(DEMO.managerEmail);
    const made = await manager.api.POST('/v1/webhooks', {
      body: { url: `${serverUrl()}/no-such-receiver-empty`, events: ['*'] },
    });
    const el = await fixture<SightlineAdminWebhookDeliveries>(
      html`<sightline-admin-webhook-deliveries lang="es" endpoint-id=${made.data!.id} .sightline=${manager}></sightline-admin-webhook-deliveries>`,
    );
    await waitUntil(() => text(el).includes('Aún no hay entregas'), 'no empty state');
    await expect(el).to.be.accessible();
  });
});
