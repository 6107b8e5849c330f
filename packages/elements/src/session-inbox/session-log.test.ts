import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SightlineSummaryViewer } from '../summary-viewer/summary-viewer.component.js';
import { runningSession } from '../summary-viewer/testing.js';
import { $, destroyInstances, find, text } from '../testing/fixtures.js';
import './session-inbox.js';
import type { SightlineSessionInbox } from './session-inbox.component.js';
import type { SightlineSessionLog } from './session-log.js';

afterEach(() => destroyInstances());

describe('<sightline-session-log> in the inbox', () => {
  it('VS-15, SI-7: a completed session’s details show its summary and its chat and notes, new lines live, the note marked staff-only', async () => {
    const reason = `Mail sync stuck ${Date.now()}`;
    const session = await runningSession(reason);
    const { agent, id } = session;
    await agent.api.POST('/v1/sessions/{id}/messages', {
      params: { path: { id } },
      body: { id: `n${Date.now()}`, kind: 'note', text: 'Customer uses an old Outlook build.' },
    });
    await session.end();
    const inbox = await fixture<SightlineSessionInbox>(
      html`<sightline-session-inbox lang="en" filter="all" .sightline=${agent}></sightline-session-inbox>`,
    );
    (await find<HTMLButtonElement>(inbox, `[data-session="${id}"]`)).click();
    const log = await find<SightlineSessionLog>(inbox, 'sightline-session-log');
    await waitUntil(() => $(log, '[part="log"] li'), 'no messages listed', { timeout: 10_000 });
    const items = [...log.shadowRoot!.querySelectorAll<HTMLElement>('[part="log"] li')];
    expect(items.map((li) => li.dataset.kind)).to.deep.equal(['chat', 'note']);
    expect(items[0]!.textContent).to.include('Outlook on my laptop cannot sign in');
    expect(items[0]!.textContent).to.include('(Customer)');
    expect(items[1]!.textContent).to.include('Note (staff only)');

    // A note written after the call appears without a reload.
    await agent.api.POST('/v1/sessions/{id}/messages', {
      params: { path: { id } },
      body: { id: `n2${Date.now()}`, kind: 'note', text: 'Sent the update link by mail.' },
    });
    await waitUntil(() => text(log).includes('Sent the update link by mail.'), 'note not live', {
      timeout: 10_000,
    });

    // The summary appears in the same details once it is made.
    const viewer = await find<SightlineSummaryViewer>(inbox, 'sightline-summary-viewer');
    await waitUntil(() => $(viewer, '[part="summary"]'), 'summary never appeared', { timeout: 20_000 });
    expect(text(viewer)).to.include(reason);
    await expect(inbox).to.be.accessible();
  });

  it('VS-15: German, and an empty log says so', async () => {
    const { agent, id } = await runningSession(`Leer ${Date.now()}`);
    const { data: s } = await agent.sessions.create({
      deviceId: (await agent.api.GET('/v1/devices')).data!.items[0]!.id,
      reason: 'Ohne Chat',
    });
    const log = await fixture<SightlineSessionLog>(
      html`<sightline-session-log lang="de" session-id=${s!.id} .sightline=${agent}></sightline-session-log>`,
    );
    await waitUntil(() => text(log).includes('Keine Chatnachrichten oder Notizen.'), 'no empty state');
    expect(text(log)).to.include('Chat und Notizen');
    log.sessionId = id;
    await waitUntil(() => $(log, '[part="log"] li'), 'no messages listed');
    expect(text(log)).to.include('(Kunde)');
    await expect(log).to.be.accessible();
  });
});
