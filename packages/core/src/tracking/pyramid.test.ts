import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPyramid, createPyramid, sampleBilinear } from './pyramid.js';

const image = fc
  .record({
    width: fc.integer({ min: 16, max: 70 }),
    height: fc.integer({ min: 16, max: 70 }),
    seed: fc.nat(),
  })
  .map(({ width, height, seed }) => ({
    width,
    height,
    data: Uint8Array.from(
      { length: width * height },
      (_, i) => (Math.imul(i + 1, 2654435761 + seed) >>> 24) & 255,
    ),
  }));

describe('pyramid', () => {
  it('halves every level (rounding down) and stops above 16 px', () => {
    fc.assert(
      fc.property(image, fc.integer({ min: 1, max: 6 }), (img, levels) => {
        const p = createPyramid(img.width, img.height, levels);
        expect(p.levels.length).toBeGreaterThanOrEqual(1);
        expect(p.levels.length).toBeLessThanOrEqual(levels);
        p.levels.forEach((l, i) => {
          expect(l.width).toBe(img.width >> i);
          expect(l.height).toBe(img.height >> i);
          if (i > 0)
            expect(Math.min(p.levels[i - 1]!.width, p.levels[i - 1]!.height)).toBeGreaterThanOrEqual(16);
        });
      }),
    );
  });

  it('keeps a uniform image uniform on every level', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (v) => {
        const p = createPyramid(64, 48, 4);
        buildPyramid(p, { width: 64, height: 48, data: new Uint8Array(64 * 48).fill(v) });
        for (const l of p.levels) expect(l.data.every((x) => x === v)).toBe(true);
      }),
    );
  });

  it('preserves the mean brightness within rounding', () => {
    fc.assert(
      fc.property(
        image.filter((i) => i.width >= 32 && i.height >= 32),
        (img) => {
          const p = createPyramid(img.width & ~1, img.height & ~1, 2);
          const w = img.width & ~1;
          const h = img.height & ~1;
          const data = new Uint8Array(w * h);
          for (let y = 0; y < h; y++) data.set(img.data.subarray(y * img.width, y * img.width + w), y * w);
          buildPyramid(p, { width: w, height: h, data });
          const mean = (a: Uint8Array) => a.reduce((s, v) => s + v, 0) / a.length;
          expect(Math.abs(mean(p.levels[1]!.data) - mean(data))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it('samples exact pixels at integer positions and interpolates between them', () => {
    const level = { width: 2, height: 2, data: Uint8Array.of(0, 100, 50, 150) };
    expect(sampleBilinear(level, 1, 0)).toBe(100);
    expect(sampleBilinear(level, 0.5, 0.5)).toBe(75);
    expect(sampleBilinear(level, -3, 9)).toBe(50);
  });
});
