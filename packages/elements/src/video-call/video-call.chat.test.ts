import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../request-flow/request-flow.js';
import '../session-inbox/session-inbox.js';
import '../summary-viewer/summary-viewer.js';
import type { SightlineSummaryViewer } from '../summary-viewer/summary-viewer.component.js';
import {
  $,
  customer,
  DEMO,
  destroyInstances,
  eventWithin,
  find,
  staff,
  text,
  type,
} from '../testing/fixtures.js';
import { callFromWidget } from '../testing/widget-call.js';
import type { SightlineVideoCall } from './video-call.component.js';

// The whole Session Insights path in real Chromium against the real server: the customer allows an
// AI summary, both sides chat over a real peer-to-peer call, staff write a private note, the call
// ends, and the summary appears in the console without a reload; a manager edits, downloads and
// deletes it (SI-3, SI-5, SI-7, SI-8, VS-15).

afterEach(() => destroyInstances());

const button = (el: Element, action: string) => $<HTMLButtonElement>(el, `[data-action="${action}"]`)!;

async function say(call: SightlineVideoCall, words: string, note = false): Promise<void> {
  const input = await find<HTMLTextAreaElement>(call, '#chat-input');
  const noteBox = $<HTMLInputElement>(call, '[data-action="chat-note"]');
  if (noteBox && noteBox.checked !== note) noteBox.click();
  type(input, words);
  button(call, 'chat-send').click();
}

describe('chat in the call and the summary afterwards', () => {
  it('VS-15, SI-3, SI-7: allow → chat both ways → end → the summary appears in the console; the note stays staff-only', async function () {
    this.timeout(120_000);
    const { agent, flow, inbox, session, customerCall, staffCall } = await callFromWidget(
      'Boiler shows E42 after the router swap',
      ['input[name="consent"][value="denied"]', 'input[name="summaryConsent"][value="granted"]'],
    );

    // Both open the chat once the call is live.
    (
      await find<HTMLButtonElement>(customerCall, '[data-action="chat"]', 'no chat button (customer)')
    ).click();
    (await find<HTMLButtonElement>(staffCall, '[data-action="chat"]', 'no chat button (staff)')).click();
    await say(customerCall, 'The burner clicks but does not ignite. The Heating app shows E42.');
    await waitUntil(() => text(staffCall).includes('The burner clicks'), 'staff never saw the message', {
      timeout: 10_000,
    });
    await say(staffCall, 'Please restart the boiler and check the gas valve.');
    await waitUntil(() => text(customerCall).includes('restart the boiler'), 'customer never saw the reply', {
      timeout: 10_000,
    });
    await say(customerCall, 'Done, it works now, thank you!');
    await say(staffCall, 'We will send a technician tomorrow to replace the ignition electrode.', true);
    await waitUntil(() => $(staffCall, '[data-kind="note"][data-state="sent"]'), 'note not stored', {
      timeout: 10_000,
    });
    // Persisted: both chat lines and the note are in the session's messages, the note never for the customer.
    await waitUntil(async () => {
      const { data } = await agent.api.GET('/v1/sessions/{id}/messages', {
        params: { path: { id: session.id } },
      });
      return (data?.items.length ?? 0) === 4;
    }, 'messages not persisted');
    expect(text(customerCall)).to.not.include('technician tomorrow');

    // Staff end the call; the summary appears in the console's details without a reload.
    // On a timeout, each side's call phase in the SDK as well as what the customer sees.
    const phases: Record<string, unknown> = {};
    const watching = [
      agent.call(session.id).phase$.subscribe((p) => (phases.staff = p)),
      (flow.sightline as typeof agent).call(session.id).phase$.subscribe((p) => (phases.customer = p)),
    ];
    const ended = eventWithin(
      flow,
      'sightline-call-end',
      20_000,
      () => `${text(customerCall)}; call phases ${JSON.stringify(phases)}`,
    );
    button(staffCall, 'end').click();
    await ended;
    for (const w of watching) w.unsubscribe();
    const viewer = await find<SightlineSummaryViewer>(inbox, 'sightline-summary-viewer', 'no summary viewer');
    await waitUntil(() => $(viewer, '[part="summary"]'), 'summary never appeared', { timeout: 20_000 });
    expect(text(viewer)).to.include('Boiler shows E42 after the router swap');
    expect(text(viewer)).to.include('technician tomorrow');
    // Agents may read, not edit, delete or download by default (SI-5).
    expect($(viewer, '[data-action="edit"]')).to.equal(null);
    expect($(viewer, '[data-action="delete"]')).to.equal(null);
    await expect(viewer).to.be.accessible();

    // A manager edits, downloads and deletes it in a standalone viewer.
    const manager = await staff(DEMO.managerEmail);
    const standalone = await fixture<SightlineSummaryViewer>(
      html`<sightline-summary-viewer lang="de" session-id=${session.id} .sightline=${manager}></sightline-summary-viewer>`,
    );
    await find(standalone, '[part="summary"]');
    expect(text(standalone)).to.include('Durchgeführte Schritte');
    button(standalone, 'edit').click();
    type(await find<HTMLInputElement>(standalone, 'input[name="title"]'), 'Zündung defekt');
    (await find<HTMLButtonElement>(standalone, '[data-action="save"]')).click();
    await waitUntil(
      () => text(standalone).includes('Zündung defekt') && text(standalone).includes('Bearbeitet von'),
      'edit not shown',
    );
    // The console's viewer follows the edit live.
    await waitUntil(() => text(viewer).includes('Zündung defekt'), 'console viewer did not update', {
      timeout: 10_000,
    });
    const download = eventWithin<{ name: string }>(standalone, 'sightline-summary-download', 20_000, () =>
      text(standalone),
    );
    $<HTMLButtonElement>(standalone, '[data-action="export"][data-format="pdf"]')!.click();
    expect((await download).detail.name).to.match(/^zundung-defekt-.+\.pdf$/);
    button(standalone, 'delete').click();
    (await find<HTMLButtonElement>(standalone, '[data-action="confirm-delete"]')).click();
    await waitUntil(() => $(standalone, '[part="status"][data-state="deleted"]'), 'not deleted');
    await waitUntil(
      () => $(viewer, '[part="status"][data-state="deleted"]'),
      'console viewer still shows it',
      { timeout: 10_000 },
    );
  });

  it('SI-3: “Don’t allow” → no summary, with the reason, in the customer’s words', async () => {
    const agent = await staff();
    const client = await customer();
    const { data: s } = await client.sessions.create({ reason: 'Radiator cold' });
    await client.api.POST('/v1/sessions/{id}/consents', {
      params: { path: { id: s!.id } },
      body: { kind: 'summary', decision: 'denied' },
    });
    await agent.sessions.refresh();
    await agent.session(s!.id).confirm();
    const { data: started } = await agent.api.POST('/v1/sessions/{id}/calls', {
      params: { path: { id: s!.id } },
    });
    await agent.api.POST('/v1/sessions/{id}/calls/{callId}/end', {
      params: { path: { id: s!.id, callId: started!.call.id } },
    });
    const viewer = await fixture<SightlineSummaryViewer>(
      html`<sightline-summary-viewer lang="en" session-id=${s!.id} .sightline=${agent}></sightline-summary-viewer>`,
    );
    await waitUntil(() => $(viewer, '[part="status"][data-state="skipped"]'), 'no skipped state', {
      timeout: 15_000,
    });
    expect(text(viewer)).to.include('The customer declined the summary.');
  });
});
