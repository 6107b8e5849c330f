import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { $, customer, DEMO, destroyInstances, serverUrl, staff, text } from '../testing/fixtures.js';
import './session-details.js';
import type { SightlineSessionDetails } from './session-details.component.js';

afterEach(() => destroyInstances());

// A real 1×1 PNG.
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

async function agentToken(): Promise<string> {
  const res = await fetch(`${serverUrl()}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.agentEmail, password: DEMO.password }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('<sightline-session-details> (MC-10)', () => {
  it('shows the screenshots with their images, each side’s call quality per call and slotted recordings; accessible', async () => {
    const me = await customer();
    const agent = await staff();
    const { data: created } = await me.sessions.create({ reason: 'Details E42' });
    const id = created!.id;
    expect((await agent.session(id).confirm()).error).to.equal(undefined);
    const started = await agent.api.POST('/v1/sessions/{id}/calls', { params: { path: { id } } });
    const callId = started.data!.call.id;
    const path = { params: { path: { id, callId } } };
    const base = { transport: 'p2p', samples: 6, reconnections: 1 } as const;
    await me.api.POST('/v1/sessions/{id}/calls/{callId}/diagnostics', {
      ...path,
      body: {
        ...base,
        durationSeconds: 125,
        roundTripTime: { average: 0.021, max: 0.06 },
        framesPerSecond: { average: 28.5, min: 21 },
        bytesReceived: 1_250_000,
        bytesSent: 2_400_000,
        final: true,
      },
    });
    await agent.api.POST('/v1/sessions/{id}/calls/{callId}/diagnostics', {
      ...path,
      body: { ...base, durationSeconds: 42, final: false },
    });
    const form = new FormData();
    form.append('image', new Blob([PNG], { type: 'image/png' }), 'shot.png');
    const meta = {
      id: 'shot-1',
      capturedAt: Date.now(),
      capturedBy: 'p',
      width: 1,
      height: 1,
      annotations: [],
    };
    form.append('meta', JSON.stringify(meta));
    const upload = await fetch(`${serverUrl()}/v1/sessions/${id}/screenshots`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await agentToken()}`, 'idempotency-key': 'shot-1' },
      body: form,
    });
    expect(upload.status).to.equal(201);

    const el = await fixture<SightlineSessionDetails>(
      html`<sightline-session-details .sightline=${agent} session-id=${id} include="screenshots recordings diagnostics">
        <a slot="recordings" href="#recording-1">Recording 1</a>
      </sightline-session-details>`,
    );
    await waitUntil(
      () => $<HTMLImageElement>(el, '[data-screenshot="shot-1"] img')?.complete,
      'no screenshot image',
    );
    const img = $<HTMLImageElement>(el, '[data-screenshot="shot-1"] img')!;
    expect(img.naturalWidth).to.equal(1);
    expect(img.alt).to.match(/^Screenshot 1 of 1, taken /);
    expect(text(el)).to.include('No drawings');

    const table = $<HTMLTableElement>(el, `table[data-call="${callId}"]`)!;
    expect(table.caption?.textContent).to.match(/^Call 1 · /);
    const row = (role: string) =>
      table.querySelector(`tr[data-role="${role}"]`)!.textContent!.replace(/\s+/g, ' ');
    expect(row('customer')).to.include('2 min 5 sec').and.include('21 ms / 60 ms').and.include('28.5 / 21');
    expect(row('customer')).to.include('1.3 MB / 2.4 MB');
    expect(row('staff')).to.include('still in the call at the last report').and.include('not measured');
    expect($(el, '[part="recordings"]')!.hidden).to.equal(false);
    expect(el.querySelector('a[slot="recordings"]')?.assignedSlot).to.not.equal(null);
    await expect(el).shadowDom.to.be.accessible();

    // The customer of the session sees the screenshots, never the call quality.
    const theirs = await fixture<SightlineSessionDetails>(
      html`<sightline-session-details lang="pt" .sightline=${me} session-id=${id} include="screenshots diagnostics"></sightline-session-details>`,
    );
    await waitUntil(() => $(theirs, '[data-screenshot="shot-1"] img'), 'no screenshot for the customer');
    expect($(theirs, '[part="diagnostics"]')).to.equal(null);
    expect(text(theirs)).to.include('Capturas de tela');
  });
});
