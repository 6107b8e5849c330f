/**
 * The browser's validator (issue 13): a zod/mini-like subset, small enough for the call's bundle.
 * Import it as a namespace: `import * as z from '../validate/index.js'`.
 * @example
 * const point = z.object({ x: z.number().check(z.gte(0), z.lte(1)), y: z.number() });
 * type Point = z.infer<typeof point>;
 * const r = z.safeParse(point, JSON.parse(text));
 * @module
 */
export { gt, gte, lte, maxLength, minLength, positive, refine, regex } from './checks.js';
export type { Check, Infer as infer, Issue, JsonSchema, SafeParseResult, Schema } from './schema.js';
export { parse, safeParse, ValidationError } from './schema.js';
export type { ObjectOf, Optional } from './types.js';
export {
  array,
  boolean,
  discriminatedUnion,
  enum,
  int,
  iso,
  literal,
  looseObject,
  nullable,
  number,
  object,
  optional,
  string,
  unknown,
} from './types.js';
