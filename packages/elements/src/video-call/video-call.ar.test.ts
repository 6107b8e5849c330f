import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import {
  createIdbUploadStore,
  createTrackingWorker,
  createUploadQueue,
  framePointToView,
  layoutOfVideo,
  type MarkerUpdate,
  type NetworkStatus,
  type TrackingWorker,
  type TrackingWorkerPort,
  type UploadRequest,
  type UploadSender,
  xhrSender,
} from '@sightline/core';
import { sendKeys } from '@web/test-runner-commands';
import { Subject } from 'rxjs';
import {
  $ as $inCall,
  customer,
  destroyInstances,
  serverUrl,
  staff,
  text as textOfCall,
} from '../testing/fixtures.js';
import { leaveTransports, transportPair } from '../testing/transports.js';
import './video-call.js';
import type { SightlineArLayer } from './ar/ar-layer.component.js';
import type { SightlineVideoCall } from './video-call.component.js';

// The AR tools on a live call (VS-11 … VS-14), in real Chromium with the fake camera: two P2P
// transports over in-memory signaling, each shown by its own element, as in video-call.test.ts.

/** The call's `<sightline-ar-layer>`: the AR tools live in its shadow root. */
const layer = (el: Element) => $inCall<SightlineArLayer>(el, 'sightline-ar-layer')!;

/** The first match in the call's shadow root, else in its AR layer's. */
function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  const ar = $inCall(el, 'sightline-ar-layer');
  return $inCall<E>(el, selector) ?? (ar && $inCall<E>(ar, selector));
}

/** Waits until `selector` matches in the call or its AR layer and returns the element. */
async function find<E extends Element = HTMLElement>(
  el: Element,
  selector: string,
  message?: string,
): Promise<E> {
  await waitUntil(() => $(el, selector), message ?? `no ${selector}`, { timeout: 10_000 });
  return $<E>(el, selector) as E;
}

/** The visible text of the call and its AR layer, whitespace collapsed. */
const text = (el: Element) => `${textOfCall(el)} ${textOfCall(layer(el))}`;

interface Options {
  lang?: string;
  staffProps?: Partial<SightlineVideoCall>;
  customerProps?: Partial<SightlineVideoCall>;
}

async function calls(
  o: Options = {},
): Promise<{ staffEl: SightlineVideoCall; customerEl: SightlineVideoCall }> {
  const { staff: s, customer: c } = transportPair();
  const wrapper = await fixture(html`<div lang=${o.lang ?? 'en'} style="width: 640px">
    <sightline-video-call id="staff" role-in-call="staff" participant-id="staff-1"></sightline-video-call>
    <sightline-video-call id="customer" role-in-call="customer" participant-id="customer-1"></sightline-video-call>
  </div>`);
  const staffEl = wrapper.querySelector<SightlineVideoCall>('#staff')!;
  const customerEl = wrapper.querySelector<SightlineVideoCall>('#customer')!;
  Object.assign(staffEl, o.staffProps ?? {}, { transport: s });
  Object.assign(customerEl, o.customerProps ?? {}, { transport: c });
  await Promise.all([c.join(), s.join()]);
  return { staffEl, customerEl };
}

/** Both sides' AR tools loaded and their video (the customer's camera) showing frames. */
async function ready(...els: SightlineVideoCall[]): Promise<void> {
  // The remote stream can be replaced once more while the connection settles (a track added after
  // the first): wait until every picture has stayed up for a moment.
  let since = 0;
  await waitUntil(
    () => {
      const up = els.every((el) => el.arTools && (el.arSurface?.videoWidth ?? 0) > 0);
      if (!up) since = 0;
      else since ||= performance.now();
      return up && performance.now() - since > 750;
    },
    'AR not ready',
    { timeout: 15_000 },
  );
  await Promise.all(els.map((el) => el.updateComplete));
}

const overlay = (el: SightlineVideoCall) => $<HTMLCanvasElement>(el, '[part="overlay"]')!;
const tool = (el: SightlineVideoCall, name: string) => $<HTMLButtonElement>(el, `[data-tool="${name}"]`);

/** Client coordinates of a frame point (0..1, unmirrored) on the element's overlay. */
function clientAt(el: SightlineVideoCall, x: number, y: number): { clientX: number; clientY: number } {
  const r = overlay(el).getBoundingClientRect();
  const v = framePointToView(layoutOfVideo(el.arSurface!, el.mirrored), { x, y })!;
  return { clientX: r.left + v.x, clientY: r.top + v.y };
}

function pointer(target: Element, type: string, at: { clientX: number; clientY: number }): void {
  target.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      composed: true,
      pointerId: 1,
      isPrimary: true,
      buttons: 1,
      ...at,
    }),
  );
}

