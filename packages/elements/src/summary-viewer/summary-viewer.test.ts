import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/provider.js';
import { $, DEMO, destroyInstances, find, serverUrl, staff, text, type } from '../testing/fixtures.js';
import './summary-viewer.js';
import type { SightlineSummaryViewer } from './summary-viewer.component.js';
import { runningSession, summarizedSession, summaryState } from './testing.js';
import { viewerTranslations } from './translations.js';

// The summary viewer in real Chromium against the real server: every state a session's summary
// goes through, editing with the ETag, deleting, downloads, what each role may do, languages.

afterEach(() => destroyInstances());

const button = (el: Element, action: string) => $<HTMLButtonElement>(el, `[data-action="${action}"]`);
const status = (el: Element) => $(el, '[part="status"]')?.dataset.state;

/** Counts the requests the page makes to `path` (fetch is outside the element). */
function countRequests(path: RegExp): { readonly count: number; restore(): void } {
  const original = window.fetch;
  let count = 0;
  window.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (path.test(url)) count++;
    return original(input, init);
  };
  return {
    get count() {
      return count;
    },
    restore: () => {
      window.fetch = original;
    },
  };
}

describe('<sightline-summary-viewer>', () => {
  it('SI-7, SI-12: standalone with base-url and a token — “not yet” while the call runs, then the summary from its own event stream, and no polling once ready', async function () {
    this.timeout(60_000);
    const manager = await staff(DEMO.managerEmail);
    const session = await runningSession(`Printer offline ${Date.now()}`);
    const requests = countRequests(/\/summary$/);
    try {
      const el = await fixture<SightlineSummaryViewer>(
        html`<sightline-summary-viewer lang="en" base-url=${serverUrl()} .token=${manager.token!} session-id=${session.id}></sightline-summary-viewer>`,
      );
      await waitUntil(() => status(el) === 'not-applicable', 'no “not yet” state');
      expect(text(el)).to.include('The summary is made when the session has ended.');
      await session.end();
      await waitUntil(() => $(el, '[part="summary"]'), 'summary never appeared', { timeout: 30_000 });
      expect(text(el)).to.include('Printer offline');
      expect($(el, '[data-field="session"]')?.textContent).to.include(DEMO.deviceName);
      expect(text(el)).to.include('Made by the built-in summarizer');
      const after = requests.count;
      await new Promise((r) => setTimeout(r, 2_500));
      expect(requests.count, 'polled after the summary was ready').to.equal(after);
      await expect(el).to.be.accessible();
    } finally {
      requests.restore();
    }
  });

  it('SI-8: a manager edits from the keyboard; an edit over a stale ETag says someone else changed it and Reload shows theirs', async () => {
    const { id, summary } = await summarizedSession(`VPN drops ${Date.now()}`);
    const manager = await staff(DEMO.managerEmail);
    const wrapper = await fixture(html`<div lang="en">
      <sightline-summary-viewer id="a" session-id=${id} .sightline=${manager}></sightline-summary-viewer>
      <sightline-summary-viewer id="b" base-url=${serverUrl()} .token=${manager.token!} summary-id=${summary.id}></sightline-summary-viewer>
    </div>`);
    const a = wrapper.querySelector<SightlineSummaryViewer>('#a')!;
    const b = wrapper.querySelector<SightlineSummaryViewer>('#b')!;
    await find(a, '[part="summary"]');
    await find(b, '[part="summary"]');
    // B opens its form on the first version (an open form is not reloaded under the user's hands).
    button(b, 'edit')!.click();

    // Keyboard: Edit opens the form with focus on the title; Enter in the title saves.
    (await find<HTMLButtonElement>(a, '[data-action="edit"]')).focus();
    await sendKeys({ press: 'Enter' });
    const title = await find<HTMLInputElement>(a, 'input[name="title"]');
    expect(a.shadowRoot!.activeElement).to.equal(title);
    type(title, 'VPN drops every hour');
    const steps = $<HTMLTextAreaElement>(a, 'textarea[name="steps"]')!;
    type(steps, 'Checked the Wi-Fi\n\n  Renewed the VPN certificate  ');
    const changed = oneEvent(a, 'sightline-summary-change');
    title.focus();
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.summary.steps).to.deep.equal([
      'Checked the Wi-Fi',
      'Renewed the VPN certificate',
    ]);
    await waitUntil(() => text(a).includes('Edited by'), 'no “edited by”');
    expect(a.shadowRoot!.activeElement).to.equal(button(a, 'edit'));

    // B still holds the first version: its save is refused and nothing is overwritten.
    type(await find<HTMLInputElement>(b, 'input[name="title"]'), 'Overwrite attempt');
    button(b, 'save')!.click();
    await waitUntil(() => $(b, '[role="alert"]'), 'no stale message');
    expect(text(b)).to.include('Someone else changed this summary since you opened it.');
    const { data } = await manager.api.GET('/v1/summaries/{id}', { params: { path: { id: summary.id } } });
    expect(data?.title).to.equal('VPN drops every hour');
    button(b, 'reload')!.click();
    await waitUntil(() => text(b).includes('VPN drops every hour'), 'reload did not show the other edit');
    expect($(b, '[part="form"]')).to.equal(null);
    await expect(a).to.be.accessible();
  });

  it('SI-8, SI-10: downloads Markdown and JSON under the summary’s name; delete asks first and both viewers show it deleted', async () => {
    const { id, summary } = await summarizedSession(`Scanner jams ${Date.now()}`);
    const manager = await staff(DEMO.managerEmail);
    const wrapper = await fixture(html`<div lang="en">
      <sightline-provider .sightline=${manager}>
        <sightline-summary-viewer id="session" session-id=${id}></sightline-summary-viewer>
      </sightline-provider>
      <sightline-summary-viewer id="standalone" base-url=${serverUrl()} .token=${manager.token!} summary-id=${summary.id}></sightline-summary-viewer>
    </div>`);
    const el = wrapper.querySelector<SightlineSummaryViewer>('#session')!;
    const other = wrapper.querySelector<SightlineSummaryViewer>('#standalone')!;
    await find(el, '[part="summary"]');
    for (const format of ['md', 'json'] as const) {
      const download = oneEvent(el, 'sightline-summary-download');
      $<HTMLButtonElement>(el, `[data-action="export"][data-format="${format}"]`)!.click();
      expect((await download).detail.name).to.match(new RegExp(`^scanner-jams-.+\\.${format}$`));
    }
    expect($(el, '[role="alert"]')).to.equal(null);

    button(el, 'delete')!.click();
    const cancel = await find<HTMLButtonElement>(el, '[data-action="cancel-delete"]');
    expect(el.shadowRoot!.activeElement).to.equal(cancel);
    cancel.click();
    await waitUntil(() => button(el, 'delete'), 'cancel did not close the question');
    expect(status(el)).to.equal(undefined);
    button(el, 'delete')!.click();
    (await find<HTMLButtonElement>(el, '[data-action="confirm-delete"]')).click();
    await waitUntil(() => status(el) === 'deleted', 'not deleted');
    expect(text(el)).to.include('This summary was deleted.');
    await summaryState(manager, id, 'deleted');
    // The standalone viewer learns on its next read.
    await other.reload();
    expect(status(other)).to.equal('deleted');
  });

  it('SI-5: an agent inside a provider reads it without edit, delete or download, and follows a manager’s edit live', async () => {
    const { id, agent, summary } = await summarizedSession(`Teams has no sound ${Date.now()}`);
    const el = await fixture<SightlineSummaryViewer>(html`<sightline-provider .sightline=${agent}>
      <sightline-summary-viewer lang="en" session-id=${id}></sightline-summary-viewer>
    </sightline-provider>`).then((p) => p.querySelector<SightlineSummaryViewer>('sightline-summary-viewer')!);
    await find(el, '[part="summary"]');
    expect(summary.allowed).to.deep.equal([]);
    expect(summary.session.agents).to.have.length(1);
    expect(text(el)).to.include(`Agents${summary.session.agents[0]!.displayName}`);
    expect(button(el, 'edit')).to.equal(null);
    expect(button(el, 'delete')).to.equal(null);
    expect(button(el, 'export')).to.equal(null);
    await expect(el).to.be.accessible();

    const manager = await staff(DEMO.managerEmail);
    const { error } = await manager.api.PATCH('/v1/summaries/{id}', {
      params: { path: { id: summary.id }, header: { 'if-match': `"${summary.version}"` } },
      body: { title: 'Teams audio device reset', issueType: 'hardware' },
    });
    expect(error).to.equal(undefined);
    await waitUntil(() => text(el).includes('Teams audio device reset'), 'no live update', {
      timeout: 10_000,
    });
    expect($(el, '.chip')?.dataset.issueType).to.equal('hardware');
  });

  it('SI-12: in a host page with only integration tokens — read-only shows no edit; an exchanged write token edits; a console edit appears live; revoking ends it', async function () {
    this.timeout(60_000);
    const { id, summary } = await summarizedSession(`Boiler error E42 ${Date.now()}`);
    const manager = await staff(DEMO.managerEmail);
    const make = async (scopes: ('summaries:read' | 'summaries:write')[]) => {
      const { data, error } = await manager.api.POST('/v1/integrations/tokens', {
        body: { name: `CRM ${scopes.join(' ')}`, scopes },
      });
      expect(error).to.equal(undefined);
      return data!;
    };
    // What a CRM's backend does: exchange its long-lived token for one for this session only.
    const exchange = async (token: string, scopes: ('summaries:read' | 'summaries:write')[]) => {
      const res = await fetch(`${serverUrl()}/v1/integrations/tokens/exchange`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: id, scopes }),
      });
      expect(res.status).to.equal(200);
      return ((await res.json()) as { token: string }).token;
    };
    const reader = await make(['summaries:read']);
    const readOnly = await fixture<SightlineSummaryViewer>(
      html`<sightline-summary-viewer lang="en" base-url=${serverUrl()} token=${await exchange(reader.token, ['summaries:read'])} session-id=${id}></sightline-summary-viewer>`,
    );
    await find(readOnly, '[part="summary"]');
    expect(button(readOnly, 'edit')).to.equal(null);
    expect(button(readOnly, 'delete')).to.equal(null);
    expect(button(readOnly, 'export')).to.not.equal(null);

    const writer = await make(['summaries:write']);
    const el = await fixture<SightlineSummaryViewer>(
      html`<sightline-summary-viewer lang="en" base-url=${serverUrl()} token=${await exchange(writer.token, ['summaries:write'])} session-id=${id}></sightline-summary-viewer>`,
    );
    await find(el, '[part="summary"]');
    expect(button(el, 'delete'), 'tokens never delete').to.equal(null);
    button(el, 'edit')!.click();
    type(await find<HTMLInputElement>(el, 'input[name="title"]'), 'Boiler reset by the customer');
    // The host renews the short-lived token meanwhile: the open form and what was typed stay.
    el.token = await exchange(writer.token, ['summaries:write']);
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[name="title"]')?.value).to.equal('Boiler reset by the customer');
    const changed = oneEvent(el, 'sightline-summary-change');
    button(el, 'save')!.click();
    const { detail } = await changed;
    expect(detail.summary.title).to.equal('Boiler reset by the customer');
    expect(detail.summary.editedBy.displayName).to.equal('CRM summaries:write');
    await waitUntil(
      () => text(readOnly).includes('Boiler reset by the customer'),
      'the read-only panel missed the edit',
      {
        timeout: 10_000,
      },
    );

    // An edit in the console reaches both panels without a reload.
    const { data: current } = await manager.api.GET('/v1/summaries/{id}', {
      params: { path: { id: summary.id } },
    });
    const { error } = await manager.api.PATCH('/v1/summaries/{id}', {
      params: { path: { id: summary.id }, header: { 'if-match': `"${current!.version}"` } },
      body: { title: 'Boiler E42: pressure restored' },
    });
    expect(error).to.equal(undefined);
    await waitUntil(() => text(el).includes('Boiler E42: pressure restored'), 'no live update', {
      timeout: 10_000,
    });
    await waitUntil(
      () => text(readOnly).includes('Boiler E42: pressure restored'),
      'no live update (read-only)',
      {
        timeout: 10_000,
      },
    );
    await expect(el).to.be.accessible();

    // Revoking the CRM's token ends what was exchanged from it.
    await manager.api.DELETE('/v1/integrations/tokens/{id}', { params: { path: { id: writer.id } } });
    el.sessionId = '';
    el.sessionId = id;
    await el.reload();
    await waitUntil(() => $(el, '[role="alert"]'), 'no problem shown after revocation', { timeout: 10_000 });
  });

  it('SI-12: inside a provider whose token is a short-lived integration token: reads, edits and follows an edit made elsewhere', async function () {
    this.timeout(60_000);
    const { id, summary } = await summarizedSession(`Heat pump noisy ${Date.now()}`);
    const manager = await staff(DEMO.managerEmail);
    const { data: crm } = await manager.api.POST('/v1/integrations/tokens', {
      body: { name: 'CRM in a provider', scopes: ['summaries:write'] },
    });
    const exchanged = await fetch(`${serverUrl()}/v1/integrations/tokens/exchange`, {
      method: 'POST',
      headers: { authorization: `Bearer ${crm!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ summaryId: summary.id, scopes: ['summaries:write'] }),
    });
    const { token } = (await exchanged.json()) as { token: string };
    const el = await fixture(html`<sightline-provider base-url=${serverUrl()} token=${token}>
      <sightline-summary-viewer lang="en" session-id=${id}></sightline-summary-viewer>
    </sightline-provider>`).then((p) => p.querySelector<SightlineSummaryViewer>('sightline-summary-viewer')!);
    await find(el, '[part="summary"]');
    expect(button(el, 'edit')).to.not.equal(null);
    expect(button(el, 'delete')).to.equal(null);
    const { error } = await manager.api.PATCH('/v1/summaries/{id}', {
      params: { path: { id: summary.id }, header: { 'if-match': `"${summary.version}"` } },
      body: { title: 'Heat pump fan bearing worn' },
    });
    expect(error).to.equal(undefined);
    await waitUntil(
      () => text(el).includes('Heat pump fan bearing worn'),
      'no live update through the provider',
      {
        timeout: 10_000,
      },
    );
    await expect(el).to.be.accessible();
  });

  it('SI-3, SI-12: not made because the customer declined, in the inherited language and after lang changes; an unknown id is a clear problem', async () => {
    const session = await runningSession('Heizung kalt', 'denied');
    await session.end();
    await summaryState(session.agent, session.id, 'skipped');
    const wrapper = await fixture(html`<div lang="pt-BR">
      <sightline-summary-viewer session-id=${session.id} .sightline=${session.agent}></sightline-summary-viewer>
    </div>`);
    const el = wrapper.querySelector<SightlineSummaryViewer>('sightline-summary-viewer')!;
    await waitUntil(() => status(el) === 'skipped', 'no skipped state');
    expect(text(el)).to.include(viewerTranslations.pt.reasons['customer-denied']);
    el.setAttribute('lang', 'es');
    await el.updateComplete;
    expect(text(el)).to.include('El cliente rechazó el resumen.');
    el.setAttribute('lang', 'de');
    await el.updateComplete;
    expect(text(el)).to.include(viewerTranslations.de.reasons['customer-denied']);
    await expect(el).to.be.accessible();

    el.sessionId = 'no-such-session';
    await waitUntil(() => $(el, '[role="alert"]'), 'no problem shown for an unknown session');
    expect(status(el)).to.equal(undefined);
  });

  it('SI-12: every reason a summary can be skipped for has a sentence in en, de, es and pt', () => {
    const keys = Object.keys(viewerTranslations.en.reasons).sort();
    expect(keys).to.include.members([
      'customer-denied',
      'no-credits',
      'customer-no-answer',
      'generation-failed',
    ]);
    for (const lang of ['de', 'es', 'pt'] as const) {
      expect(Object.keys(viewerTranslations[lang].reasons).sort(), lang).to.deep.equal(keys);
      for (const k of keys) {
        const sentence = viewerTranslations[lang].reasons[k as keyof typeof viewerTranslations.en.reasons];
        expect(sentence, `${lang} ${k}`).to.not.equal(viewerTranslations.en.reasons[k as 'no-credits']);
      }
    }
  });
});
