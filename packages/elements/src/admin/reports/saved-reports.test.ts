import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, find, staff, text } from '../../testing/fixtures.js';
import './saved-reports.js';
import type { SightlineAdminSavedReports } from './saved-reports.component.js';

afterEach(() => destroyInstances());

const rows = (el: HTMLElement) => [...(el.shadowRoot?.querySelectorAll('tbody tr') ?? [])];

describe('<sightline-admin-saved-reports> (MC-9)', () => {
  it('a manager saves a weekly emailed report, sees its next email, and deletes it; bad recipients are named', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminSavedReports>(
      html`<sightline-admin-saved-reports .sightline=${manager}></sightline-admin-saved-reports>`,
    );
    await waitUntil(() => text(el).includes('Monthly reports'), 'not loaded');
    const name = `Weekly ${Math.random().toString(36).slice(2, 6)}`;
    const fill = (id: string, value: string) => {
      const input = $<HTMLInputElement | HTMLSelectElement>(el, `#${id}`)!;
      input.value = value;
    };
    fill('saved-name', name);
    fill('saved-kind', 'service-metrics');
    fill('saved-schedule', 'weekly');
    fill('saved-recipients', 'not-an-address');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await find(el, '.alert');
    expect(text(el)).to.not.include(`“${name}” saved.`);

    fill('saved-recipients', 'lead@example.test, boss@example.test');
    $<HTMLButtonElement>(el, 'form button[type="submit"]')!.click();
    await waitUntil(() => text(el).includes(`“${name}” saved.`), 'not saved');
    const row = rows(el).find((r) => r.textContent?.includes(name))!;
    expect(row.textContent).to.include('Mondays, 06:00 UTC');
    expect(row.textContent).to.include('lead@example.test');
    await expect(el).shadowDom.to.be.accessible();

    row.querySelector<HTMLButtonElement>('[data-action="delete"]')!.click();
    await waitUntil(() => text(el).includes(`“${name}” deleted.`), 'not deleted');
    expect(rows(el).some((r) => r.textContent?.includes(name))).to.equal(false);
  });

  it('in German, an agent without the reports right is told why', async () => {
    const agent = await staff();
    const el = await fixture<SightlineAdminSavedReports>(
      html`<sightline-admin-saved-reports lang="de" .sightline=${agent}></sightline-admin-saved-reports>`,
    );
    await find(el, '.alert');
    expect(text(el)).to.include('Gespeicherte und geplante Berichte');
  });
});