function drag(
  el: SightlineVideoCall,
  target: Element,
  from: [number, number],
  to: [number, number],
  steps = 5,
) {
  pointer(target, 'pointerdown', clientAt(el, ...from));
  for (let i = 1; i <= steps; i++) {
    const f = i / steps;
    pointer(
      target,
      'pointermove',
      clientAt(el, from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f),
    );
  }
  pointer(target, 'pointerup', clientAt(el, ...to));
}

/** Alpha of the overlay pixel under a frame point. */
function alphaAt(el: SightlineVideoCall, x: number, y: number): number {
  const canvas = overlay(el);
  const v = framePointToView(layoutOfVideo(el.arSurface!, el.mirrored), { x, y })!;
  const k = canvas.width / canvas.clientWidth;
  return canvas.getContext('2d')!.getImageData(Math.round(v.x * k), Math.round(v.y * k), 1, 1).data[3]!;
}

/** Resolves on the first animation frame where `check` holds; with the time it took. */
function nextFrameWhere(check: () => boolean, timeoutMs = 10_000): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve(performance.now() - start);
      else if (performance.now() - start > timeoutMs) reject(new Error('condition not met in time'));
      else requestAnimationFrame(tick);
    };
    tick();
  });
}

/** A tracking worker driven by the test: results are whatever the test emits. */
function scriptedTracking(): {
  factory: () => TrackingWorker;
  results: Subject<MarkerUpdate>;
  tracked: string[];
} {
  const results = new Subject<MarkerUpdate>();
  const tracked: string[] = [];
  const worker: TrackingWorker = {
    results$: results.asObservable(),
    rejections$: new Subject<never>(),
    onResult: (l) => {
      const s = results.subscribe(l);
      return () => s.unsubscribe();
    },
    track: (id) => void tracked.push(id),
    remove: () => undefined,
    push: () => true,
    busy: () => true,
    terminate: () => undefined,
  };
  return { factory: () => worker, results, tracked };
}

afterEach(async () => {
  await leaveTransports();
  destroyInstances();
});

