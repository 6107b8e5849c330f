import { type ArSession, renderedOps } from '@sightline/core';
import { drawAnnotations, PEN_WIDTH, prepareCanvas } from '../draw.js';
import type { AnnotationView } from './annotation-view.js';

/** Most points kept for one annotation pen op (the schema allows 1024). */
const MAX_PEN_POINTS = 1000;

/** What annotation input needs from the tools. */
export interface AnnotationInputContext {
  /** The canvas of the annotation view, while open. */
  canvas(): HTMLCanvasElement | null;
  /** The decoded picture of a screenshot, once it is here. */
  picture(screenshotId: string): ImageBitmap | undefined;
}

/**
 * Drawing on the open screenshot (VS-11): its picture painted with its ops, and a pen line drawn
 * with a pointer that becomes one op when the pointer is released.
 */
export class AnnotationInput {
  readonly #ar: ArSession;
  readonly #view: AnnotationView;
  readonly #ctx: AnnotationInputContext;
  #draft: { x: number; y: number }[] | null = null;
  #draftColor = '#ff3b30';

  constructor(ar: ArSession, view: AnnotationView, ctx: AnnotationInputContext) {
    this.#ar = ar;
    this.#view = view;
    this.#ctx = ctx;
  }

  /** Paints the open screenshot with its ops (and the line being drawn here). */
  draw(): void {
    const entry = this.#view.open;
    const canvas = this.#ctx.canvas();
    if (!entry || !canvas) return;
    const ctx = prepareCanvas(canvas);
    if (!ctx) return;
    const ops = renderedOps(entry.ops);
    const draft = this.#draft;
    drawAnnotations(
      ctx,
      canvas.clientWidth,
      canvas.clientHeight,
      this.#ctx.picture(entry.screenshot.id),
      ops,
      draft ? { color: this.#draftColor, width: PEN_WIDTH, points: draft } : undefined,
    );
    canvas.dataset.ops = String(ops.length);
  }

  /** Pointer input on the annotation view: a pen line becomes one op on pointer up. */
  pointer(e: PointerEvent, color: string): void {
    const entry = this.#view.open;
    const canvas = e.currentTarget as HTMLCanvasElement;
    const r = canvas.getBoundingClientRect();
    if (!entry || !r.width || !r.height) return;
    const p = {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
    if (e.type === 'pointerdown') {
      try {
        canvas.setPointerCapture(e.pointerId);
      } catch {
        // Synthetic or already released pointers cannot be captured; drawing still works.
      }
      this.#draftColor = color;
      this.#draft = [p];
    } else if (e.type === 'pointermove' && this.#draft) {
      if (this.#draft.length < MAX_PEN_POINTS) this.#draft.push(p);
    } else if (this.#draft) {
      const points = this.#draft;
      this.#draft = null;
      if (e.type === 'pointerup') {
        this.#ar.annotate(entry.screenshot.id, [{ kind: 'pen', color, width: PEN_WIDTH, points }]);
        this.#view.drew();
      }
    }
    this.draw();
  }
}
