import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addOps, compareOps, mergeOps, type OpSet, opSetOf, renderedOps } from './annotations.js';
import type { AnnotationOp } from './schemas.js';

const point = fc.record({
  x: fc.double({ min: 0, max: 1, noNaN: true }),
  y: fc.double({ min: 0, max: 1, noNaN: true }),
});
const author = fc.constantFrom('staff-1', 'customer-1');
const opId = fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `op${i}`));

// Ids come from a small pool, so sets overlap and sometimes even disagree on one id's content.
const op: fc.Arbitrary<AnnotationOp> = fc.oneof(
  fc.record({
    id: opId,
    screenshotId: fc.constant('shot'),
    author,
    lamport: fc.nat(20),
    kind: fc.constant('pen' as const),
    color: fc.constantFrom('#f00', '#00ff00'),
    width: fc.constantFrom(0.005, 0.01),
    points: fc.array(point, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    id: opId,
    screenshotId: fc.constant('shot'),
    author,
    lamport: fc.nat(20),
    kind: fc.constant('erase' as const),
    targets: fc.array(opId, { minLength: 1, maxLength: 3 }),
  }),
);
const opSet: fc.Arbitrary<OpSet> = fc.array(op, { maxLength: 10 }).map(opSetOf);

describe('annotation ops merge by union (VS-11)', () => {
  it('is commutative', () => {
    fc.assert(
      fc.property(opSet, opSet, (a, b) => {
        expect(mergeOps(a, b)).toEqual(mergeOps(b, a));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(opSet, opSet, opSet, (a, b, c) => {
        expect(mergeOps(mergeOps(a, b), c)).toEqual(mergeOps(a, mergeOps(b, c)));
      }),
    );
  });

  it('is idempotent, and a replay returns the very same set', () => {
    fc.assert(
      fc.property(opSet, opSet, (a, b) => {
        const ab = mergeOps(a, b);
        expect(mergeOps(ab, b)).toBe(ab);
        expect(mergeOps(a, a)).toBe(a);
      }),
    );
  });

  it('renders the same picture whatever order the ops arrived in', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), fc.func(fc.integer()), (ops, key) => {
        const shuffled = [...ops].sort((x, y) => key(x) - key(y));
        expect(renderedOps(opSetOf(ops))).toEqual(renderedOps(opSetOf(shuffled)));
      }),
    );
  });

  it('orders by lamport clock, then author, then id; erased ops and erase ops are not drawn', () => {
    const base = {
      screenshotId: 'shot',
      kind: 'pen' as const,
      color: '#f00',
      width: 0.01,
      points: [{ x: 0, y: 0 }],
    };
    const set = opSetOf([
      { ...base, id: 'b', author: 'staff-1', lamport: 2 },
      { ...base, id: 'a', author: 'staff-1', lamport: 2 },
      { ...base, id: 'z', author: 'customer-1', lamport: 2 },
      { ...base, id: 'first', author: 'staff-1', lamport: 1 },
      { ...base, id: 'gone', author: 'staff-1', lamport: 1 },
      { id: 'e', screenshotId: 'shot', author: 'customer-1', lamport: 3, kind: 'erase', targets: ['gone'] },
    ]);
    expect(renderedOps(set).map((o) => o.id)).toEqual(['first', 'z', 'a', 'b']);
    expect([...Object.values(set)].sort(compareOps).at(-1)?.id).toBe('e');
  });

  it('keeps the set unchanged (same object) when every added op is already in it', () => {
    const set = opSetOf([
      { id: 'x', screenshotId: 's', author: 'a', lamport: 1, kind: 'erase', targets: ['y'] },
    ]);
    expect(addOps(set, Object.values(set))).toBe(set);
  });
});
