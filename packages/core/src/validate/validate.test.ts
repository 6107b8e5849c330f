import { describe, expect, it } from 'vitest';
import * as z from './index.js';

const point = z.object({
  x: z.number().check(z.gte(0), z.lte(1)),
  y: z.number(),
  label: z.optional(z.string()),
});

describe('the validator', () => {
  it('returns a copy with the declared members only; a loose object keeps the others', () => {
    expect(z.safeParse(point, { x: 0.5, y: 2, extra: 1 })).toEqual({ success: true, data: { x: 0.5, y: 2 } });
    expect(z.parse(z.looseObject({ type: z.string() }), { type: 'a', more: 1 })).toEqual({
      type: 'a',
      more: 1,
    });
  });

  it('reports each fault with its path, and rejects NaN, non-integers and wrong types', () => {
    const r = z.safeParse(point, { x: 1, y: Number.NaN, label: 3 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['y', 'label']);
    expect(z.safeParse(point, { x: 2, y: 0 }).error?.issues).toEqual([
      { path: ['x'], message: 'Too big: at most 1' },
    ]);
    expect(z.safeParse(z.int(), 1.5).success).toBe(false);
    expect(z.safeParse(z.array(z.string()).check(z.maxLength(1)), ['a', 'b']).success).toBe(false);
    expect(() => z.parse(z.string(), 1)).toThrow(z.ValidationError);
  });

  it('runs a refinement only on a value of the right shape', () => {
    const range = z.object({ a: z.number(), b: z.number() }).check(z.refine((r) => r.a < r.b, 'a before b'));
    expect(z.safeParse(range, { a: 2, b: 1 }).error?.issues[0]?.message).toBe('a before b');
    expect(z.safeParse(range, { a: 'x', b: 1 }).error?.issues).toHaveLength(1);
  });

  it('picks a union member by its discriminator', () => {
    const shape = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('dot'), at: point }),
      z.object({ kind: z.literal('line'), from: point, to: point }),
    ]);
    expect(z.safeParse(shape, { kind: 'dot', at: { x: 0, y: 0 } }).success).toBe(true);
    expect(z.safeParse(shape, { kind: 'line', at: { x: 0, y: 0 } }).success).toBe(false);
    expect(z.safeParse(shape, { kind: 'circle' }).error?.issues[0]?.path).toEqual(['kind']);
  });

  it('accepts ISO date-times in UTC, and with an offset only when asked', () => {
    expect(z.safeParse(z.iso.datetime(), '2026-02-28T10:00:00.000Z').success).toBe(true);
    expect(z.safeParse(z.iso.datetime(), '2026-02-29T10:00:00Z').success).toBe(false);
    expect(z.safeParse(z.iso.datetime(), '2026-01-01T10:00+01:00').success).toBe(false);
    expect(z.safeParse(z.iso.datetime({ offset: true }), '2026-01-01T10:00+01:00').success).toBe(true);
  });

  it('describes itself as JSON Schema, as the API contract lists it', () => {
    expect(z.array(z.enum(['a', 'b'])).check(z.minLength(1)).json).toEqual({
      minItems: 1,
      type: 'array',
      items: { type: 'string', enum: ['a', 'b'] },
    });
    expect(point.json).toEqual({
      type: 'object',
      properties: {
        x: { type: 'number', minimum: 0, maximum: 1 },
        y: { type: 'number' },
        label: { type: 'string' },
      },
      required: ['x', 'y'],
      additionalProperties: false,
    });
  });
});
