import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { $, customer, DEMO, destroyInstances, find, staff, text } from '../testing/fixtures.js';
import './dashboard.js';
import type { SightlineDashboard } from './dashboard.component.js';

afterEach(() => destroyInstances());

const card = (el: Element, type: string) => el.shadowRoot!.querySelector(`[data-monitor="${type}"]`);

describe('<sightline-dashboard> (MC-7)', () => {
  it('a manager creates a dashboard; a new request shows in the incoming monitor live; a running call offers silent monitoring', async () => {
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineDashboard>(
      html`<sightline-dashboard .sightline=${manager}></sightline-dashboard>`,
    );
    const create = await find<HTMLButtonElement>(el, '[data-action="new-dashboard"]');
    await waitUntil(
      () => !create.disabled && (text(el).includes('No dashboard yet') || $(el, '[data-phase]')),
      'list not loaded',
    );
    create.click();
    await waitUntil(() => $(el, '[data-phase="live"]'), 'not live', { timeout: 5000 });
    for (const type of ['incoming', 'agents', 'queues', 'active-sessions', 'service-level'])
      expect(card(el, type), type).to.not.equal(null);

    const reason = `Dashboard ${Math.random().toString(36).slice(2, 8)}`;
    const me = await customer();
    const started = Date.now();
    await me.sessions.create({ reason });
    await waitUntil(() => card(el, 'incoming')?.textContent?.includes(reason), 'request not shown', {
      timeout: 3000,
    });
    expect(Date.now() - started).to.be.below(2000);
    await waitUntil(() => card(el, 'queues')?.querySelector('svg'), 'no queue chart');

    // The agent calls on a session: the active-sessions monitor offers to monitor it.
    const agent = await staff();
    const created = await agent.api.POST('/v1/sessions', {
      body: { deviceId: 'dev_boiler12', reason: `${reason} call` },
    });
    const call = await agent.api.POST('/v1/sessions/{id}/calls', {
      params: { path: { id: created.data!.id } },
    });
    await waitUntil(
      () => card(el, 'active-sessions')?.querySelector('[data-action="monitor"]'),
      'no monitor action',
      {
        timeout: 3000,
      },
    );
    const asked = oneEvent(el, 'sightline-monitor-request');
    card(el, 'active-sessions')!
      .querySelector<HTMLButtonElement>(`[data-session="${created.data!.id}"] [data-action="monitor"]`)!
      .click();
    const { detail } = await asked;
    expect(detail).to.deep.equal({ sessionId: created.data!.id, callId: call.data!.call.id });
    await expect(el).shadowDom.to.be.accessible();
    await agent.api.POST('/v1/sessions/{id}/calls/{callId}/end', {
      params: { path: { id: created.data!.id, callId: call.data!.call.id } },
    });
  });

  it('the owner removes a monitor and shares it with every manager, in German', async () => {
    const manager = await staff(DEMO.managerEmail);
    const made = await manager.api.POST('/v1/dashboards', {
      body: {
        name: 'Wand',
        monitors: [{ type: 'incoming' }, { type: 'agents' }],
        sharedWith: [],
        sharedWithOrganization: false,
      },
    });
    const el = await fixture<SightlineDashboard>(
      html`<sightline-dashboard lang="de" dashboard-id=${made.data!.id} .sightline=${manager}></sightline-dashboard>`,
    );
    await waitUntil(() => card(el, 'agents'), 'agents monitor not shown', { timeout: 5000 });
    card(el, 'agents')!.querySelector<HTMLButtonElement>('[data-action="remove"]')!.click();
    await waitUntil(() => !card(el, 'agents'), 'not removed');
    $<HTMLInputElement>(el, '[data-action="share-all"]')!.click();
    await waitUntil(() => text(el).includes('Gespeichert'), 'not saved');
    // "Gespeichert" may still be the notice of the removal: wait for the sharing itself to be stored.
    const stored = async () =>
      (await manager.api.GET('/v1/dashboards/{id}', { params: { path: { id: made.data!.id } } })).data;
    await waitUntil(async () => (await stored())?.sharedWithOrganization === true, 'sharing not stored', {
      timeout: 10_000,
    });
    const saved = await stored();
    expect(saved).to.include({ sharedWithOrganization: true });
    expect(saved!.monitors.map((m) => m.type)).to.deep.equal(['incoming']);
    expect(text(el)).to.include('Eingehende Anfragen');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('an agent keeps no dashboards and is told why', async () => {
    const agent = await staff();
    const el = await fixture<SightlineDashboard>(
      html`<sightline-dashboard .sightline=${agent}></sightline-dashboard>`,
    );
    await find(el, '.alert');
    expect(text(el)).to.include('managers');
    expect(card(el, 'incoming')).to.equal(null);
  });
});
