import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../request-flow/request-flow.js';
import type { SightlineRequestFlow } from '../request-flow/request-flow.component.js';
import '../session-inbox/session-inbox.js';
import type { SightlineSessionInbox } from '../session-inbox/session-inbox.component.js';
import type { Sightline } from '../shared/sdk.js';
import { runningSession } from '../summary-viewer/testing.js';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text } from '../testing/fixtures.js';
import type { Rating, SightlineRatingForm } from './rating-form.component.js';

const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;

/** The customer's request flow following session `id`, as after a reload. */
async function customerFlow(id: string, lang = 'en'): Promise<SightlineRequestFlow> {
  const el = await fixture<SightlineRequestFlow>(
    html`<sightline-request-flow lang=${lang} base-url=${serverUrl()} access-code=${DEMO.accessCode} session-id=${id}></sightline-request-flow>`,
  );
  await find(el, '[part="status"]');
  return el;
}

/** The console with session `id` selected. */
async function consoleView(sightline: Sightline, id: string): Promise<SightlineSessionInbox> {
  const el = await fixture<SightlineSessionInbox>(
    html`<sightline-session-inbox .sightline=${sightline} session-id=${id}></sightline-session-inbox>`,
  );
  await find(el, '[part="details"]');
  return el;
}

/** The host's rating element (it is there once the call ended). */
const ratingOf = (host: Element) => find<SightlineRatingForm>(host, 'sightline-rating-form');

async function ratingsOf(agent: Sightline, id: string): Promise<Rating[]> {
  const { data } = await agent.api.GET('/v1/sessions/{id}/ratings', { params: { path: { id } } });
  return data?.items ?? [];
}

afterEach(() => {
  destroyInstances();
  sessionStorage.clear();
});

describe('<sightline-rating-form> (MC-15)', () => {
  it('the customer rates after the call with the keyboard alone, is thanked, and is not asked again after a reload', async () => {
    const s = await runningSession(unique('Rate me'), 'denied');
    const flow = await customerFlow(s.id);
    await waitUntil(() => $(flow, '[data-status="running"]'), 'not running');
    expect($(flow, 'sightline-rating-form')).to.equal(null);
    await s.end();
    const rating = await ratingOf(flow);
    await find(rating, 'form', 'no rating form after the call');
    expect(text(rating)).to.include('How was this session?');

    // Five stars as a radio group: Tab lands on it, arrows move the choice.
    $<HTMLInputElement>(rating, '#star-1')!.focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowRight' });
    expect($<HTMLInputElement>(rating, '#star-4')!.checked).to.equal(true);
    expect(rating.shadowRoot!.querySelectorAll('label[data-on]').length).to.equal(4);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Friendly and quick.' });
    await sendKeys({ press: 'Tab' });
    expect(rating.shadowRoot!.activeElement?.getAttribute('part')).to.equal('send');
    const sent = oneEvent(rating, 'sightline-rating');
    await sendKeys({ press: 'Enter' });
    const stored = (await sent).detail as Rating;
    expect(stored).to.include({ score: 4, comment: 'Friendly and quick.' });
    await waitUntil(() => text(rating).includes('Thank you for your rating!'), 'no thanks');
    expect($(rating, 'form')).to.equal(null);
    expect((await ratingsOf(s.agent, s.id)).map((r) => [r.by.kind, r.score])).to.deep.equal([
      ['customer', 4],
    ]);

    // A reload asks the server: the customer rated, so no form, only their rating.
    flow.remove();
    const again = await ratingOf(await customerFlow(s.id));
    await waitUntil(() => text(again).includes('You rated this session 4 of 5.'), 'rating not shown');
    expect($(again, 'form')).to.equal(null);
  });

  it('the agent holding the session rates it in the console; a second attempt is not offered; a manager is not asked', async () => {
    const s = await runningSession(unique('Agent rates'), 'denied');
    await s.end();
    const el = await consoleView(s.agent, s.id);
    const rating = await ratingOf(el);
    await find(rating, 'form', 'the holder is not asked');
    await expect(rating).to.be.accessible();
    // Sending without stars says what is missing.
    $<HTMLButtonElement>(rating, '[part="send"]')!.click();
    await find(rating, '#score-error');
    expect($(rating, 'fieldset')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(rating).to.be.accessible();
    $<HTMLLabelElement>(rating, 'label[for="star-5"]')!.click();
    $<HTMLButtonElement>(rating, '[part="send"]')!.click();
    await waitUntil(() => text(rating).includes('Thank you'), 'no thanks');
    const stored = await ratingsOf(s.agent, s.id);
    expect(stored.map((r) => [r.by.kind, r.score, r.comment])).to.deep.equal([['staff', 5, null]]);

    el.remove();
    const reopened = await ratingOf(await consoleView(s.agent, s.id));
    await waitUntil(() => text(reopened).includes('You rated this session 5 of 5.'), 'rating not shown');
    expect($(reopened, 'form')).to.equal(null);

    // The company manager sees the session but did not hold it: nothing to rate.
    const manager = await staff(DEMO.managerEmail);
    const managerView = await consoleView(manager, s.id);
    const none = await ratingOf(managerView);
    await new Promise((r) => setTimeout(r, 500));
    expect(none.shadowRoot!.childElementCount).to.equal(0);
    expect(await ratingsOf(s.agent, s.id)).to.have.length(1);
  });

  it('Skip hides it for this session in this tab; the other side is still asked; nothing is stored', async () => {
    const s = await runningSession(unique('Skip it'), 'denied');
    await s.end();
    const flow = await customerFlow(s.id);
    const rating = await ratingOf(flow);
    await find(rating, 'form');
    $<HTMLButtonElement>(rating, '[part="skip"]')!.click();
    await waitUntil(() => !$(rating, 'form'), 'still asking after skip');
    expect(
      Object.keys(sessionStorage).some(
        (k) => k.startsWith('sightline-rating-skipped:') && k.endsWith(`:${s.id}`),
      ),
    ).to.equal(true);

    flow.remove();
    const later = await ratingOf(await customerFlow(s.id));
    await new Promise((r) => setTimeout(r, 500));
    expect($(later, 'form')).to.equal(null);
    // The agent was not the one who skipped.
    const staffRating = await ratingOf(await consoleView(s.agent, s.id));
    await find(staffRating, 'form', 'the agent is not asked after the customer skipped');
    expect(await ratingsOf(s.agent, s.id)).to.deep.equal([]);
  });

  for (const [lang, question] of [
    ['de', 'Wie war diese Sitzung?'],
    ['es', '¿Qué tal fue esta sesión?'],
    ['pt', 'Como foi esta sessão?'],
  ] as const) {
    it(`asks in ${lang}`, async () => {
      const s = await runningSession(unique(`Lang ${lang}`), 'denied');
      await s.end();
      const rating = await ratingOf(await customerFlow(s.id, lang));
      await find(rating, 'form');
      expect(text(rating)).to.include(question);
      await expect(rating).to.be.accessible();
    });
  }
});
