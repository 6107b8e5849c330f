import type { Check } from './schema.js';

/** At least `n` characters (strings) or items (arrays). */
export const minLength = (n: number): Check<{ length: number }> => ({
  test: (v) => v.length >= n,
  message: `Too short: at least ${n}`,
  json: { minLength: n },
});

/** At most `n` characters (strings) or items (arrays). */
export const maxLength = (n: number): Check<{ length: number }> => ({
  test: (v) => v.length <= n,
  message: `Too long: at most ${n}`,
  json: { maxLength: n },
});

/** Matches the pattern. */
export const regex = (pattern: RegExp): Check<string> => ({
  test: (v) => pattern.test(v),
  message: `Does not match ${pattern}`,
  json: { pattern: pattern.source },
});

/** At least `n`. */
export const gte = (n: number): Check<number> => ({
  test: (v) => v >= n,
  message: `Too small: at least ${n}`,
  json: { minimum: n },
});

/** At most `n`. */
export const lte = (n: number): Check<number> => ({
  test: (v) => v <= n,
  message: `Too big: at most ${n}`,
  json: { maximum: n },
});

/** More than `n`. */
export const gt = (n: number): Check<number> => ({
  test: (v) => v > n,
  message: `Too small: more than ${n}`,
  json: { exclusiveMinimum: n },
});

/** More than 0. */
export const positive = (): Check<number> => gt(0);

/** A rule of its own, e.g. between members; `message` says what it requires. */
export const refine = <T>(test: (value: T) => boolean, message: string | { message: string }): Check<T> => ({
  test,
  message: typeof message === 'string' ? message : message.message,
});
