import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialMirrorState, mirrorPoint, mirrorTransform, toggleMirror, viewToFrame } from './mirror.js';

describe('mirror (VS-14)', () => {
  it('toggles and gives the matching CSS transform', () => {
    expect(mirrorTransform(initialMirrorState)).toBe('none');
    const mirrored = toggleMirror(initialMirrorState);
    expect(mirrored).toEqual({ mirrored: true });
    expect(mirrorTransform(mirrored)).toBe('scaleX(-1)');
    expect(toggleMirror(mirrored)).toEqual(initialMirrorState);
  });

  it('mirrors normalized points horizontally, and is its own inverse', () => {
    expect(mirrorPoint({ x: 0.25, y: 0.5 })).toEqual({ x: 0.75, y: 0.5 });
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, (x, y) => {
        const back = mirrorPoint(mirrorPoint({ x, y }));
        const mirrored = mirrorPoint({ x, y });
        return Math.abs(back.x - x) < 1e-12 && back.y === y && mirrored.x >= 0 && mirrored.x <= 1;
      }),
    );
  });

  it('maps view points to frame points only when mirrored', () => {
    expect(viewToFrame({ mirrored: false }, { x: 0.1, y: 0.2 })).toEqual({ x: 0.1, y: 0.2 });
    expect(viewToFrame({ mirrored: true }, { x: 0.1, y: 0.2 }).x).toBeCloseTo(0.9);
  });
});
