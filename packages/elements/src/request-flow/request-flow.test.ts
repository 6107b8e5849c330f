import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { WireSession } from '../shared/sdk.js';
import {
  $,
  customer,
  DEMO,
  destroyInstances,
  find,
  forgetRemembered,
  serverUrl,
  staff,
  text,
  type,
} from '../testing/fixtures.js';
import './request-flow.js';
import type { SightlineRequestFlow } from './request-flow.component.js';

async function flow(lang = 'en', extra: Partial<SightlineRequestFlow> = {}): Promise<SightlineRequestFlow> {
  const el = await fixture<SightlineRequestFlow>(
    html`<sightline-request-flow lang=${lang} base-url=${serverUrl()} access-code=${DEMO.accessCode}></sightline-request-flow>`,
  );
  Object.assign(el, extra);
  await find(el, 'form');
  return el;
}

beforeEach(() => forgetRemembered());
afterEach(() => destroyInstances());

describe('<sightline-request-flow>', () => {
  it('requests a session, follows it live to confirmed, offers the call, and cancels (VS-1, VS-4, VS-8)', async () => {
    const el = await flow();
    // One device: no device choice. The demo portal records: the consent question is asked (VS-10).
    expect($(el, '#device')).to.equal(null);
    expect($(el, 'input[name="consent"]')).to.not.equal(null);
    // The demo device is "after confirmation": the customer is asked about an AI summary (SI-3).
    expect($(el, 'input[name="summaryConsent"]')).to.not.equal(null);
    $<HTMLInputElement>(el, 'input[name="summaryConsent"][value="granted"]')!.click();

    type($<HTMLTextAreaElement>(el, '#reason')!, 'The boiler shows error E42');
    type(
      $<HTMLTextAreaElement>(el, '#tickets')!,
      'https://tickets.example.com/42\n\nhttps://tickets.example.com/43',
    );
    $<HTMLInputElement>(el, 'input[value="granted"]')!.click();
    const created = oneEvent(el, 'sightline-session-change');
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    const session = (await created).detail as WireSession;
    expect(session.status).to.equal('requested');
    expect(session.ticketLinks).to.deep.equal([
      'https://tickets.example.com/42',
      'https://tickets.example.com/43',
    ]);
    expect(session.recordingConsent).to.equal('granted');
    expect(el.sessionId).to.equal(session.id);
    // Focus is not lost to the page: it is on the request's status line, with a waiting indicator.
    await waitUntil(
      () => el.shadowRoot!.activeElement === $(el, '[part="status"] [role="status"]'),
      'focus not on the status',
    );
    expect($(el, '[part="status"] .waiting')).to.not.equal(null);
    // The answer is in the session's consent log (SI-3).
    const agentForConsents = await staff();
    await waitUntil(async () => {
      const { data } = await agentForConsents.api.GET('/v1/sessions/{id}/consents', {
        params: { path: { id: session.id } },
      });
      return data?.items.some((c) => c.kind === 'summary' && c.decision === 'granted') ?? false;
    }, 'no summary consent recorded');
    await waitUntil(() => text(el).includes('Your request has been sent'));
    // No call has ended, so no rating can be asked for: its code (in the call's chunk) is not loaded.
    expect(customElements.get('sightline-rating-form')).to.equal(undefined);

    // Staff confirm it elsewhere; the customer's view follows without a reload.
    const agent = await staff();
    await agent.sessions.refresh();
    const confirmed = await agent.session(session.id).confirm();
    expect(confirmed.error).to.equal(undefined);
    const start = await find<HTMLButtonElement>(
      el,
      '[data-action="start-call"]',
      'no start-call button after confirm',
    );
    expect(start.textContent?.trim()).to.equal('Start call');
    expect(text(el)).to.include('confirmed your request');
    // Start call is offered, so the call's code loads now: pressing it waits for the media only (issue 13).
    await waitUntil(() => customElements.get('sightline-video-call'), 'the call code did not load', {
      timeout: 20_000,
    });

    const cancelled = oneEvent(el, 'sightline-session-change');
    $<HTMLButtonElement>(el, '[data-action="cancel"]')!.click();
    expect(((await cancelled).detail as WireSession).status).to.equal('cancelled');
    await find(el, '[data-action="new"]');
    expect($(el, '[data-action="start-call"]')).to.equal(null);
    expect(customElements.get('sightline-rating-form')).to.equal(undefined);
  });

  it('validates inline: required reason, ticket links, consent; server errors land on their field', async () => {
    const el = await flow();
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await el.updateComplete;
    const reason = $<HTMLTextAreaElement>(el, '#reason')!;
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#reason-error')?.textContent).to.include('Please describe');
    expect(reason.getAttribute('aria-describedby')).to.equal('reason-error');
    expect(el.shadowRoot!.activeElement).to.equal(reason);
    expect($(el, '#consent-error')).to.not.equal(null);

    type(reason, 'Pressure drops');
    type($<HTMLTextAreaElement>(el, '#tickets')!, 'https://tickets.example.com/1\nnot a link');
    $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await el.updateComplete;
    expect($(el, '#reason-error')).to.equal(null);
    expect($(el, '#tickets-error')?.textContent).to.include('Line 2');

    // A link the browser accepts but the server refuses (over 2000 characters): the server's
    // problem.errors (path body.ticketLinks.0) is shown on the tickets field.
    type($<HTMLTextAreaElement>(el, '#tickets')!, `https://tickets.example.com/${'x'.repeat(2100)}`);
    const failed = oneEvent(el, 'sightline-error');
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    const problem = (await failed).detail;
    expect(problem.status).to.equal(400);
    await el.updateComplete;
    expect($(el, '#tickets-error')?.textContent).to.include('Line 1');
    expect($(el, '[role="alert"]')?.textContent).to.include('Please correct the marked fields');
    expect(el.sessionId).to.equal('');
  });

  it('refuses javascript:, data: and vbscript: ticket links before sending, naming the line (issue 14)', async () => {
    const el = await flow();
    type($<HTMLTextAreaElement>(el, '#reason')!, 'Pressure drops');
    $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
    for (const [links, line] of [
      ['https://tickets.example.com/1\nJavaScript:alert(1)', 'Line 2'],
      ['  data:text/html,<script>alert(1)</script>', 'Line 1'],
      ['https://tickets.example.com/1\n\nvbscript:msgbox(1)', 'Line 3'],
      ['java\tscript:alert(1)', 'Line 1'],
    ] as const) {
      type($<HTMLTextAreaElement>(el, '#tickets')!, links);
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await el.updateComplete;
      expect($(el, '#tickets-error')?.textContent).to.include(line);
      expect(el.sessionId).to.equal('');
    }
  });

  it('says plainly when the portal does not accept requests, and shows a 403 from the server plainly (VS-2)', async () => {
    // The demo portal accepts requests; a host page sees what a portal with requests turned off
    // looks like through the devices answer (requestsEnabled: false).
    const portalOff: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.method !== 'GET' || !new URL(request.url).pathname.endsWith('/v1/devices')) return response;
      const body = (await response.json()) as { items: { portal: { requestsEnabled: boolean } }[] };
      for (const d of body.items) d.portal.requestsEnabled = false;
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const off = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow lang="en" .sightline=${await customer({ fetch: portalOff })}></sightline-request-flow>`,
    );
    const notice = await find(off, '[part="disabled"]');
    expect(notice.textContent).to.include('cannot be requested');
    expect($(off, 'form')).to.equal(null);

    // A real 403: the server refuses a request for a device that is not the customer's.
    const otherDevice: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('/v1/sessions'))
        return fetch(request);
      const body = { ...(await request.json()), deviceId: 'dev_someone_else' };
      return fetch(new Request(request, { body: JSON.stringify(body) }));
    };
    const el = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow lang="en" .sightline=${await customer({ fetch: otherDevice })}></sightline-request-flow>`,
    );
    await find(el, 'form');
    type($<HTMLTextAreaElement>(el, '#reason')!, 'Noise from the pump');
    $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
    const failed = oneEvent(el, 'sightline-error');
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    expect((await failed).detail.status).to.equal(403);
    const alert = await find(el, '[role="alert"]');
    expect(alert.textContent).to.include('cannot be requested');
  });

  for (const [lang, heading, submit] of [
    ['de', 'Videoanruf anfordern', 'Videoanruf anfordern'],
    ['es', 'Solicitar una videollamada', 'Solicitar videollamada'],
    ['pt', 'Pedir uma videochamada', 'Pedir videochamada'],
  ] as const) {
    it(`speaks ${lang} from its lang attribute`, async () => {
      const el = await flow(lang);
      expect($(el, 'h2')?.textContent).to.equal(heading);
      expect($(el, '[part="submit"]')?.textContent?.trim()).to.equal(submit);
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      await el.updateComplete;
      expect($(el, '#reason-error')?.textContent).to.not.include('Please');
    });
  }

  it('follows the closest lang ancestor when it has none itself', async () => {
    const wrapper = await fixture(
      html`<div lang="de-AT">
        <sightline-request-flow base-url=${serverUrl()} access-code=${DEMO.accessCode}></sightline-request-flow>
      </div>`,
    );
    const el = wrapper.querySelector('sightline-request-flow')!;
    await find(el, 'form');
    expect($(el, 'label[for="reason"]')?.textContent).to.equal('Wobei brauchen Sie Hilfe?');
  });

  it('offers a device choice only when the customer has several devices', async () => {
    // The demo customer has one device; a second one is added to the devices answer.
    const twoDevices: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.method !== 'GET' || !new URL(request.url).pathname.endsWith('/v1/devices')) return response;
      const body = (await response.json()) as { items: Record<string, unknown>[] };
      body.items.push({ ...body.items[0], id: 'dev_kitchen', name: 'Kitchen heat pump' });
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    let sent: Record<string, unknown> | undefined;
    const spy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/v1/sessions')) {
        sent = await request.clone().json();
      }
      return twoDevices(request);
    };
    const el = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow lang="en" .sightline=${await customer({ fetch: spy })}></sightline-request-flow>`,
    );
    const select = await find<HTMLSelectElement>(el, '#device');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal([
      DEMO.deviceName,
      'Kitchen heat pump',
    ]);
    expect($(el, 'label[for="device"]')?.textContent).to.equal('Device');
    type($<HTMLTextAreaElement>(el, '#reason')!, 'Which one is it?');
    $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
    const created = oneEvent(el, 'sightline-session-change');
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await created;
    expect(sent?.deviceId).to.equal('dev_boiler12');
  });

  it('follows a change of the document language', async () => {
    const before = document.documentElement.lang;
    const el = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow base-url=${serverUrl()} access-code=${DEMO.accessCode}></sightline-request-flow>`,
    );
    await find(el, 'form');
    try {
      document.documentElement.lang = 'es';
      await waitUntil(
        () => $(el, 'h2')?.textContent === 'Solicitar una videollamada',
        'did not follow <html lang>',
      );
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('has no accessibility violations (form, errors, status)', async () => {
    const el = await flow();
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    type($<HTMLTextAreaElement>(el, '#reason')!, 'Check the display');
    $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
    $<HTMLButtonElement>(el, '[part="submit"]')!.click();
    await find(el, '[part="status"] [data-action="cancel"]');
    await expect(el).to.be.accessible();
  });

  it('is operable with the keyboard alone', async () => {
    const el = await flow();
    $<HTMLTextAreaElement>(el, '#reason')!.focus();
    await sendKeys({ type: 'Radiator is cold' });
    await sendKeys({ press: 'Tab' }); // tickets
    await sendKeys({ press: 'Tab' }); // consent: yes
    await sendKeys({ press: 'Space' });
    expect($<HTMLInputElement>(el, 'input[value="granted"]')!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' }); // the AI-summary question (SI-3), left unanswered
    await sendKeys({ press: 'Tab' }); // submit
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="submit"]'));
    const created = oneEvent(el, 'sightline-session-change');
    await sendKeys({ press: 'Enter' });
    expect(((await created).detail as WireSession).reason).to.equal('Radiator is cold');
    const cancel = await find<HTMLButtonElement>(el, '[data-action="cancel"]');
    cancel.focus();
    const cancelled = oneEvent(el, 'sightline-session-change');
    await sendKeys({ press: 'Enter' });
    expect(((await cancelled).detail as WireSession).status).to.equal('cancelled');
  });
});

