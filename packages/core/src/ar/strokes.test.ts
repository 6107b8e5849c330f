import { describe, expect, it } from 'vitest';
import { type LiveStroke, pruneStrokes, STROKE_FADE_MS, strokeOpacity, visibleStrokes } from './strokes.js';

const stroke = (id: string, updatedAt: number, ttlMs = 4000): LiveStroke => ({
  id,
  author: 'customer-1',
  color: '#f00',
  width: 0.01,
  points: [{ x: 0.5, y: 0.5 }],
  createdAt: updatedAt,
  ttlMs,
  updatedAt,
  ended: true,
});

describe('stroke expiry and fade (VS-12)', () => {
  it('is fully visible until the fade begins, then fades linearly to nothing at its time to live', () => {
    const s = stroke('s', 1000);
    expect(strokeOpacity(s, 1000)).toBe(1);
    expect(strokeOpacity(s, 1000 + 4000 - STROKE_FADE_MS)).toBe(1);
    expect(strokeOpacity(s, 1000 + 4000 - STROKE_FADE_MS / 2)).toBeCloseTo(0.5);
    expect(strokeOpacity(s, 5000)).toBe(0);
    expect(strokeOpacity(s, 9000)).toBe(0);
  });

  it('lists only strokes still visible, oldest first, with their opacity', () => {
    const strokes = { a: stroke('a', 0), b: stroke('b', 2000), c: stroke('c', 500) };
    expect(visibleStrokes(strokes, 3500).map((s) => [s.id, s.opacity])).toEqual([
      ['a', 0.5],
      ['c', 1],
      ['b', 1],
    ]);
    expect(visibleStrokes(strokes, 4600).map((s) => s.id)).toEqual(['b']);
  });

  it('fades a short-lived stroke over its whole life', () => {
    expect(strokeOpacity(stroke('s', 0, 500), 250)).toBeCloseTo(0.5);
  });

  it('prunes expired strokes and returns the same map when none expired', () => {
    const strokes = { a: stroke('a', 0), b: stroke('b', 2000) };
    expect(Object.keys(pruneStrokes(strokes, 4000))).toEqual(['b']);
    expect(pruneStrokes(strokes, 100)).toBe(strokes);
  });
});
