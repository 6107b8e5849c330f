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

  it('sets, changes and removes a portal’s replay passphrase with the account password (MC-13)', async () => {
    const manager = await staff(DEMO.managerEmail);
    const name = `Recorded ${Math.random().toString(36).slice(2, 8)}`;
    const created = await manager.api.POST('/v1/portals', { body: { name } });
    expect(created.response.status).to.equal(201);
    const el = await fixture<SightlineAdminPortals>(
      html`<sightline-admin-portals lang="en" .sightline=${manager}></sightline-admin-portals>`,
    );
    const row = await find(el, `tr[data-name="${name}"]`);
    (row.querySelector('[data-action="passphrase"]') as HTMLButtonElement).click();
    await find(el, 'dialog#passphrase[open] [data-state="open"]');
    await expect(el).to.be.accessible();
    type($<HTMLInputElement>(el, '#account-password')!, 'not my password');
    type($<HTMLInputElement>(el, '#new-passphrase')!, 'a passphrase long enough');
    type($<HTMLInputElement>(el, '#repeat-passphrase')!, 'a passphrase long enough');
    $<HTMLButtonElement>(el, '[data-action="save-passphrase"]')!.click();
    await waitUntil(() => $(el, '#passphrase .alert[data-status="403"]'), 'wrong password not refused', {
      timeout: 10_000,
    });
    type($<HTMLInputElement>(el, '#account-password')!, DEMO.password);
    $<HTMLButtonElement>(el, '[data-action="save-passphrase"]')!.click();
    await find(el, 'dialog#passphrase [data-state="protected"]', 'not protected');
    expect(text(el)).to.include('The replay passphrase was saved.');
    await expect(el).to.be.accessible();
    // Changing needs the current one.
    type($<HTMLInputElement>(el, '#account-password')!, DEMO.password);
    type($<HTMLInputElement>(el, '#current-passphrase')!, 'a passphrase long enough');
    type($<HTMLInputElement>(el, '#new-passphrase')!, 'another passphrase, longer');
    type($<HTMLInputElement>(el, '#repeat-passphrase')!, 'another passphrase, longer');
    $<HTMLButtonElement>(el, '[data-action="save-passphrase"]')!.click();
    await waitUntil(
      () =>
        $<HTMLInputElement>(el, '#current-passphrase')?.value === '' &&
        !$<HTMLButtonElement>(el, '[data-action="save-passphrase"]')?.disabled,
      'not changed',
      { timeout: 10_000 },
    );
    expect($(el, '#passphrase .alert')).to.equal(null);
    type($<HTMLInputElement>(el, '#account-password')!, DEMO.password);
    $<HTMLButtonElement>(el, '[data-action="remove-passphrase"]')!.click();
    await find(el, 'dialog#passphrase [data-state="open"]', 'not removed');
    const id = row.getAttribute('data-portal')!;
    const status = await manager.api.GET('/v1/portals/{id}/replay-passphrase', { params: { path: { id } } });
    expect(status.data!.protected).to.equal(false);
  });
});
