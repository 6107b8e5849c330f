import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatchWorkspace, type MatchCandidate, matchTemplate, ncc, sampleBox } from './ncc.js';

const textured = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 256 })
  .filter((a) => Math.max(...a) - Math.min(...a) > 8);

describe('ncc', () => {
  it('is 1 for an image with itself', () => {
    fc.assert(
      fc.property(textured, (a) => {
        expect(ncc(a, a, a.length)).toBeCloseTo(1, 6);
      }),
    );
  });

  it('is invariant to brightness gain and offset', () => {
    fc.assert(
      fc.property(
        textured,
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (a, k, c) => {
          const b = a.map((v) => v * k + c);
          expect(ncc(a, b, a.length)).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('is -1 for an inverted image, symmetric and within [-1, 1]', () => {
    fc.assert(
      fc.property(textured, textured, (a, b) => {
        const n = Math.min(a.length, b.length);
        expect(
          ncc(
            a,
            a.map((v) => 255 - v),
            a.length,
          ),
        ).toBeCloseTo(-1, 6);
        const ab = ncc(a, b, n);
        expect(ab).toBeCloseTo(ncc(b, a, n), 9);
        expect(Math.abs(ab)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('scores a flat patch 0', () => {
    expect(ncc([5, 5, 5, 5], [1, 2, 3, 4], 4)).toBe(0);
  });
});

describe('matchTemplate', () => {
  it('finds a patch cut from an image at the place it was cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.nat(30), fc.nat(20), (seed, px, py) => {
        let s = seed;
        const random = () => {
          s = (s * 16807) % 2147483647;
          return s / 2147483647;
        };
        const level = {
          width: 48,
          height: 36,
          data: new Uint8Array(48 * 36).map(() => Math.floor(random() * 256)),
        };
        const tpl = new Float32Array(12 * 10);
        for (let y = 0; y < 10; y++)
          for (let x = 0; x < 12; x++) tpl[y * 12 + x] = level.data[(py + y) * 48 + px + x]!;
        const out: MatchCandidate[] = [{ x: 0, y: 0, score: 0 }];
        const n = matchTemplate(
          level,
          tpl,
          12,
          10,
          { x0: 0, y0: 0, x1: 48, y1: 36 },
          createMatchWorkspace(),
          out,
          2,
        );
        expect(n).toBe(1);
        expect(out[0]).toMatchObject({ x: px, y: py });
        expect(out[0]!.score).toBeCloseTo(1, 5);
      }),
      { numRuns: 30 },
    );
  });
});

describe('sampleBox', () => {
  it('reads back the pixels of an axis-aligned box at scale 1', () => {
    const level = { width: 8, height: 8, data: Uint8Array.from({ length: 64 }, (_, i) => i) };
    const out = new Float32Array(4);
    sampleBox(level, 3, 3, 2, 2, 0, out, 2, 2);
    expect([...out]).toEqual([18, 19, 26, 27]);
  });
});
