import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Sightline } from '../../shared/sdk.js';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text, type } from '../../testing/fixtures.js';
import './webhooks.js';
import type { SightlineAdminWebhooks } from './webhooks.component.js';

afterEach(() => destroyInstances());

/** A receiver on this machine that answers every POST with an error: the server itself, at a path it does not serve. */
const failingReceiver = () => `${serverUrl()}/no-such-receiver-${Math.random().toString(36).slice(2, 8)}`;

async function mount(): Promise<SightlineAdminWebhooks & { manager: Sightline }> {
  const manager = await staff(DEMO.managerEmail);
  const el = await fixture<SightlineAdminWebhooks>(
    html`<sightline-admin-webhooks .sightline=${manager}></sightline-admin-webhooks>`,
  );
  await waitUntil(() => $(el, 'table') || $(el, '.empty'), 'list not loaded');
  return Object.assign(el, { manager });
}

function tick(el: Element, selector: string, checked = true): void {
  const box = $<HTMLInputElement>(el, selector)!;
  box.checked = checked;
  box.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function secretShown(el: SightlineAdminWebhooks): Promise<string> {
  const shown = await find(el, 'dialog#webhook-secret[open] [data-field="secret"]');
  await waitUntil(() => shown.textContent?.trim(), 'no secret');
  return shown.textContent!.trim();
}

async function closeSecret(el: SightlineAdminWebhooks, secret: string): Promise<void> {
  $<HTMLButtonElement>(el, 'dialog#webhook-secret .primary')!.click();
  await waitUntil(() => !$(el, 'dialog#webhook-secret[open]'), 'secret dialog still open');
  // Once its dialog closes, the secret is nowhere on the page.
  await waitUntil(() => !el.shadowRoot!.innerHTML.includes(secret), 'secret still in the page');
}

describe('<sightline-admin-webhooks>', () => {
  it('puts the server’s problems beside the URL and the events, then adds an endpoint whose whsec_ secret is shown once (SI-12)', async () => {
    const el = await mount();
    $<HTMLButtonElement>(el, '[data-action="new-webhook"]')!.click();
    await find(el, 'dialog#webhook-form[open]');
    type($<HTMLInputElement>(el, '#webhook-url')!, 'ftp://crm.example.com/hooks');
    $<HTMLButtonElement>(el, '#webhook-form [data-action="save"]')!.click();
    const eventsError = await find(el, '#webhook-form #events-error');
    expect(eventsError.closest('fieldset')!.dataset.field).to.equal('events');
    expect($<HTMLInputElement>(el, '#webhook-url')!.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();

    tick(el, '#webhook-form input[value="session.completed"]');
    tick(el, '#webhook-form input[value="summary.created"]');
    $<HTMLButtonElement>(el, '#webhook-form [data-action="save"]')!.click();
    // The scheme is refused by the server's URL check, beside the URL field.
    const urlError = await find(el, '#webhook-form #url-error');
    expect(urlError.textContent).to.match(/https/);
    expect($<HTMLInputElement>(el, '#webhook-url')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('webhook-url');

    const url = failingReceiver();
    type($<HTMLInputElement>(el, '#webhook-url')!, url);
    type($<HTMLInputElement>(el, '#webhook-description')!, 'Helpdesk One staging');
    $<HTMLButtonElement>(el, '#webhook-form [data-action="save"]')!.click();
    const secret = await secretShown(el);
    expect(secret).to.match(/^whsec_/);
    expect(text(el)).to.include('You will not see it again');
    await expect(el).to.be.accessible();
    await closeSecret(el, secret);

    const row = await find(el, `tr[data-url="${url}"]`);
    expect(row.textContent).to.include('Helpdesk One staging');
    expect(row.textContent).to.include('session.completed');
    expect(row.textContent).to.include('summary.created');
    expect(row.textContent).not.to.include('summary.deleted');
    expect(row.dataset.enabled).to.equal('true');
    expect(text(el)).to.include(`${url} was added.`);
  });

  it('sends a test event that shows in the deliveries log with its failed attempt, and retries it (SI-12)', async () => {
    const el = await mount();
    const { manager } = el;
    const url = failingReceiver();
    const made = await manager.api.POST('/v1/webhooks', { body: { url, events: ['*'] } });
    expect(made.response.status).to.equal(201);
    await el.refresh();
    const row = await find(el, `tr[data-url="${url}"]`);
    expect(row.textContent).to.include('All events');

    (row.querySelector('[data-action="test"]') as HTMLButtonElement).click();
    await waitUntil(() => text(el).includes('A test event to'), 'test not queued');
    (row.querySelector('[data-action="deliveries"]') as HTMLButtonElement).click();
    await find(el, 'dialog#webhook-deliveries[open]');
    const log = await find(el, 'sightline-admin-webhook-deliveries');
    const ping = await find(log, 'tr[data-event="webhook.test"]');
    (ping.querySelector('[data-action="details"]') as HTMLButtonElement).click();
    // The delivery opens; the one attempt arrives by itself, with the receiver's error status.
    const attempt = await find(log, 'tr.detail tr[data-attempt]');
    expect(Number(attempt.dataset.statusCode)).to.be.at.least(400);
    await waitUntil(() => $(log, 'tr[data-event="webhook.test"][data-status="failed"]'), 'not failed');
    expect(text(log)).to.include('"type": "webhook.test"');
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(log, 'tr[data-event="webhook.test"] [data-action="retry"]')!.click();
    await waitUntil(() => text(log).includes('Sent again'), 'not retried');
    await waitUntil(
      () => log.shadowRoot!.querySelectorAll('tr.detail tr[data-attempt]').length === 2,
      'no second attempt',
      { timeout: 10_000 },
    );
    await waitUntil(() => $(log, 'tr[data-event="webhook.test"][data-status="failed"]'), 'retry not failed');

    // Filtered by status.
    const filter = $<HTMLSelectElement>(log, '#delivery-status')!;
    filter.value = 'delivered';
    filter.dispatchEvent(new Event('change'));
    await waitUntil(() => text(log).includes('No deliveries with this status.'), 'filter ignored');
    filter.value = 'failed';
    filter.dispatchEvent(new Event('change'));
    await find(log, 'tr[data-event="webhook.test"][data-status="failed"]');
  });

  it('rotates the secret with a 24 h overlap or at once, disables and enables, and deletes after a confirmation (SI-12)', async () => {
    const el = await mount();
    const { api } = el.manager;
    const url = failingReceiver();
    const made = await api.POST('/v1/webhooks', { body: { url, events: ['summary.updated'] } });
    const first = made.data!.secret;
    await el.refresh();
    const row = await find(el, `tr[data-url="${url}"]`);

    (row.querySelector('[data-action="rotate"]') as HTMLButtonElement).click();
    await find(el, 'dialog#webhook-rotate[open]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-rotate"]')!.click();
    const second = await secretShown(el);
    expect(second)
      .to.match(/^whsec_/)
      .and.not.equal(first);
    expect($(el, '[data-field="overlap"]')!.textContent).to.include('also signs every message until');
    await closeSecret(el, second);

    (row.querySelector('[data-action="rotate"]') as HTMLButtonElement).click();
    await find(el, 'dialog#webhook-rotate[open]');
    $<HTMLInputElement>(el, '#webhook-rotate input[value="0"]')!.checked = true;
    $<HTMLButtonElement>(el, '[data-action="confirm-rotate"]')!.click();
    await waitUntil(
      () => $(el, '[data-field="overlap"]')?.textContent?.includes('no longer signs'),
      'not at once',
    );
    const third = await secretShown(el);
    expect(third).not.to.equal(second);
    await closeSecret(el, third);

    // Disable in the edit form.
    (row.querySelector('[data-action="edit"]') as HTMLButtonElement).click();
    await find(el, 'dialog#webhook-form[open]');
    expect($<HTMLInputElement>(el, '#webhook-url')!.value).to.equal(url);
    expect($<HTMLInputElement>(el, '#webhook-form input[value="summary.updated"]')!.checked).to.equal(true);
    await expect(el).to.be.accessible();
    tick(el, '#webhook-form input[name="enabled"]', false);
    $<HTMLButtonElement>(el, '#webhook-form [data-action="save"]')!.click();
    await waitUntil(() => $(el, `tr[data-url="${url}"][data-enabled="false"]`), 'not disabled');
    expect($(el, `tr[data-url="${url}"]`)!.textContent).to.include('Disabled by a manager');
    const gone = await api.GET('/v1/webhooks/{id}', { params: { path: { id: made.data!.id } } });
    expect(gone.data!.disabledReason).to.equal('manual');

    $<HTMLButtonElement>(el, `tr[data-url="${url}"] [data-action="enable"]`)!.click();
    await waitUntil(() => $(el, `tr[data-url="${url}"][data-enabled="true"]`), 'not enabled');
    expect(text(el)).to.include(`${url} is enabled again.`);

    $<HTMLButtonElement>(el, `tr[data-url="${url}"] [data-action="delete"]`)!.click();
    await find(el, 'dialog#webhook-delete[open]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[data-action="confirm-delete"]')!.click();
    await waitUntil(() => !$(el, `tr[data-url="${url}"]`), 'not deleted');
    expect(text(el)).to.include(`${url} was deleted.`);
    const after = await api.GET('/v1/webhooks/{id}', { params: { path: { id: made.data!.id } } });
    expect(after.response.status).to.equal(404);
  });

  it('works by keyboard: Enter opens the form on the URL field, Escape closes it and gives focus back', async () => {
    const el = await mount();
    const add = $<HTMLButtonElement>(el, '[data-action="new-webhook"]')!;
    add.focus();
    await sendKeys({ press: 'Enter' });
    await find(el, 'dialog#webhook-form[open]');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'webhook-url', 'URL field not focused');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(el, 'dialog#webhook-form[open]'), 'form still open');
    await waitUntil(() => el.shadowRoot!.activeElement === add, 'focus not given back');
  });
});
