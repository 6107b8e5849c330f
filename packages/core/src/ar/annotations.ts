import type { AnnotationOp } from './schemas.js';

/**
 * Screenshot annotations as a grow-only set of operations keyed by their globally unique id (VS-11).
 * Merging is set union, so both sides can annotate at once, messages can be replayed or arrive twice,
 * and every side that has seen the same ops renders the same picture.
 */
export type OpSet = Readonly<Record<string, AnnotationOp>>;

/** The empty op set. */
export const emptyOpSet: OpSet = Object.freeze({});

/**
 * Two ops claiming one id should never happen (ids are unique per author). If it does anyway, both
 * sides must still agree: keep the one whose canonical JSON sorts first, a choice that does not depend
 * on arrival order (so the union stays commutative, associative and idempotent).
 */
function pick(a: AnnotationOp, b: AnnotationOp): AnnotationOp {
  if (a === b) return a;
  const ka = canonical(a);
  const kb = canonical(b);
  return ka <= kb ? a : b;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/**
 * Add ops to a set (union). Returns the same object when nothing new was added, so a replay changes
 * no state and wakes no subscriber.
 * @example
 * ops = addOps(ops, incoming.ops);
 */
export function addOps(set: OpSet, ops: Iterable<AnnotationOp>): OpSet {
  let next: Record<string, AnnotationOp> | undefined;
  for (const op of ops) {
    const current = (next ?? set)[op.id];
    const chosen = current ? pick(current, op) : op;
    if (chosen === current) continue;
    next ??= { ...set };
    next[op.id] = chosen;
  }
  return next ?? set;
}

/**
 * The union of two op sets: commutative, associative and idempotent.
 * @example
 * mergeOps(mine, theirs); // every op of both, once
 */
export function mergeOps(a: OpSet, b: OpSet): OpSet {
  return addOps(a, Object.values(b));
}

/** An op set from a list of ops. */
export function opSetOf(ops: Iterable<AnnotationOp>): OpSet {
  return addOps(emptyOpSet, ops);
}

/**
 * The deterministic render order: by (lamport clock, author, id). Ops one author made later have a
 * higher lamport clock than anything they had seen, so they draw on top of what they saw.
 */
export function compareOps(a: AnnotationOp, b: AnnotationOp): number {
  if (a.lamport !== b.lamport) return a.lamport - b.lamport;
  if (a.author !== b.author) return a.author < b.author ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * What to draw, bottom to top: every op in render order except erase ops and the ops they erase.
 * A function of the set alone, so it is the same on every side that has merged the same ops.
 * @example
 * for (const op of renderedOps(screenshot.ops)) drawOp(ctx, op);
 */
export function renderedOps(set: OpSet): Exclude<AnnotationOp, { kind: 'erase' }>[] {
  const erased = new Set<string>();
  for (const op of Object.values(set)) if (op.kind === 'erase') for (const t of op.targets) erased.add(t);
  const out: Exclude<AnnotationOp, { kind: 'erase' }>[] = [];
  for (const op of Object.values(set)) if (op.kind !== 'erase' && !erased.has(op.id)) out.push(op);
  return out.sort(compareOps);
}

/** The highest lamport clock in a set (0 when empty); a new op gets one more than the highest seen. */
export function maxLamport(set: OpSet): number {
  let max = 0;
  for (const op of Object.values(set)) if (op.lamport > max) max = op.lamport;
  return max;
}
