import { fixture, html, waitUntil } from '@open-wc/testing';
import { framePointToView, layoutOfVideo, type MarkerUpdate, type TrackingWorker } from '@sightline/core';
import { Subject } from 'rxjs';
import { $ as $inCall, text as textOfCall } from '../testing/fixtures.js';
import { transportPair } from '../testing/transports.js';
import './video-call.js';
import type { SightlineArLayer } from './ar/ar-layer.component.js';
import type { SightlineVideoCall } from './video-call.component.js';

// Test support for the AR tools on a live call (VS-11 … VS-14), in real Chromium with the fake camera:
// two P2P transports over in-memory signaling, each shown by its own element, as in video-call.test.ts.

/** The call's `<sightline-ar-layer>`: the AR tools live in its shadow root. */
export const layer = (el: Element) => $inCall<SightlineArLayer>(el, 'sightline-ar-layer')!;

/** The first match in the call's shadow root, else in its AR layer's. */
export function $<E extends Element = HTMLElement>(el: Element, selector: string): E | null {
  const ar = $inCall(el, 'sightline-ar-layer');
  return $inCall<E>(el, selector) ?? (ar && $inCall<E>(ar, selector));
}

/** Waits until `selector` matches in the call or its AR layer and returns the element. */
export async function find<E extends Element = HTMLElement>(
  el: Element,
  selector: string,
  message?: string,
): Promise<E> {
  await waitUntil(() => $(el, selector), message ?? `no ${selector}`, { timeout: 10_000 });
  return $<E>(el, selector) as E;
}

/** The visible text of the call and its AR layer, whitespace collapsed. */
export const text = (el: Element) => `${textOfCall(el)} ${textOfCall(layer(el))}`;

export interface Options {
  lang?: string;
  staffProps?: Partial<SightlineVideoCall>;
  customerProps?: Partial<SightlineVideoCall>;
}

export async function calls(
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
export async function ready(...els: SightlineVideoCall[]): Promise<void> {
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

export const overlay = (el: SightlineVideoCall) => $<HTMLCanvasElement>(el, '[part="overlay"]')!;
export const tool = (el: SightlineVideoCall, name: string) =>
  $<HTMLButtonElement>(el, `[data-tool="${name}"]`);

/** Client coordinates of a frame point (0..1, unmirrored) on the element's overlay. */
export function clientAt(el: SightlineVideoCall, x: number, y: number): { clientX: number; clientY: number } {
  const r = overlay(el).getBoundingClientRect();
  const v = framePointToView(layoutOfVideo(el.arSurface!, el.mirrored), { x, y })!;
  return { clientX: r.left + v.x, clientY: r.top + v.y };
}

export function pointer(target: Element, type: string, at: { clientX: number; clientY: number }): void {
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

export function drag(
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
export function alphaAt(el: SightlineVideoCall, x: number, y: number): number {
  const canvas = overlay(el);
  const v = framePointToView(layoutOfVideo(el.arSurface!, el.mirrored), { x, y })!;
  const k = canvas.width / canvas.clientWidth;
  return canvas.getContext('2d')!.getImageData(Math.round(v.x * k), Math.round(v.y * k), 1, 1).data[3]!;
}

/** Resolves on the first animation frame where `check` holds; with the time it took. */
export function nextFrameWhere(check: () => boolean, timeoutMs = 10_000): Promise<number> {
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
export function scriptedTracking(): {
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
