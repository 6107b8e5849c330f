import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, DEMO, destroyInstances, staff } from '../testing/fixtures.js';
import './presence.js';
import type { SightlinePresence } from './presence.component.js';
import type { SightlinePresenceBadge } from './presence-badge.component.js';

afterEach(() => destroyInstances());

const dot = (el: Element) => el.shadowRoot?.querySelector('.presence-dot');

describe('<sightline-presence> and <sightline-presence-badge> (MC-7)', () => {
  it('the agent steps away and back; the manager sees it live; both accessible', async () => {
    const agent = await staff();
    const manager = await staff(DEMO.managerEmail);
    const mine = await fixture<SightlinePresence>(
      html`<sightline-presence .sightline=${agent}></sightline-presence>`,
    );
    await waitUntil(() => dot(mine)?.getAttribute('data-presence') === 'available', 'agent not available');
    const me = await agent.api.GET('/v1/me/presence');
    const badge = await fixture<SightlinePresenceBadge>(
      html`<sightline-presence-badge lang="de" .sightline=${manager} user-id=${me.data!.userId}></sightline-presence-badge>`,
    );
    await waitUntil(
      () => dot(badge)?.getAttribute('data-presence') === 'available',
      'manager does not see it',
    );
    expect(dot(badge)?.getAttribute('aria-label')).to.include('Verfügbar');

    const select = $<HTMLSelectElement>(mine, 'select')!;
    select.value = 'away';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => dot(mine)?.getAttribute('data-presence') === 'away', 'not away');
    await waitUntil(() => dot(badge)?.getAttribute('data-presence') === 'away', 'the manager missed away', {
      timeout: 3000,
    });
    expect(dot(badge)?.getAttribute('aria-label')).to.include('Abwesend');
    await expect(mine).shadowDom.to.be.accessible();
    await expect(badge).shadowDom.to.be.accessible();
    await mine.choose('available');
    await waitUntil(() => dot(badge)?.getAttribute('data-presence') === 'available', 'not back', {
      timeout: 3000,
    });
  });
});
