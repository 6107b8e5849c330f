import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianInPlace } from './median.js';

describe('medianInPlace', () => {
  it('equals the upper median of the sorted values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const a = Float32Array.from(values);
          const sorted = Float32Array.from(values).sort();
          // `+ 0` makes -0 +0: the same median, which a sort and a selection may sign differently
          // (a typed array sorts -0 before +0; [0, -0, -0, -0] failed once on that alone).
          expect(medianInPlace(a, a.length) + 0).toBe(sorted[a.length >> 1]! + 0);
        },
      ),
    );
  });

  it('is NaN for no values', () => {
    expect(medianInPlace(new Float32Array(4), 0)).toBeNaN();
  });
});
