import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SightlineSummaryViewer } from '../summary-viewer/summary-viewer.component.js';
import { summarizedSession } from '../summary-viewer/testing.js';
import { $, DEMO, destroyInstances, find, staff, text } from '../testing/fixtures.js';
import './summaries-page.js';
import type { SightlineSummaries } from './summaries-page.component.js';

afterEach(() => destroyInstances());

describe('<sightline-summaries>', () => {
  it('SI-7, SI-9: lists summaries, filters them by text, agent and portal, charts issue types and applications, opens one, and lists new ones live', async () => {
    const reason = `Outlook sign-in fails ${Date.now()}`;
    const { agent, summary } = await summarizedSession(reason);
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineSummaries>(
      html`<sightline-summaries lang="en" .sightline=${manager}></sightline-summaries>`,
    );
    await find<HTMLButtonElement>(el, '[part="list"] button', 'no summaries listed');
    expect(text(el)).to.include(reason);
    // The overview as charts (chartist draws SVG bars) with a text alternative.
    await waitUntil(
      () => el.shadowRoot!.querySelector('[data-chart="issue-types"] svg .ct-bar'),
      'no issue-type chart',
      { timeout: 5_000 },
    );
    expect($(el, '[data-chart="applications"]')?.getAttribute('aria-label')).to.include('Outlook');
    // A filter that matches nothing empties the list.
    $<HTMLInputElement>(el, 'input[name="q"]')!.value = 'no-such-summary-text';
    $<HTMLButtonElement>(el, '[data-action="filter"]')!.click();
    await waitUntil(() => text(el).includes('No summaries match.'), 'filter ignored');
    $<HTMLInputElement>(el, 'input[name="q"]')!.value = '';
    // By agent and portal (the manager may pick any agent of the organization).
    const { data: me } = await agent.api.GET('/v1/me');
    const agentId = me?.kind === 'staff' ? me.userId : '';
    const agents = await find<HTMLSelectElement>(el, 'select[name="agent"]');
    expect([...agents.options].map((o) => o.value)).to.include(agentId);
    agents.value = agentId;
    const portals = $<HTMLSelectElement>(el, 'select[name="portal"]')!;
    portals.value = summary.session.portal.id;
    $<HTMLButtonElement>(el, '[data-action="filter"]')!.click();
    await waitUntil(() => text(el).includes(reason), 'agent and portal filter lost the summary');
    portals.value = portals.options[0]!.value;
    agents.value = [...agents.options].find((o) => o.value && o.value !== agentId)!.value;
    $<HTMLButtonElement>(el, '[data-action="filter"]')!.click();
    await waitUntil(() => !text(el).includes(reason), 'another agent’s filter still lists it');
    agents.value = '';
    $<HTMLButtonElement>(el, '[data-action="filter"]')!.click();
    await find(el, '[part="list"] button');
    (await find<HTMLButtonElement>(el, '[part="list"] button')).click();
    const viewer = await find<SightlineSummaryViewer>(el, 'sightline-summary-viewer');
    await waitUntil(() => $(viewer, '[part="summary"]'), 'viewer shows nothing', { timeout: 5_000 });
    await expect(el).to.be.accessible();
    // A summary made meanwhile shows without a reload.
    const later = `Excel freezes ${Date.now()}`;
    await summarizedSession(later);
    await waitUntil(() => text(el).includes(later), 'new summary not listed live', { timeout: 10_000 });
  });
});
