import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, customer, DEMO, destroyInstances, find, staff, text } from '../../testing/fixtures.js';
import './reports.js';
import type { SightlineAdminReports } from './reports.component.js';

afterEach(() => destroyInstances());

describe('<sightline-admin-reports> (MC-9)', () => {
  it('shows a portal report over the last 30 days that counts a new request, and service metrics', async () => {
    const me = await customer();
    await me.sessions.create({ reason: 'Report me' });
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineAdminReports>(
      html`<sightline-admin-reports .sightline=${manager}></sightline-admin-reports>`,
    );
    await waitUntil(
      () => (el.shadowRoot?.querySelectorAll('#portal option').length ?? 0) > 1,
      'portals not loaded',
    );
    await el.run();
    const table = await find(el, 'table');
    expect(table.querySelector('caption')?.textContent).to.include('Portal performance');
    const headers = [...table.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).to.include.members(['Portal', 'Sessions', 'Abandoned', 'Ø time to confirm']);
    const sessions = [...table.querySelectorAll('tbody tr')].reduce(
      (n, tr) => n + Number(tr.children[headers.indexOf('Sessions')]?.textContent),
      0,
    );
    expect(sessions).to.be.greaterThan(0);
    await expect(el).shadowDom.to.be.accessible();

    const kind = $<HTMLSelectElement>(el, '#kind')!;
    kind.value = 'service-metrics';
    kind.dispatchEvent(new Event('change'));
    await el.run();
    await waitUntil(() => text(el).includes('Calls per session'), 'no service metrics');
  });

  it('an agent without the reports right sees why not', async () => {
    const agent = await staff();
    const el = await fixture<SightlineAdminReports>(
      html`<sightline-admin-reports lang="de" .sightline=${agent}></sightline-admin-reports>`,
    );
    await el.run();
    await find(el, '.alert');
    expect(text(el)).to.include('Berichte');
    expect($(el, 'table')).to.equal(null);
  });
});
