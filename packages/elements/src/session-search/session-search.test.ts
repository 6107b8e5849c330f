import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { $, customer, DEMO, destroyInstances, find, staff, text } from '../testing/fixtures.js';
import './session-search.js';
import type { SightlineSessionSearch } from './session-search.component.js';

afterEach(() => destroyInstances());

const results = (el: Element) =>
  [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part="result"]') ?? [])].map((b) => b.dataset.session);

describe('<sightline-session-search> (MC-10)', () => {
  it('finds sessions by words of the reason, status and day, a page at a time, and hands one over', async () => {
    const me = await customer();
    const stamp = `Kessel${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await me.sessions.create({ reason: `${stamp} Druckverlust ${i}` });
      ids.push(data!.id);
    }
    await me.session(ids[0]!).cancel();
    const manager = await staff(DEMO.managerEmail);
    const el = await fixture<SightlineSessionSearch>(
      html`<sightline-session-search .sightline=${manager} .limit=${2}></sightline-session-search>`,
    );
    const q = await find<HTMLInputElement>(el, '#q');
    q.value = `${stamp.slice(0, 8).toLowerCase()} druck`;
    q.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
    await waitUntil(() => results(el).length === 2, 'no first page');
    // Newest first, two per page; "show more" brings the third.
    expect(results(el)).to.deep.equal([ids[2], ids[1]]);
    expect(text(el)).to.include('2+ sessions found');
    $<HTMLButtonElement>(el, '[part="more"]')!.click();
    await waitUntil(() => results(el).length === 3, 'no second page');
    expect(results(el)).to.deep.equal([ids[2], ids[1], ids[0]]);
    expect($(el, '[part="more"]')).to.equal(null);

    // Status narrows it down in the same search.
    const status = $<HTMLSelectElement>(el, '#status')!;
    status.value = 'cancelled';
    status.dispatchEvent(new Event('change'));
    await el.search();
    expect(results(el)).to.deep.equal([ids[0]]);

    // Today's sessions only from today on; none before.
    const today = new Date();
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const from = $<HTMLInputElement>(el, '#from')!;
    from.value = day(today);
    from.dispatchEvent(new Event('input'));
    await el.search();
    expect(results(el)).to.deep.equal([ids[0]]);
    const to = $<HTMLInputElement>(el, '#to')!;
    to.value = day(new Date(today.getTime() - 2 * 86_400_000));
    to.dispatchEvent(new Event('input'));
    await el.search();
    expect($(el, '#range-error')?.textContent).to.include('start date must be before');
    expect(results(el)).to.deep.equal([ids[0]]); // the last results stay; nothing was sent

    const chosen = oneEvent(el, 'sightline-session-select');
    $<HTMLButtonElement>(el, `[data-session="${ids[0]}"]`)!.click();
    expect((await chosen).detail).to.deep.equal({ sessionId: ids[0] });
  });

  it('searches only what the signed-in user may see, and is accessible', async () => {
    const me = await customer();
    const reason = `Sichtbarkeit${Date.now().toString(36)}`;
    await me.sessions.create({ reason });
    // The customer's own request, by the customer's own SDK: found.
    const el = await fixture<SightlineSessionSearch>(
      html`<sightline-session-search lang="de" .sightline=${me}></sightline-session-search>`,
    );
    const q = await find<HTMLInputElement>(el, '#q');
    q.value = reason;
    q.dispatchEvent(new Event('input'));
    await el.search();
    expect(results(el)).to.have.length(1);
    expect(text(el)).to.include('1 Sitzung gefunden');
    await expect(el).shadowDom.to.be.accessible();
  });
});
