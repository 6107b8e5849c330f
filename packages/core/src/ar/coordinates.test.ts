import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mirrorPoint } from '../call/mirror.js';
import {
  frameBoxToView,
  framePointToView,
  type ViewLayout,
  videoRect,
  viewPointToFrame,
} from './coordinates.js';

const size = fc.integer({ min: 1, max: 4000 });
const layout: fc.Arbitrary<ViewLayout> = fc.record({
  elementWidth: size,
  elementHeight: size,
  videoWidth: size,
  videoHeight: size,
  mirrored: fc.boolean(),
});
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const framePoint = fc.record({ x: unit, y: unit });
const close = (a: number, b: number, eps = 1e-6) =>
  Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));

describe('view ⇄ frame coordinates with mirror and letterboxing (VS-14)', () => {
  it('letterboxes a 16:9 video in a square box with bars above and below', () => {
    const l = { elementWidth: 400, elementHeight: 400, videoWidth: 1280, videoHeight: 720, mirrored: false };
    expect(videoRect(l)).toEqual({ x: 0, y: 87.5, width: 400, height: 225 });
    expect(viewPointToFrame(l, { x: 200, y: 50 })).toBeUndefined(); // on the top bar
    expect(viewPointToFrame(l, { x: 200, y: 50 }, 'clamp')).toEqual({ x: 0.5, y: 0 });
    expect(viewPointToFrame(l, { x: 100, y: 200 })).toEqual({ x: 0.25, y: (200 - 87.5) / 225 });
    expect(viewPointToFrame({ ...l, mirrored: true }, { x: 100, y: 200 })?.x).toBe(0.75);
  });

  it('round-trips frame → view → frame to the same point', () => {
    fc.assert(
      fc.property(layout, framePoint, (l, p) => {
        const back = viewPointToFrame(l, framePointToView(l, p)!, 'clamp')!;
        expect(close(back.x, p.x) && close(back.y, p.y)).toBe(true);
      }),
    );
  });

  it('round-trips view → frame → view for every point on the displayed video', () => {
    fc.assert(
      fc.property(layout, unit, unit, (l, u, v) => {
        const r = videoRect(l)!;
        const view = { x: r.x + u * r.width, y: r.y + v * r.height };
        const frame = viewPointToFrame(l, view, 'clamp')!;
        const again = framePointToView(l, frame)!;
        expect(close(again.x, view.x) && close(again.y, view.y)).toBe(true);
      }),
    );
  });

  it('mirroring the view mirrors the frame point; mirroring twice is the identity', () => {
    fc.assert(
      fc.property(layout, framePoint, (l, p) => {
        const plain = framePointToView({ ...l, mirrored: false }, p)!;
        const flipped = framePointToView({ ...l, mirrored: true }, mirrorPoint(p))!;
        expect(close(plain.x, flipped.x) && close(plain.y, flipped.y)).toBe(true);
        const twice = mirrorPoint(mirrorPoint(p));
        expect(close(twice.x, p.x, 1e-15) && twice.y === p.y).toBe(true);
      }),
    );
  });

  it('rejects exactly the points that clamping moves, and clamps them onto the frame edge', () => {
    const anywhere = fc.record({
      x: fc.double({ min: -5000, max: 9000, noNaN: true }),
      y: fc.double({ min: -5000, max: 9000, noNaN: true }),
    });
    fc.assert(
      fc.property(layout, anywhere, (l, p) => {
        const r = videoRect(l)!;
        const inside = p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
        const rejected = viewPointToFrame(l, p, 'reject');
        const clamped = viewPointToFrame(l, p, 'clamp')!;
        expect(clamped.x >= 0 && clamped.x <= 1 && clamped.y >= 0 && clamped.y <= 1).toBe(true);
        if (rejected) expect(rejected).toEqual(clamped);
        else expect(inside && !rejected).toBe(false);
        if (!inside)
          expect(clamped.x === 0 || clamped.x === 1 || clamped.y === 0 || clamped.y === 1).toBe(true);
      }),
    );
  });

  it('has no answer before the video size is known', () => {
    const l = { elementWidth: 300, elementHeight: 200, videoWidth: 0, videoHeight: 0, mirrored: false };
    expect(viewPointToFrame(l, { x: 1, y: 1 })).toBeUndefined();
    expect(framePointToView(l, { x: 0.5, y: 0.5 })).toBeUndefined();
  });

  it('maps a box to the same picture area in the mirrored view', () => {
    const l = { elementWidth: 1000, elementHeight: 500, videoWidth: 1000, videoHeight: 500, mirrored: true };
    const r = frameBoxToView(l, { x: 0.1, y: 0.2, width: 0.3, height: 0.4 })!;
    expect([r.x, r.y, r.width, r.height].map(Math.round)).toEqual([600, 100, 300, 200]);
  });
});
