import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  createIdbUploadStore,
  createUploadQueue,
  type NetworkStatus,
  type UploadRequest,
  type UploadSender,
  xhrSender,
} from '@sightline/core';
import { sendKeys } from '@web/test-runner-commands';
import { Subject } from 'rxjs';
import { customer, destroyInstances, serverUrl, staff } from '../testing/fixtures.js';
import { leaveTransports } from '../testing/transports.js';
import './video-call.js';
import { $, calls, find, layer, pointer, ready, text, tool } from './ar-test-support.js';
import type { SightlineVideoCall } from './video-call.component.js';

// Screenshots on a live call (VS-11, VS-15): shared and annotated by both sides, undo/redo/clear,
// saved to the session through the real server, and uploaded after going offline.

afterEach(async () => {
  await leaveTransports();
  destroyInstances();
});
describe('<sightline-video-call> screenshots', () => {
  it('a screenshot opens where it was taken; the other side finds it new in its gallery and opens its own view; both annotate at once; Escape closes only one side (VS-11)', async () => {
    const { staffEl, customerEl } = await calls();
    await ready(staffEl, customerEl);
    tool(customerEl, 'screenshot')!.click();
    const customerCanvas = await find<HTMLCanvasElement>(customerEl, '[part="annotation"] canvas');
    // Focus moves to the new screenshot's panel.
    await waitUntil(
      () => layer(customerEl).shadowRoot!.activeElement === $(customerEl, '[part="annotation"]'),
    );
    const id = customerCanvas.dataset.screenshot!;
    // Nothing opens by itself on the other side: it is in the gallery, marked new, and announced.
    const item = await find<HTMLButtonElement>(staffEl, `[data-gallery="${id}"]`);
    expect(item.getAttribute('aria-label')).to.include('(new)');
    expect($(staffEl, '[part="annotation"]')).to.equal(null);
    expect(text(staffEl)).to.include('The other side shared a screenshot');
    const shot = customerEl.arTools!.state.screenshots[id]!.screenshot;
    // Full resolution of the camera frame, not the displayed size.
    expect(shot.width).to.equal(customerEl.arSurface!.videoWidth);
    await waitUntil(() => staffEl.arTools!.images.has(id), 'picture did not reach the other side', {
      timeout: 10_000,
    });
    item.click();
    const staffCanvas = await find<HTMLCanvasElement>(staffEl, '[part="annotation"] canvas');
    await waitUntil(
      () => !$(staffEl, `[data-gallery="${id}"]`)!.getAttribute('aria-label')!.includes('(new)'),
    );

    const draw = (canvas: HTMLCanvasElement, y: number) => {
      const r = canvas.getBoundingClientRect();
      const at = (x: number) => ({ clientX: r.left + r.width * x, clientY: r.top + r.height * y });
      pointer(canvas, 'pointerdown', at(0.2));
      pointer(canvas, 'pointermove', at(0.5));
      pointer(canvas, 'pointerup', at(0.8));
    };
    draw(staffCanvas, 0.3);
    draw(customerCanvas, 0.7);
    for (const el of [staffEl, customerEl]) {
      await waitUntil(
        () => Object.keys(el.arTools!.state.screenshots[id]!.ops).length === 2,
        `${el.id}: ops not merged`,
      );
      const authors = Object.values(el.arTools!.state.screenshots[id]!.ops).map((o) => o.author);
      expect(authors.sort()).to.deep.equal(['customer-1', 'staff-1']);
    }
    await waitUntil(() => staffCanvas.dataset.ops === '2' && customerCanvas.dataset.ops === '2');

    // Escape closes this side's view only; focus goes back to the tools.
    $<HTMLButtonElement>(staffEl, '[data-tool="close-screenshot"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(staffEl, '[part="annotation"]'), 'Escape did not close');
    await waitUntil(
      () => layer(staffEl).shadowRoot!.activeElement === tool(staffEl, 'screenshot'),
      'focus lost',
    );
    expect($(customerEl, '[part="annotation"]')).to.not.equal(null);
  });

  it('undo and redo take back and redraw this side’s own strokes; clear removes every drawing, for both (VS-11)', async () => {
    const { staffEl, customerEl } = await calls();
    await ready(staffEl, customerEl);
    tool(staffEl, 'screenshot')!.click();
    const canvas = await find<HTMLCanvasElement>(staffEl, '[part="annotation"] canvas');
    const id = canvas.dataset.screenshot!;
    (await find<HTMLButtonElement>(customerEl, `[data-gallery="${id}"]`)).click();
    const theirs = await find<HTMLCanvasElement>(customerEl, '[part="annotation"] canvas');
    const line = (c: HTMLCanvasElement, y: number) => {
      const r = c.getBoundingClientRect();
      pointer(c, 'pointerdown', { clientX: r.left + r.width * 0.2, clientY: r.top + r.height * y });
      pointer(c, 'pointerup', { clientX: r.left + r.width * 0.8, clientY: r.top + r.height * y });
    };
    const button = (el: SightlineVideoCall, name: string) => tool(el, name)!;
    expect(button(staffEl, 'undo').disabled).to.equal(true);
    line(canvas, 0.2);
    line(canvas, 0.4);
    line(theirs, 0.6);
    await waitUntil(() => canvas.dataset.ops === '3' && theirs.dataset.ops === '3', 'strokes not shared');
    await staffEl.updateComplete;
    // Undo takes back staff's last stroke on both sides, never the customer's.
    button(staffEl, 'undo').click();
    await waitUntil(() => canvas.dataset.ops === '2' && theirs.dataset.ops === '2', 'undo not shared');
    button(staffEl, 'undo').click();
    await waitUntil(() => canvas.dataset.ops === '1' && theirs.dataset.ops === '1');
    await staffEl.updateComplete;
    expect(button(staffEl, 'undo').disabled, 'nothing of staff left to undo').to.equal(true);
    const left = Object.values(customerEl.arTools!.annotation.open!.ops).filter((o) => o.kind === 'pen');
    expect(left.some((o) => o.author === 'customer-1')).to.equal(true);
    // Redo draws it again.
    button(staffEl, 'redo').click();
    await waitUntil(() => canvas.dataset.ops === '2' && theirs.dataset.ops === '2', 'redo not shared');
    // Clear removes everything, for both.
    await customerEl.updateComplete;
    button(customerEl, 'clear').click();
    await waitUntil(() => canvas.dataset.ops === '0' && theirs.dataset.ops === '0', 'clear not shared');
    await expect(staffEl).to.be.accessible();
  });

  it('saves a screenshot both sides annotated once to the session, with both sides’ ops, through the real server (VS-11, VS-15)', async () => {
    const agent = await staff();
    const device = await customer();
    const { data: requested } = await device.sessions.create({ reason: 'Screenshot test' });
    await agent.session(requested!.id).confirm();
    const wrapper = await fixture(html`<div lang="en">
      <sightline-video-call id="staff" base-url=${serverUrl()} .sightline=${agent} session-id=${requested!.id} autostart></sightline-video-call>
      <sightline-video-call id="customer" base-url=${serverUrl()} .sightline=${device} session-id=${requested!.id} autostart></sightline-video-call>
    </div>`);
    const staffEl = wrapper.querySelector<SightlineVideoCall>('#staff')!;
    const customerEl = wrapper.querySelector<SightlineVideoCall>('#customer')!;
    await ready(staffEl, customerEl);
    const saved = oneEvent(staffEl, 'sightline-screenshot');
    tool(staffEl, 'screenshot')!.click();
    // The customer opens it from the gallery.
    (await find<HTMLButtonElement>(customerEl, '[data-gallery]')).click();
    const canvas = await find<HTMLCanvasElement>(customerEl, '[part="annotation"] canvas');
    const id = canvas.dataset.screenshot!;
    await waitUntil(() => customerEl.arTools!.images.has(id));
    const r = canvas.getBoundingClientRect();
    pointer(canvas, 'pointerdown', { clientX: r.left + 10, clientY: r.top + 10 });
    pointer(canvas, 'pointerup', { clientX: r.left + 50, clientY: r.top + 50 });
    const staffCanvas = $<HTMLCanvasElement>(staffEl, '[part="annotation"] canvas')!;
    const s = staffCanvas.getBoundingClientRect();
    pointer(staffCanvas, 'pointerdown', { clientX: s.left + 20, clientY: s.top + 20 });
    pointer(staffCanvas, 'pointerup', { clientX: s.left + 60, clientY: s.top + 30 });
    expect((await saved).detail).to.deep.equal({ screenshotId: id, sessionId: requested!.id });
    const get = (path: string) =>
      fetch(`${serverUrl()}${path}`, { headers: { authorization: `Bearer ${agent.token}` } }).then((x) =>
        x.json(),
      );
    await waitUntil(
      async () => {
        const saved = (await get(`/v1/sessions/${requested!.id}/screenshots/${id}`)) as {
          annotations?: { author: string }[];
        };
        return new Set((saved.annotations ?? []).map((o) => o.author)).size === 2;
      },
      'both sides’ ops not saved',
      { timeout: 10_000 },
    );
    const list = (await get(`/v1/sessions/${requested!.id}/screenshots`)) as { items: { id: string }[] };
    const items = list.items;
    expect(items.filter((i) => i.id === id)).to.have.length(1);
  });

  it('uploads a screenshot taken offline (queue network dependency reports offline; the real server) after reconnect and after a reload (new element and queue over the same IndexedDB)', async () => {
    const db = `sightline-uploads-test-${crypto.randomUUID()}`;
    let online = false;
    const online$ = new Subject<void>();
    const network: NetworkStatus = { isOnline: () => online, online$ };
    const requests: UploadRequest[] = [];
    const agent = await staff();
    const { data } = await (await customer()).sessions.create({ reason: 'Offline screenshot' });
    const sessionId = data!.id;
    const token = agent.token!;
    const send: UploadSender = async (request, onProgress, signal) => {
      requests.push(request);
      return xhrSender(request, onProgress, signal);
    };
    const queueOf = () =>
      createUploadQueue({
        baseUrl: serverUrl(),
        getToken: () => token,
        network,
        send,
        store: createIdbUploadStore(db),
      });
    const first = queueOf();
    await first.start();
    const { staffEl, customerEl } = await calls({ staffProps: { uploadQueue: first, sessionId } });
    await ready(staffEl, customerEl);

    // Offline: the screenshot waits, with a progress bar.
    tool(staffEl, 'screenshot')!.click();
    const bar = await find(staffEl, '[role="progressbar"]', 'no progress while waiting');
    expect(bar.getAttribute('aria-label')).to.equal('Saving screenshot');
    expect(requests).to.have.length(0);
    // Back online: uploaded.
    const saved = oneEvent(staffEl, 'sightline-screenshot');
    online = true;
    online$.next();
    const first_id = (await saved).detail.screenshotId;
    expect(requests[0]!.headers['idempotency-key']).to.equal(first_id);
    await waitUntil(() => !$(staffEl, '[role="progressbar"]'), 'progress stays after the upload');

    // Offline again; the page "reloads" before the upload: the element goes, the queue stops.
    online = false;
    $<HTMLButtonElement>(staffEl, '[data-tool="close-screenshot"]')!.click();
    await waitUntil(
      () => !layer(staffEl).busy && tool(staffEl, 'screenshot') && !tool(staffEl, 'screenshot')!.disabled,
    );
    tool(staffEl, 'screenshot')!.click();
    await find(staffEl, '[role="progressbar"]');
    const second = [...staffEl.arTools!.progress.keys()].find((k) => k !== first_id)!;
    staffEl.remove();
    first.stop();
    expect(requests).to.have.length(1);
    // A new queue over the same database, online: it finds the screenshot and uploads it.
    online = true;
    const after = queueOf();
    await after.start();
    await waitUntil(() => requests.length === 2, 'not uploaded after the reload', { timeout: 10_000 });
    expect(requests[1]!.headers['idempotency-key']).to.equal(second);
    await waitUntil(() => after.progressOf(`screenshot:${second}`), 'no progress after the reload');
    await waitUntil(async () => {
      const now = await fetch(`${serverUrl()}/v1/sessions/${sessionId}/screenshots`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
      return [first_id, second].every((id) => now.items.some((i) => i.id === id));
    }, 'not on the server');
    after.stop();
  });
});
