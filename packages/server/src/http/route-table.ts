import type { Hono } from 'hono';

/** One segment of a route's path, compiled once: a literal, a parameter (with its constraint) or `*`. */
type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; constraint: RegExp | undefined; optional: boolean }
  | { kind: 'rest' };

/** One registered route: its method and its path split into compiled segments. */
interface RouteEntry {
  /** Its place among the routes: the first of several matching routes is the one that counts. */
  order: number;
  method: string;
  segments: readonly Segment[];
}

function compileSegment(p: string): Segment {
  if (p === '*') return { kind: 'rest' };
  if (!p.startsWith(':')) return { kind: 'literal', text: p };
  const constraint = /\{(.*)\}$/.exec(p)?.[1];
  return {
    kind: 'param',
    name: p
      .slice(1)
      .replace(/\{.*\}$/, '')
      .replace(/\?$/, ''),
    constraint: constraint ? new RegExp(`^(?:${constraint})$`) : undefined,
    optional: p.endsWith('?'),
  };
}

/** What the router knows of a path: the methods answering it and the names of its parameters. */
export interface PathMatch {
  methods: ReadonlySet<string>;
  /** Path parameters by name, still percent-encoded, from a route of the request's method (else any). */
  params: Record<string, string>;
}

/**
 * Decodes one percent-encoded URL component as strict UTF-8: `undefined` when the bytes are not
 * UTF-8 (`%FF`, or an encoded surrogate such as `%ED%A0%80`), where `decodeURIComponent` would throw
 * and other decoders silently substitute U+FFFD. `+` is decoded as a space only in query components.
 */
export function decodeComponent(raw: string, plusIsSpace = false): string | undefined {
  const text = plusIsSpace ? raw.replaceAll('+', ' ') : raw;
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(ch)) bytes.push(b);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/**
 * The application's routes as the router holds them (`app.routes`), read when first needed and
 * again when routes were added since: answers which methods a path has (405 with `Allow`) and which
 * parameter a path segment fills (so a problem can name `param.id`). Middleware (`ALL`) is left out.
 */
export class RouteTable {
  #seen = -1;
  constructor(private readonly app: Pick<Hono, 'routes'>) {}

  #byLength = new Map<number, RouteEntry[]>();
  #flexible: RouteEntry[] = [];

  /** The routes that may match a path of `length` segments, in their order. */
  #routes(length: number): RouteEntry[] {
    if (this.#seen !== this.app.routes.length) {
      this.#seen = this.app.routes.length;
      const entries = this.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r, order) => ({
          order,
          method: r.method.toUpperCase(),
          segments: r.path.split('/').slice(1).map(compileSegment),
        }));
      // Most routes match paths of their own length only; those ending in `*` or `:x?` match others.
      const flexible = (e: RouteEntry) =>
        e.segments.some((p) => p.kind === 'rest' || (p.kind === 'param' && p.optional));
      this.#flexible = entries.filter(flexible);
      this.#byLength = new Map();
      for (const e of entries.filter((e) => !flexible(e))) {
        const list = this.#byLength.get(e.segments.length) ?? [];
        list.push(e);
        this.#byLength.set(e.segments.length, list);
      }
    }
    const fixed = this.#byLength.get(length) ?? [];
    if (this.#flexible.length === 0) return fixed;
    return [...fixed, ...this.#flexible].sort((a, b) => a.order - b.order);
  }

  /**
   * The routes matching a raw (still percent-encoded) path, or `undefined` when none does. A
   * segment that is not UTF-8 is kept as given, so it can still fill a parameter.
   */
  match(method: string, rawPath: string): PathMatch | undefined {
    const raw = rawPath.split('/').slice(1);
    const decoded = raw.map((s) => decodeComponent(s) ?? s);
    const methods = new Set<string>();
    let params: Record<string, string> | undefined;
    for (const route of this.#routes(raw.length)) {
      const found = matchSegments(route.segments, raw, decoded);
      if (!found) continue;
      methods.add(route.method);
      if (route.method === 'GET') methods.add('HEAD');
      if (route.method === method.toUpperCase() || params === undefined) params = found;
    }
    return params === undefined ? undefined : { methods, params };
  }
}

function matchSegments(
  pattern: readonly Segment[],
  raw: readonly string[],
  decoded: readonly string[],
): Record<string, string> | undefined {
  // Most routes differ in a literal segment: rule them out before building anything.
  if (pattern.length < raw.length && pattern[pattern.length - 1]?.kind !== 'rest') return undefined;
  for (let i = 0; i < pattern.length && i < raw.length; i++) {
    const p = pattern[i]!;
    if (p.kind === 'literal' && p.text !== decoded[i]) return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.kind === 'rest') return params;
    if (i >= raw.length)
      return p.kind === 'param' && p.optional && i === pattern.length - 1 ? params : undefined;
    if (p.kind === 'param') {
      if (decoded[i] === '') return undefined;
      if (p.constraint && !p.constraint.test(decoded[i]!)) return undefined;
      params[p.name] = raw[i]!;
    }
  }
  return pattern.length === raw.length ? params : undefined;
}
