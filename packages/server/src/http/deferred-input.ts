import type { Context, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import type { AppEnv } from '../context.js';
import { ProblemError } from '../problems/problem.js';

/**
 * The order of checks, the same on every route: authentication → authorization → existence →
 * preconditions → validation. Authentication is middleware in front of every route; the other
 * checks live in the route (a role, the resource it loads, its `If-Match`), so the route's input
 * cannot be refused before the route runs without answering 400 to a caller who may not call it
 * at all (telling a customer the shape of a manager's operation, or whether a resource exists).
 *
 * So input problems of the path parameters, the query and the body (JSON or form) are *deferred*: the
 * validated value the route reads (`c.req.valid('json')`) is a stand-in that throws the problem
 * at its first use. A route reads its input after its own checks, so a caller who may not call it
 * gets 403 or 404, a stale version 412, and only then a bad input 400 — before anything is
 * written, since nothing can be written without reading the input. Headers (`If-Match`,
 * `Idempotency-Key`) are still refused up front: middleware reads them before the route.
 */
export type DeferredTarget = 'json' | 'form' | 'query' | 'param';

const DEFERRED = new Set<string>(['json', 'form', 'query', 'param']);
const PENDING = 'deferredInput';

interface Pending {
  problems: Partial<Record<DeferredTarget, ProblemError>>;
  /** Targets whose stand-in was read (the problem reached the caller). */
  raised: Set<DeferredTarget>;
  /** Targets handed to the route as stand-ins. */
  handed: Set<DeferredTarget>;
}

type AnyContext = Context<AppEnv>;

function pendingOf(c: AnyContext, create: true): Pending;
function pendingOf(c: AnyContext, create?: false): Pending | undefined;
function pendingOf(c: AnyContext, create = false): Pending | undefined {
  const vars = c as unknown as { get(key: string): unknown; set(key: string, value: unknown): void };
  let pending = vars.get(PENDING) as Pending | undefined;
  if (!pending && create) {
    pending = { problems: {}, raised: new Set(), handed: new Set() };
    vars.set(PENDING, pending);
  }
  return pending;
}

/** Whether problems of `target` wait for the route's first read (see the module comment). */
export function isDeferred(target: string): target is DeferredTarget {
  return DEFERRED.has(target);
}

/** Records a problem of `target` found by middleware in front of the route (the first one wins). */
export function deferInputProblem(c: AnyContext, target: DeferredTarget, problem: ProblemError): void {
  const pending = pendingOf(c, true);
  pending.problems[target] ??= problem;
}

/** The problem recorded for `target`, if any. */
export function deferredProblem(c: AnyContext, target: DeferredTarget): ProblemError | undefined {
  return pendingOf(c)?.problems[target];
}

/**
 * A stand-in for a refused input: any use of it (a property, a key list, spreading, `in`) throws
 * `problem`, which the error handler answers as problem+json.
 */
export function standIn(c: AnyContext, target: DeferredTarget, problem: ProblemError): object {
  const pending = pendingOf(c, true);
  pending.problems[target] ??= problem;
  pending.handed.add(target);
  const raise = (): never => {
    pending.raised.add(target);
    throw pending.problems[target] ?? problem;
  };
  // The validator hands the stand-in on through promises and `instanceof Response` checks: `then`
  // (a promise asks whether it is a thenable) and the prototype do not raise.
  return new Proxy(
    {},
    {
      get: (_, key) => (key === 'then' ? undefined : raise()),
      has: raise,
      ownKeys: raise,
      getOwnPropertyDescriptor: raise,
      set: raise,
      defineProperty: raise,
      deleteProperty: raise,
    },
  );
}

/**
 * The input when it is valid, else `undefined` (its problem is raised when the route reads it for
 * real). For authorization that depends on what the input names (which fields a patch touches):
 * checked before preconditions when the input can be read, so a stale `If-Match` tells a caller
 * nothing about a change they may not make.
 */
export function peekInput<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ProblemError && error.status === 400) return undefined;
    throw error;
  }
}

/** The 400 problem of a schema's refusal, one error per offending field (`json.name`). */
export function validationError(error: ZodError, where: string): ProblemError {
  const errors = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new ProblemError(400, 'validation', 'The request is not valid.', { errors });
}

/**
 * A safety net behind every route: a route that answered success without ever reading an input it
 * was handed as a refused stand-in has accepted bad input. That is a defect of the route (it
 * declares input it ignores); it answers 500 and is logged, so property-based tests find it.
 */
export function unreadInputGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const pending = pendingOf(c);
    if (!pending || c.res.status >= 400) return;
    const unread = [...pending.handed].filter((t) => !pending.raised.has(t));
    if (unread.length === 0) return;
    console.error(`${c.req.method} ${c.req.path} accepted refused input it never read: ${unread.join(', ')}`);
    const body = JSON.stringify({
      type: 'https://sightline.dev/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      detail: 'Something went wrong on our side.',
    });
    c.res = new Response(body, { status: 500, headers: { 'content-type': 'application/problem+json' } });
  };
}
