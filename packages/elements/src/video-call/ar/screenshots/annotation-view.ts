import {
  type AnnotationDraft,
  type AnnotationOp,
  type ArSession,
  type ArState,
  renderedOps,
} from '@sightline/core';

/** Most erase targets in one op (the schema's limit). */
const ERASE_BATCH = 256;

/** A screenshot of this call as the gallery lists it. */
export interface GalleryItem {
  id: string;
  capturedAt: number;
  /** Not looked at here yet (shared by the other side). */
  unseen: boolean;
}

/**
 * This side's view of the call's screenshots (VS-11): which one it has open — each side opens and
 * closes its own view, nobody's is forced open — the gallery of all of them, and undo, redo and
 * clear. Undo hides this side's latest visible op with an erase op (ops are append-only, so undo
 * merges like any other op); redo draws it again as a new op; clear erases every visible op.
 */
export class AnnotationView {
  #viewing: string | undefined;
  readonly #seen = new Set<string>();
  /** Per screenshot, what undo took away, newest last (redo draws it again). */
  readonly #redo = new Map<string, AnnotationDraft[]>();

  constructor(
    private readonly ar: ArSession,
    private readonly me: string,
    private readonly state: () => ArState,
  ) {}

  /** The screenshot open here, if any. */
  get open() {
    return this.#viewing === undefined ? undefined : this.state().screenshots[this.#viewing];
  }

  view(id: string): void {
    this.#viewing = id;
    this.#seen.add(id);
  }

  close(): void {
    this.#viewing = undefined;
  }

  /** Marks a screenshot taken here as seen. */
  seen(id: string): void {
    this.#seen.add(id);
  }

  get gallery(): GalleryItem[] {
    return Object.values(this.state().screenshots)
      .map((e) => ({
        id: e.screenshot.id,
        capturedAt: e.screenshot.capturedAt,
        unseen: !this.#seen.has(e.screenshot.id),
      }))
      .sort((a, b) => a.capturedAt - b.capturedAt);
  }

  #visible(): Exclude<AnnotationOp, { kind: 'erase' }>[] {
    const entry = this.open;
    return entry ? renderedOps(entry.ops) : [];
  }

  #mine() {
    return this.#visible().filter((op) => op.author === this.me);
  }

  get canUndo(): boolean {
    return this.#mine().length > 0;
  }

  get canRedo(): boolean {
    return (this.#redo.get(this.#viewing ?? '')?.length ?? 0) > 0;
  }

  get canClear(): boolean {
    return this.#visible().length > 0;
  }

  /** A stroke was drawn here: what undo took away can no longer be redone. */
  drew(): void {
    if (this.#viewing) this.#redo.delete(this.#viewing);
  }

  undo(): void {
    const id = this.#viewing;
    const last = this.#mine()
      .sort((a, b) => a.lamport - b.lamport)
      .at(-1);
    if (!id || !last) return;
    const r = this.ar.annotate(id, [{ kind: 'erase', targets: [last.id] }]);
    if (!r.ok) return;
    const { id: _id, author: _a, lamport: _l, screenshotId: _s, ...draft } = last;
    this.#redo.set(id, [...(this.#redo.get(id) ?? []), draft as AnnotationDraft]);
  }

  redo(): void {
    const id = this.#viewing;
    const stack = this.#redo.get(id ?? '');
    const draft = stack?.at(-1);
    if (!id || !stack || !draft) return;
    if (this.ar.annotate(id, [draft]).ok) stack.pop();
  }

  clear(): void {
    const id = this.#viewing;
    const targets = this.#visible().map((op) => op.id);
    if (!id || targets.length === 0) return;
    for (let i = 0; i < targets.length; i += ERASE_BATCH)
      this.ar.annotate(id, [{ kind: 'erase', targets: targets.slice(i, i + ERASE_BATCH) }]);
    this.#redo.delete(id);
  }
}
