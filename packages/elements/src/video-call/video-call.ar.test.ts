import { expect, waitUntil } from '@open-wc/testing';
import {
  createTrackingWorker,
  framePointToView,
  layoutOfVideo,
  type TrackingWorkerPort,
} from '@sightline/core';
import { sendKeys } from '@web/test-runner-commands';
import { destroyInstances } from '../testing/fixtures.js';
import { leaveTransports } from '../testing/transports.js';
import './video-call.js';
import {
  $,
  alphaAt,
  calls,
  drag,
  find,
  nextFrameWhere,
  overlay,
  pointer,
  ready,
  scriptedTracking,
  tool,
} from './ar-test-support.js';

// The AR tools on a live call (VS-11 … VS-14): strokes, markers, mirror, when the tools are enabled,
// accessibility and the keyboard. Screenshots are in video-call.screenshots.test.ts.

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
    // The follower's code loads on the first marker (a chunk of its own): following starts once it has.
    await waitUntil(() => tracking.tracked.length > 0, 'the marker was never followed');
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
