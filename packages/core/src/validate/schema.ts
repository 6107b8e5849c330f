// A small runtime validator for the shapes that cross a trust boundary in the browser (data channel,
// signaling, worker messages). Its surface is the subset of zod/mini's the wire schemas use
// (`z.object`, `z.string().check(z.maxLength(…))`, `z.safeParse`, `z.infer`), so a definition reads the
// same, but it is about 1 KB gzip instead of zod's 10 (issue 13: a whole call ≤ 60 KiB). Each
// definition gives the TypeScript type, the runtime check and the JSON Schema of the API contract.

/** One reason a value was rejected, with where it sits in the value. */
export interface Issue {
  readonly path: PropertyKey[];
  readonly message: string;
}

/** A rejected value: every {@link Issue} found. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; '));
  }
}

/** What {@link safeParse} returns: the (copied) value, or why it was rejected. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T; readonly error?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly error: ValidationError };

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { readonly [key: string]: unknown };

/** A rule on an already well-typed value (`z.maxLength(3)`, `z.refine(fn)`). */
export interface Check<in T> {
  readonly test: (value: T) => boolean;
  readonly message: string;
  /** What the rule adds to the JSON Schema (a refinement adds nothing). */
  readonly json?: JsonSchema;
}

/** Walks a value; returns the parsed copy and pushes an issue for each fault. */
type Run = (value: unknown, path: PropertyKey[], issues: Issue[]) => unknown;

/**
 * A schema: validates with {@link safeParse}, describes itself as JSON Schema (`json`).
 * @example
 * const point = z.object({ x: z.number(), y: z.number() });
 * type Point = z.infer<typeof point>;
 */
export interface Schema<T = unknown> {
  /** Type only: the parsed value's type. */
  readonly _type?: T;
  readonly json: JsonSchema;
  /** Marks an object member that may be absent. */
  readonly optional?: boolean;
  /** @internal */
  readonly run: Run;
  /** The same schema with more rules, checked in order once the value has the right shape. */
  check(...checks: Check<T>[]): Schema<T>;
  /** {@link safeParse} as a method. */
  safeParse(value: unknown): SafeParseResult<T>;
}

/** The type a schema parses to. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Make a schema from its walk and JSON Schema; `checks` run only when the walk found no fault. */
export function schema<T>(run: Run, json: JsonSchema, checks: readonly Check<T>[] = []): Schema<T> {
  let extra: JsonSchema = {};
  for (const c of checks) extra = { ...extra, ...c.json };
  // Length bounds of an array are `minItems` / `maxItems`, before its type (as zod writes them).
  const array = json.type === 'array';
  if (array)
    extra = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.replace('Length', 'Items'), v]));
  return {
    json: array ? { ...extra, ...json } : { ...json, ...extra },
    run: (value, path, issues) => {
      const before = issues.length;
      const out = run(value, path, issues);
      if (issues.length === before)
        for (const c of checks) if (!c.test(out as T)) issues.push({ path: [...path], message: c.message });
      return out;
    },
    check: (...more) => schema(run, json, [...checks, ...more]),
    safeParse(value) {
      return safeParse(this, value);
    },
  };
}

/**
 * Validate a value: its parsed copy (objects keep only their declared members), or the issues.
 * @example
 * const r = z.safeParse(signalMessageSchema, json);
 * if (!r.success) console.warn(r.error.issues);
 */
export function safeParse<T>(s: Schema<T>, value: unknown): SafeParseResult<T> {
  const issues: Issue[] = [];
  const data = s.run(value, [], issues) as T;
  return issues.length === 0
    ? { success: true, data }
    : { success: false, error: new ValidationError(issues) };
}

/**
 * Validate a value or throw its {@link ValidationError}.
 * @example
 * const message = z.parse(arMessageSchema, raw);
 */
export function parse<T>(s: Schema<T>, value: unknown): T {
  const r = safeParse(s, value);
  if (!r.success) throw r.error;
  return r.data;
}

/** A schema for one `typeof` (and a test of its own, e.g. finite numbers). */
export const primitive = <T>(type: string, test: (v: unknown) => boolean, json: JsonSchema) =>
  schema<T>((value, path, issues) => {
    if (!test(value)) issues.push({ path: [...path], message: `Expected ${type}` });
    return value;
  }, json);