describe('<sightline-video-call> AR tools', () => {
  it('shows a stroke drawn with pointer events on the other side at once, then fades it out after its time to live on both sides (VS-12)', async () => {
    const { staffEl, customerEl } = await calls();
    await ready(staffEl, customerEl);
    tool(staffEl, 'pen')!.click();
    await staffEl.updateComplete;
    expect(tool(staffEl, 'pen')!.getAttribute('aria-pressed')).to.equal('true');

    const drawnAt = performance.now();
    drag(staffEl, overlay(staffEl), [0.2, 0.5], [0.6, 0.5]);
    const latency = await nextFrameWhere(() => overlay(customerEl).dataset.strokes === '1');
    console.log(
      `stroke latency: ${Math.round(latency)} ms from pointer events to the other side's overlay ` +
        `(message to paint there: ${Math.round(customerEl.arTools!.lastStrokePaintMs ?? -1)} ms)`,
    );
    expect(latency).to.be.lessThan(1000);
    expect(overlay(staffEl).dataset.strokes).to.equal('1');
    await waitUntil(() => alphaAt(customerEl, 0.4, 0.5) > 0, 'stroke not painted on the other side');
    expect(alphaAt(customerEl, 0.4, 0.2)).to.equal(0);

    await nextFrameWhere(
      () => overlay(customerEl).dataset.strokes === '0' && overlay(staffEl).dataset.strokes === '0',
    );
    const gone = performance.now() - drawnAt;
    expect(gone).to.be.greaterThan(3000); // the default time to live is 4 s after the last point
    expect(alphaAt(customerEl, 0.4, 0.5)).to.equal(0);
    expect(alphaAt(staffEl, 0.4, 0.5)).to.equal(0);
  });

  it('offers markers and mirror to staff only, drawing and screenshots to both, minus what the portal switches off (VS-11 … VS-14, MC-5)', async () => {
    const { staffEl, customerEl } = await calls({ customerProps: { features: { screenshots: 'off' } } });
    await ready(staffEl, customerEl);
    for (const name of ['pen', 'color', 'screenshot', 'marker'])
      expect(tool(staffEl, name), name).to.not.equal(null);
    expect($(staffEl, '[data-action="mirror"]')).to.not.equal(null);
    expect(tool(customerEl, 'pen')).to.not.equal(null);
    expect(tool(customerEl, 'marker')).to.equal(null);
    expect(tool(customerEl, 'screenshot')).to.equal(null); // switched off for this portal
    expect($(customerEl, '[data-action="mirror"]')).to.equal(null);
    customerEl.features = undefined;
    await customerEl.updateComplete;
    expect(tool(customerEl, 'screenshot')).to.not.equal(null);
  });

  it('shows a marker placed by staff on the customer side, follows the tracker and shows a lost marker as lost (VS-13)', async () => {
    const tracking = scriptedTracking();
    const { staffEl, customerEl } = await calls({ staffProps: { trackingWorker: tracking.factory } });
    await ready(staffEl, customerEl);
    tool(staffEl, 'marker')!.click();
    await staffEl.updateComplete;
    $<HTMLInputElement>(staffEl, '[data-tool="marker-label"]')!.value = 'Valve';
    $<HTMLInputElement>(staffEl, '[data-tool="marker-label"]')!.dispatchEvent(new Event('input'));
    drag(staffEl, overlay(staffEl), [0.3, 0.3], [0.6, 0.7]);
    const mine = await find(staffEl, '.marker');
    const id = mine.dataset.marker!;
    expect(tracking.tracked).to.deep.equal([id]);
    const theirs = await find(customerEl, `.marker[data-marker="${id}"]`, 'marker not shown to the customer');
    expect(theirs.textContent?.trim()).to.equal('Valve');
    const box = customerEl.arTools!.state.markers[id]!.box;
    expect(box.x).to.be.closeTo(0.3, 0.01);
    expect(box.width).to.be.closeTo(0.3, 0.01);

    tracking.results.next({
      markerId: id,
      box: { x: 0.4, y: 0.3, width: 0.3, height: 0.4 },
      angle: 0,
      confidence: 0.8,
      status: 'tracking',
    });
    await waitUntil(() => customerEl.arTools!.state.markers[id]!.box.x === 0.4, 'tracked box not shared');
    tracking.results.next({
      markerId: id,
      box: { x: 0.4, y: 0.3, width: 0.3, height: 0.4 },
      angle: 0,
      confidence: 0.1,
      status: 'lost',
    });
    await waitUntil(() => theirs.dataset.status === 'lost', 'lost status not shared');
    await customerEl.updateComplete;
    expect(getComputedStyle(theirs).borderTopStyle).to.equal('dashed');
    expect(theirs.textContent?.trim()).to.equal('Valve (lost)');
  });

  it('follows a staff marker with the real tracking worker on the fake camera and shares its updates with the customer (VS-13)', async () => {
    const realWorker = () =>
      createTrackingWorker({
        // The source module (the test server compiles TypeScript; a build ships tracking-worker.js).
        worker: () =>
          new Worker(new URL('../../../core/src/tracking/tracking-worker.ts', import.meta.url), {
            type: 'module',
          }) as unknown as TrackingWorkerPort,
      });
    const { staffEl, customerEl } = await calls({ staffProps: { trackingWorker: realWorker } });
    await ready(staffEl, customerEl);
    const id = staffEl.arTools!.placeMarker('Dial', { x: 0.35, y: 0.35 }, { x: 0.65, y: 0.65 })!;
    await find(customerEl, `.marker[data-marker="${id}"]`, 'marker not shown to the customer');
    // The worker answers every frame; a changed box or status is sent on (a new version each time).
    await waitUntil(
      () => (customerEl.arTools!.state.markers[id]?.version ?? 0) > 1,
      'no tracking update reached the customer',
      {
        timeout: 10_000,
      },
    );
    const m = customerEl.arTools!.state.markers[id]!;
    console.log(
      `real tracker on the fake camera: version ${m.version}, status ${m.status}, confidence ${m.confidence.toFixed(2)}`,
    );
  });

  it('flips overlay coordinates when mirrored while the wire stays unmirrored (VS-14)', async () => {
    const { staffEl, customerEl } = await calls({
      staffProps: { trackingWorker: scriptedTracking().factory },
    });
    await ready(staffEl, customerEl);
    const id = staffEl.arTools!.placeMarker('Left', { x: 0.1, y: 0.4 }, { x: 0.3, y: 0.6 })!;
    await staffEl.updateComplete;
    const marker = await find(staffEl, `.marker[data-marker="${id}"]`);
    const left = (el: HTMLElement) => Number.parseFloat(el.style.left);
    const layout = () => layoutOfVideo(staffEl.arSurface!, staffEl.mirrored);
    expect(left(marker)).to.be.closeTo(framePointToView(layout(), { x: 0.1, y: 0.4 })!.x, 1);

    $<HTMLButtonElement>(staffEl, '[data-action="mirror"]')!.click();
    await staffEl.updateComplete;
    expect(staffEl.mirrored).to.equal(true);
    // The box's right edge (0.3) is now on the left, at 1 - 0.3 of the picture.
    const mirroredLeft = framePointToView(layout(), { x: 0.3, y: 0.4 })!.x;
    expect(left(marker)).to.be.closeTo(mirroredLeft, 1);
    expect(staffEl.arTools!.state.markers[id]!.box.x).to.equal(0.1);
    // The customer's view follows the shared flag, and its marker too.
    await waitUntil(() => customerEl.mirrored, 'mirror not shared');
    await customerEl.updateComplete;
    const theirs = await find(customerEl, `.marker[data-marker="${id}"]`);
    const theirLayout = layoutOfVideo(customerEl.arSurface!, true);
    expect(left(theirs)).to.be.closeTo(framePointToView(theirLayout, { x: 0.3, y: 0.4 })!.x, 1);
    expect(getComputedStyle(customerEl.arSurface!).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');

    // A stroke drawn on the mirrored view at 20 % from the left is at 80 % of the frame on the wire.
    tool(staffEl, 'pen')!.click();
    await staffEl.updateComplete;
    const r = overlay(staffEl).getBoundingClientRect();
    const rect = framePointToView(layout(), { x: 1, y: 0.5 })!; // the picture's left edge when mirrored
    const at = { clientX: r.left + rect.x + 0.2 * (r.width - 2 * rect.x), clientY: r.top + rect.y };
    pointer(overlay(staffEl), 'pointerdown', at);
    pointer(overlay(staffEl), 'pointerup', at);
    await waitUntil(
      () => Object.values(customerEl.arTools!.state.strokes).length === 1,
      'stroke not received',
    );
    const [stroke] = Object.values(customerEl.arTools!.state.strokes);
    expect(stroke!.points[0]!.x).to.be.closeTo(0.8, 0.01);
  });

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

  it('the tools are enabled only while the customer’s camera gives a picture to act on (VS-11 … VS-13)', async () => {
    const { staffEl, customerEl } = await calls();
    await ready(staffEl, customerEl);
    expect(tool(staffEl, 'pen')!.disabled).to.equal(false);
    expect(tool(staffEl, 'screenshot')!.disabled).to.equal(false);
    // The customer turns the camera off: staff have nothing to draw on, and are told why.
    $<HTMLButtonElement>(customerEl, '[data-action="camera"]')!.click();
    await waitUntil(() => tool(staffEl, 'pen')!.disabled, 'tools stayed enabled', { timeout: 10_000 });
    expect(tool(staffEl, 'screenshot')!.disabled).to.equal(true);
    expect(tool(staffEl, 'pen')!.title).to.equal('Needs the customer’s camera picture');
    expect(tool(customerEl, 'pen')!.disabled).to.equal(true);
    // Back on: the tools come back.
    $<HTMLButtonElement>(customerEl, '[data-action="camera"]')!.click();
    await waitUntil(() => !tool(staffEl, 'pen')!.disabled, 'tools did not come back', { timeout: 15_000 });
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

  it('has no accessibility violations with the tool bar and the annotation view', async () => {
    const { staffEl, customerEl } = await calls();
    await ready(staffEl, customerEl);
    tool(staffEl, 'marker')!.click();
    await staffEl.updateComplete;
    await expect(staffEl).to.be.accessible();
    await expect(customerEl).to.be.accessible();
    tool(customerEl, 'screenshot')!.click();
    await find(customerEl, '[part="annotation"] canvas');
    await expect(customerEl).to.be.accessible();
  });

  it('is operable with the keyboard: tools toggle with Enter, a marker is placed with Enter in its label field', async () => {
    const { staffEl, customerEl } = await calls({
      staffProps: { trackingWorker: scriptedTracking().factory },
    });
    await ready(staffEl, customerEl);
    tool(staffEl, 'pen')!.focus();
    await sendKeys({ press: 'Enter' });
    await staffEl.updateComplete;
    expect(tool(staffEl, 'pen')!.getAttribute('aria-pressed')).to.equal('true');
    tool(staffEl, 'marker')!.focus();
    await sendKeys({ press: 'Enter' });
    await staffEl.updateComplete;
    $<HTMLInputElement>(staffEl, '[data-tool="marker-label"]')!.focus();
    await sendKeys({ type: 'Pump' });
    await sendKeys({ press: 'Enter' });
    await find(customerEl, '.marker', 'marker not placed from the keyboard');
    expect($(customerEl, '.marker')!.textContent?.trim()).to.equal('Pump');
  });

  for (const [lang, pen, screenshot, marker] of [
    ['de', 'Zeichnen', 'Bildschirmfoto aufnehmen', 'Markierung setzen'],
    ['es', 'Dibujar', 'Hacer captura', 'Colocar marcador'],
    ['pt', 'Desenhar', 'Capturar ecrã', 'Colocar marcador'],
  ] as const) {
    it(`labels the tool bar in ${lang}`, async () => {
      const { staffEl } = await calls({ lang });
      await ready(staffEl);
      expect(tool(staffEl, 'pen')!.textContent?.trim()).to.equal(pen);
      expect(tool(staffEl, 'screenshot')!.textContent?.trim()).to.equal(screenshot);
      expect(tool(staffEl, 'marker')!.textContent?.trim()).to.equal(marker);
      expect($(staffEl, '[part="tools"]')!.getAttribute('aria-label')).to.not.equal('Drawing tools');
    });
  }
});
