import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, staff, text, type } from '../../testing/fixtures.js';
import './portals.js';
import type { SightlineAdminPortals } from './portals.component.js';

afterEach(() => destroyInstances());

describe('<sightline-admin-portals>', () => {
  it('creates a portal with feature modes and business hours, shows slug errors, edits with If-Match (MC-1, MC-6)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminPortals>(
      html`<sightline-admin-portals .sightline=${manager}></sightline-admin-portals>`,
    );
    await find(el, 'table');
    await expect(el).to.be.accessible();
    const name = `Portal ${Math.random().toString(36).slice(2, 8)}`;

    $<HTMLButtonElement>(el, '[data-action="new-portal"]')!.click();
    await find(el, 'dialog#portal-form[open]');
    type($<HTMLInputElement>(el, '#name')!, name);
    type($<HTMLInputElement>(el, '#slug')!, 'Not A Slug');
    ($(el, '[data-feature="screenshots"] input[value="off"]') as HTMLInputElement).click();
    ($(el, '[data-feature="recording"] input[value="required"]') as HTMLInputElement).click();
    ($(el, '[data-field="around-the-clock"]') as HTMLInputElement).click();
    await find(el, '[data-part="hours"] [data-day="mon"] input[type="time"]');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '#portal-form [data-action="save"]')!.click();
    await waitUntil(() => $(el, '#portal-form #slug-error'), 'no slug error');
    expect($(el, '#slug')?.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    type($<HTMLInputElement>(el, '#slug')!, '');
    $<HTMLButtonElement>(el, '#portal-form [data-action="save"]')!.click();
    const row = await find(el, `tr[data-name="${name}"]`);
    expect(row.querySelector('[data-feature="screenshots"][data-mode="off"]')).to.not.equal(null);
    expect(row.querySelector('[data-feature="recording"][data-mode="required"]')).to.not.equal(null);
    expect(row.textContent).to.include('Open 5 days a week');
    const id = row.getAttribute('data-portal')!;
    const stored = await manager.api.GET('/v1/portals/{id}', { params: { path: { id } } });
    expect(stored.data!.businessHours?.mon).to.deep.equal([{ start: '09:00', end: '17:00' }]);

    // A stale edit is refused, reloaded and told.
    (row.querySelector('[data-action="edit"]') as HTMLButtonElement).click();
    await find(el, 'dialog#portal-form[open]');
    await manager.api.PATCH('/v1/portals/{id}', {
      params: { path: { id }, header: { 'if-match': stored.response.headers.get('etag') ?? undefined } },
      body: { reportEmail: 'reports@example.test' },
    });
    ($(el, '[data-feature="chat"] input[value="off"]') as HTMLInputElement).click();
    $<HTMLButtonElement>(el, '#portal-form [data-action="save"]')!.click();
    await waitUntil(() => $(el, '#portal-form .alert[data-status="412"]'), 'no 412');
    await waitUntil(
      () => $<HTMLInputElement>(el, '#reportEmail')?.value === 'reports@example.test',
      'not reloaded',
    );
    ($(el, '[data-feature="chat"] input[value="off"]') as HTMLInputElement).click();
    $<HTMLButtonElement>(el, '#portal-form [data-action="save"]')!.click();
    await waitUntil(() => text(el).includes(`Portal ${name} was saved.`), 'not saved');
  });
});