describe('<sightline-request-flow> outside business hours (MC-6)', () => {
  it('says when staff are back, from the server’s outside-business-hours problem', async () => {
    // The demo portal closes until the day after tomorrow (UTC): today and tomorrow are holidays.
    const manager = await staff(DEMO.managerEmail);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const allDay = [{ start: '00:00', end: '24:00' }];
    const patch = (body: unknown) =>
      fetch(`${serverUrl()}/v1/portals/portal_service`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const closed = await patch({
      timeZone: 'UTC',
      businessHours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
      ),
      holidays: [day(0), day(1)],
    });
    expect(closed.status).to.equal(200);
    try {
      const el = await flow('de');
      type($<HTMLTextAreaElement>(el, '#reason')!, 'Nachts kalt');
      $<HTMLInputElement>(el, 'input[value="denied"]')!.click();
      const failed = oneEvent(el, 'sightline-error');
      $<HTMLButtonElement>(el, '[part="submit"]')!.click();
      const problem = (await failed).detail as { status: number; code: string; nextOpenAt: string };
      expect(problem.status).to.equal(409);
      expect(problem.code).to.equal('outside-business-hours');
      expect(problem.nextOpenAt).to.equal(`${day(2)}T00:00:00.000Z`);
      const notice = await find(el, '[part="closed"]');
      const when = new Intl.DateTimeFormat('de', { dateStyle: 'full', timeStyle: 'short' }).format(
        new Date(problem.nextOpenAt),
      );
      expect(notice.textContent).to.include(`ab ${when} wieder da`);
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(el.sessionId).to.equal('');
    } finally {
      await patch({ businessHours: null, holidays: [] });
    }
  });
});

