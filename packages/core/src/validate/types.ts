import {
  type Check,
  type Infer,
  type Issue,
  type JsonSchema,
  primitive,
  type Schema,
  schema,
} from './schema.js';

/** Any string. */
export const string = (): Schema<string> =>
  primitive('string', (v) => typeof v === 'string', { type: 'string' });

/** A finite number. */
export const number = (): Schema<number> => primitive('number', Number.isFinite, { type: 'number' });

/** A safe integer. */
export const int = (): Schema<number> => primitive('integer', Number.isSafeInteger, { type: 'integer' });

/** `true` or `false`. */
export const boolean = (): Schema<boolean> =>
  primitive('boolean', (v) => typeof v === 'boolean', { type: 'boolean' });

/** Anything (left to the caller to check). */
export const unknown = (): Schema<unknown> => primitive('anything', () => true, {});

/** Exactly one value. */
export const literal = <const T extends string | number | boolean>(value: T): Schema<T> =>
  primitive(JSON.stringify(value), (v) => v === value, { type: typeof value, const: value });

/** One of a list of strings, or of an `as const` object's values (`{ on: 'on', off: 'off' }`). */
function enumOf<const T extends readonly string[]>(values: T): Schema<T[number]>;
function enumOf<const T extends Record<string, string>>(values: T): Schema<T[keyof T]>;
function enumOf(values: readonly string[] | Record<string, string>): Schema<string> {
  const list = Array.isArray(values) ? values : Object.values(values);
  return primitive(`one of ${list.join(', ')}`, (v) => list.includes(v as string), {
    type: 'string',
    enum: list,
  });
}

export { enumOf as enum };

/** An object member that may be absent (or `undefined`). */
export interface Optional<T> extends Schema<T | undefined> {
  readonly optional: true;
}
/** May be absent. */
export const optional = <T>(inner: Schema<T>): Optional<T> => ({
  ...schema<T | undefined>(
    (v, path, issues) => (v === undefined ? v : inner.run(v, path, issues)),
    inner.json,
  ),
  optional: true,
});

/** May be `null`. */
export const nullable = <T>(inner: Schema<T>): Schema<T | null> =>
  schema((v, path, issues) => (v === null ? v : inner.run(v, path, issues)), {
    anyOf: [inner.json, { type: 'null' }],
  });

/** An array whose items all match `item` (bounds with `z.minLength` / `z.maxLength`). */
export const array = <T>(item: Schema<T>): Schema<T[]> =>
  schema(
    (value, path, issues) => {
      if (!Array.isArray(value)) {
        issues.push({ path: [...path], message: 'Expected array' });
        return value;
      }
      return value.map((v, i) => item.run(v, [...path, i], issues));
    },
    { type: 'array', items: item.json },
  );

// biome-ignore lint/suspicious/noExplicitAny: a shape holds schemas of any type
type Shape = { readonly [key: string]: Schema<any> };
type OptionalKey<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
/** The parsed type of an object shape: members of optional schemas may be absent. */
export type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKey<S>>]: Infer<S[K]>;
} & { [K in OptionalKey<S>]?: Infer<S[K]> } extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function objectOf<S extends Shape, T>(shape: S, loose: boolean): Schema<T> {
  const keys = Object.keys(shape);
  return schema(
    (value, path, issues) => {
      if (!isRecord(value)) {
        issues.push({ path: [...path], message: 'Expected object' });
        return value;
      }
      const out: Record<string, unknown> = loose ? { ...value } : {};
      for (const key of keys) {
        const parsed = (shape[key] as Schema).run(value[key], [...path, key], issues);
        if (key in value) out[key] = parsed;
      }
      return out;
    },
    {
      type: 'object',
      properties: Object.fromEntries(keys.map((k) => [k, (shape[k] as Schema).json])),
      required: keys.filter((k) => !shape[k]?.optional),
      ...(loose ? {} : { additionalProperties: false }),
    },
  );
}

/** An object with these members; others are left out of the parsed copy. */
export const object = <S extends Shape>(shape: S): Schema<ObjectOf<S>> => objectOf(shape, false);

/** An object with these members; others are kept as they are. */
export const looseObject = <S extends Shape>(shape: S): Schema<ObjectOf<S> & { [key: string]: unknown }> =>
  objectOf(shape, true);

/** One of several object schemas, picked by the literal value of their member `key`. */
export function discriminatedUnion<const O extends readonly Schema<object>[]>(
  key: string,
  options: O,
): Schema<Infer<O[number]>> {
  const byValue = new Map(
    options.map((o) => [((o.json.properties as Record<string, JsonSchema>)[key] as JsonSchema).const, o]),
  );
  return schema(
    (value, path, issues: Issue[]) => {
      const option = isRecord(value) ? byValue.get(value[key]) : undefined;
      if (option) return option.run(value, path, issues);
      issues.push({ path: [...path, key], message: `Expected one of ${[...byValue.keys()].join(', ')}` });
      return value;
    },
    { oneOf: options.map((o) => o.json) },
  );
}

// zod's ISO 8601 patterns (zod/v4/core/regexes.js), so stored values keep passing: a real calendar
// date, `T`, hh:mm with optional seconds and fraction, then `Z` (or, with `offset`, ±hh:mm).
const dateSource =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
/** ISO 8601 formats. */
export const iso = {
  /** A date-time: UTC (`Z`), or with `offset: true` also `+01:00`. */
  datetime: ({ offset = false }: { offset?: boolean } = {}): Schema<string> => {
    const pattern = new RegExp(
      `^${dateSource}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z${offset ? '|([+-]\\d{2}:\\d{2})' : ''}))$`,
    );
    return string().check({
      test: (v) => pattern.test(v),
      message: 'Expected an ISO date-time',
      json: { format: 'date-time', pattern: pattern.source },
    });
  },
};

export type { Check, Infer, Schema };
