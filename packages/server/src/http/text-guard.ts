import { unreadableMessage, unreadableReason } from '@sightline/core/domain';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import type { ContractInputs } from './contract-inputs.js';
import { type DeferredTarget, deferInputProblem, isDeferred } from './deferred-input.js';
import { decodeComponent, type RouteTable } from './route-table.js';

type FieldError = { path: string; message: string };

/** Headers the server reads as text; any other header is never stored. */
const READ_HEADERS = ['idempotency-key', 'if-match'];
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;|$)/i;
const MAX_ERRORS = 20;
const NOT_UTF8 = 'Not valid UTF-8.';

/** Adds an error when `text` is unreadable (the domain's rule: NUL, C0 controls, lone surrogates). */
function check(text: string, path: string, errors: FieldError[]): void {
  const found = unreadableReason(text);
  if (found && errors.length < MAX_ERRORS) errors.push({ path, message: unreadableMessage(found.reason) });
}

/**
 * Every string and every key of a parsed JSON value, with its path (`json.ticketLinks.2`). Walks
 * with its own stack, so a deeply nested body cannot overflow the call stack.
 */
export function checkJson(value: unknown, root: string, errors: FieldError[]): void {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') check(v, path, errors);
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        check(key, `${path}.${key}`, errors);
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
}

/** The 400 problem of unreadable input; nothing was written. */
export function invalidText(errors: FieldError[]): ProblemError {
  return new ProblemError(
    400,
    'invalid-text',
    'Text must be valid Unicode without NUL or control characters (tab and line breaks are allowed).',
    { errors },
  );
}

/** Throws {@link invalidText} when a parsed JSON value holds unreadable text (uploads' JSON parts). */
export function assertReadableJson(value: unknown, root: string): void {
  const errors: FieldError[] = [];
  checkJson(value, root, errors);
  if (errors.length > 0) throw invalidText(errors);
}

/**
 * Throws {@link invalidText} when an uploaded text file holds unreadable text, naming the line
 * (`csv.line.3`); tabs and line breaks of the file are text like any other.
 */
export function assertReadableFile(text: string, root: string): void {
  const found = unreadableReason(text);
  if (!found) return;
  let line = 1;
  for (let i = 0; i < found.index; i++) if (text.charCodeAt(i) === 0x0a) line++;
  throw invalidText([{ path: `${root}.line.${line}`, message: unreadableMessage(found.reason) }]);
}

/**
 * Refuses unreadable text in every input before any route runs, with a 400 `invalid-text` problem
 * naming each field (`json.reason`, `json.data.sdp`, `query.q`, `param.id`, `header.if-match`):
 * JSON bodies at any depth (strings and keys), query parameters (names and values), path
 * parameters and the headers the server reads. Percent-encoded or body bytes that are not UTF-8 are
 * refused the same way. PostgreSQL cannot store a NUL at all, so without this such input answered
 * 500; one central check keeps every route, present and future, covered. Bodies with their own
 * parser (the multipart screenshot upload, the CSV user import: `ownBody`) check their text there.
 * It runs after authentication, so an anonymous caller still learns nothing but 401; problems of
 * the path parameters, query and body a route validates reach it deferred, after its own checks.
 */
export function textGuard(
  routes: RouteTable,
  inputs: ContractInputs,
  ownBody: (method: string, path: string) => boolean,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const errors: FieldError[] = [];
    for (const name of READ_HEADERS) {
      const value = c.req.header(name);
      if (value !== undefined) check(value, `header.${name}`, errors);
    }
    const url = new URL(c.req.url);
    const match = routes.match(c.req.method, url.pathname);
    for (const [name, raw] of Object.entries(match?.params ?? {})) {
      const value = decodeComponent(raw);
      if (value === undefined) errors.push({ path: `param.${name}`, message: NOT_UTF8 });
      else check(value, `param.${name}`, errors);
    }
    for (const pair of url.search.slice(1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const name = decodeComponent(rawName, true);
      const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1), true);
      const path = `query.${name ?? rawName}`;
      if (name === undefined || value === undefined) errors.push({ path, message: NOT_UTF8 });
      else {
        check(name, path, errors);
        check(value, path, errors);
      }
    }
    const type = c.req.header('content-type') ?? '';
    if (
      errors.length === 0 &&
      c.req.method !== 'GET' &&
      c.req.method !== 'HEAD' &&
      JSON_TYPE.test(type) &&
      !ownBody(c.req.method, c.req.path)
    ) {
      const bytes = await c.req.arrayBuffer();
      let text: string | undefined;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        errors.push({ path: 'json', message: NOT_UTF8 });
      }
      if (text !== undefined) {
        let parsed: unknown;
        let ok = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          ok = false; // the route's validator answers malformed-body
        }
        if (ok) {
          checkJson(parsed, 'json', errors);
          // What the route reads next, from what is read here: otherwise hono answers a read of
          // another kind than the cached one by building a web Response around the bytes (issue 13).
          // (hono keeps promises there, whatever its type says.)
          const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
          cache.text = Promise.resolve(text);
          cache.json = Promise.resolve(parsed);
        }
      }
    }
    if (errors.length > 0) {
      // Problems of inputs the route validates wait for its first read of them, after its own
      // checks (http/deferred-input.ts); the rest (headers, inputs no route reads) are refused now.
      const validated = inputs.of(c.req.method, c.req.path)?.validated;
      const targetOf = (e: FieldError) => e.path.split('.')[0] as DeferredTarget;
      const eager = errors.filter((e) => !(isDeferred(targetOf(e)) && validated?.has(targetOf(e))));
      if (eager.length > 0) throw invalidText(errors.slice(0, MAX_ERRORS));
      for (const target of new Set(errors.map(targetOf))) {
        deferInputProblem(c, target, invalidText(errors.filter((e) => targetOf(e) === target)));
      }
    }
    await next();
  };
}