describe('<sightline-request-flow> after a reload (VS-9)', () => {
  it('comes back to the request after a reload, and forgets one that is gone (VS-9)', async () => {
    const first = await flow();
    type($<HTMLTextAreaElement>(first, '#reason')!, 'Radiator cold after reload');
    $<HTMLInputElement>(first, 'input[name="consent"][value="denied"]')!.click();
    const created = oneEvent(first, 'sightline-session-change');
    $<HTMLButtonElement>(first, '[part="submit"]')!.click();
    const session = (await created).detail as WireSession;
    first.remove();

    // A new page load: a new element with its own SDK instance finds the request again.
    const again = await fixture<SightlineRequestFlow>(
      html`<sightline-request-flow base-url=${serverUrl()} access-code=${DEMO.accessCode}></sightline-request-flow>`,
    );
    await waitUntil(() => again.sessionId === session.id, 'the request was not resumed');
    await waitUntil(() => text(again).includes('Your request has been sent'), 'no status after the reload');
    expect($(again, 'form')).to.equal(null);

    // Cancelled and "New request": the next load shows the form.
    (await find<HTMLButtonElement>(again, '[data-action="cancel"]', 'no cancel button')).click();
    (await find<HTMLButtonElement>(again, '[data-action="new"]', 'no new-request button')).click();
    again.remove();
    const fresh = await flow();
    expect(fresh.sessionId).to.equal('');

    // A remembered request that no longer exists (or is not this customer's) is forgotten.
    const key = Object.keys(localStorage).find((k) => k.startsWith('sightline:request:'));
    expect(key, 'nothing remembered after the cancelled request').to.equal(undefined);
    const { data: who } = await (await customer()).ready;
    if (who?.kind !== 'customer') throw new Error('not signed in as the customer');
    const remembered = `sightline:request:${who.organizationId}:${who.deviceId}`;
    localStorage.setItem(remembered, 'no-such-session');
    fresh.remove();
    const gone = await flow();
    expect(gone.sessionId).to.equal('');
    expect(localStorage.getItem(remembered)).to.equal(null);
  });
});
