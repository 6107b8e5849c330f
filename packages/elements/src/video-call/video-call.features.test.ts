import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Sightline } from '../shared/sdk.js';
import { $, customer, DEMO, destroyInstances, serverUrl, staff } from '../testing/fixtures.js';
import './video-call.js';
import type { SightlineVideoCall } from './video-call.component.js';

// The portal's feature modes reach the call's tool bar through the server (MC-1, MC-5): the
// session (and call join) carry the caller's capabilities, and a tool the portal turns off is not
// offered on either side; the route refuses it too.

const PORTAL = 'portal_service';

async function portalFeatures(manager: Sightline, features: Record<string, string>): Promise<void> {
  const res = await fetch(`${serverUrl()}/v1/portals/${PORTAL}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ features }),
  });
  expect(res.status).to.equal(200);
}

/** A tool of the call's AR tool bar (in its `<sightline-ar-layer>`). */
const tool = (el: SightlineVideoCall, name: string) => {
  const layer = $(el, 'sightline-ar-layer');
  return layer && $<HTMLButtonElement>(layer, `[data-tool="${name}"]`);
};

afterEach(() => destroyInstances());

describe('<sightline-video-call> with the portal’s features (MC-5)', () => {
  it('hides the screenshot tool on both sides of a call through a portal with screenshots off; a direct upload is refused with 403 naming the feature', async () => {
    const manager = await staff(DEMO.managerEmail);
    await portalFeatures(manager, { screenshots: 'off' });
    let staffEl: SightlineVideoCall | undefined;
    try {
      const agent = await staff();
      const client = await customer();
      const { data: requested, error } = await client.sessions.create({ reason: 'No screenshots here' });
      expect(error).to.equal(undefined);
      const id = requested!.id;
      expect(requested!.capabilities).to.include('ar.draw');
      expect(requested!.capabilities).to.not.include('ar.screenshot');
      await agent.sessions.refresh();
      expect((await agent.session(id).confirm()).error).to.equal(undefined);

      const wrapper = await fixture(html`<div lang="en" style="width: 640px">
        <sightline-video-call id="staff" role-in-call="staff" session-id=${id} .sightline=${agent} autostart></sightline-video-call>
        <sightline-video-call id="customer" role-in-call="customer" session-id=${id} .sightline=${client} autostart></sightline-video-call>
      </div>`);
      staffEl = wrapper.querySelector<SightlineVideoCall>('#staff')!;
      const customerEl = wrapper.querySelector<SightlineVideoCall>('#customer')!;
      await waitUntil(() => tool(staffEl!, 'pen') && tool(customerEl, 'pen'), 'AR tool bars not shown', {
        timeout: 20_000,
      });
      expect(agent.session(id).snapshot?.capabilities).to.include('ar.marker');
      expect(tool(staffEl, 'marker'), 'marker').to.not.equal(null);
      expect($(staffEl, '[data-action="mirror"]'), 'mirror').to.not.equal(null);
      expect(tool(staffEl, 'screenshot'), 'staff screenshot').to.equal(null);
      expect(tool(customerEl, 'screenshot'), 'customer screenshot').to.equal(null);
      await waitUntil(() => staffEl!.arTools && customerEl.arTools, 'AR tools not loaded', {
        timeout: 20_000,
      });
      expect(staffEl.arTools!.can('ar.screenshot')).to.equal(false);
      expect(customerEl.arTools!.can('ar.screenshot')).to.equal(false);
      expect(customerEl.arTools!.can('ar.draw')).to.equal(true);

      // Straight to the route, past the UI: refused, naming the feature.
      const form = new FormData();
      form.append(
        'image',
        new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }),
        's.png',
      );
      form.append(
        'meta',
        JSON.stringify({
          id: 'direct-1',
          capturedAt: Date.now(),
          capturedBy: 'x',
          width: 1,
          height: 1,
          annotations: [],
        }),
      );
      const res = await fetch(`${serverUrl()}/v1/sessions/${id}/screenshots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agent.token}` },
        body: form,
      });
      expect(res.status).to.equal(403);
      const problem = (await res.json()) as { code: string; feature: string };
      expect(problem).to.include({ code: 'feature-disabled', feature: 'screenshots' });
    } finally {
      await staffEl?.end();
      await portalFeatures(manager, { screenshots: 'on' });
    }
  });
});
