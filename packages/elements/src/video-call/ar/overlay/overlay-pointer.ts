import { type ArSession, type ViewLayout, viewPointToFrame } from '@sightline/core';
import { PEN_WIDTH } from '../draw.js';

type Point = { x: number; y: number };

/** The tools that draw on the video with a pointer. */
export type Tool = 'pen' | 'marker';

/** What pointer input needs from the tools. */
export interface OverlayPointerContext {
  layout(): ViewLayout | undefined;
  /** Paints the overlay again (the marker box being dragged out). */
  draw(): void;
  /** Places a marker on the box spanned by two frame points. */
  placeMarker(label: string, a: Point, b: Point): void;
}

/**
 * Pointer input on the overlay over the video (VS-12, VS-13): the pen draws a shared stroke while the
 * pointer moves; the marker tool drags out a box (drawn as a draft) and places a marker on release.
 */
export class OverlayPointer {
  readonly #ar: ArSession;
  readonly #ctx: OverlayPointerContext;
  #pointer: { tool: Tool; id?: string; start?: Point; now?: Point } | null = null;

  constructor(ar: ArSession, ctx: OverlayPointerContext) {
    this.#ar = ar;
    this.#ctx = ctx;
  }

  /** The box being dragged out with the marker tool, if any (view pixels). */
  draftBox(): { start: Point; now: Point } | undefined {
    const p = this.#pointer;
    return p?.tool === 'marker' && p.start && p.now ? { start: p.start, now: p.now } : undefined;
  }

  #framePoint(e: PointerEvent, clamp = false) {
    const canvas = e.currentTarget as HTMLElement;
    const r = canvas.getBoundingClientRect();
    const layout = this.#ctx.layout();
    if (!layout || !r.width) return undefined;
    const view = {
      x: ((e.clientX - r.left) * canvas.clientWidth) / r.width,
      y: ((e.clientY - r.top) * canvas.clientHeight) / r.height,
    };
    const frame = viewPointToFrame(layout, view, clamp ? 'clamp' : 'reject');
    return frame ? { frame, view } : undefined;
  }

  /** Pointer input on the overlay for the active tool. */
  handle(e: PointerEvent, tool: Tool | null, color: string, label: () => string): void {
    if (!tool) return;
    if (e.type === 'pointerdown') {
      const at = this.#framePoint(e);
      if (!at) return;
      try {
        (e.currentTarget as Element).setPointerCapture(e.pointerId);
      } catch {
        // Synthetic or already released pointers cannot be captured; drawing still works.
      }
      if (tool === 'pen') {
        const r = this.#ar.beginStroke({ color, width: PEN_WIDTH, points: [at.frame] });
        if (r.ok) this.#pointer = { tool, id: r.value };
      } else {
        this.#pointer = { tool, start: at.view, now: at.view };
      }
      return;
    }
    const p = this.#pointer;
    if (!p) return;
    const at = this.#framePoint(e, true);
    if (e.type === 'pointermove') {
      if (p.tool === 'pen' && p.id && at) this.#ar.extendStroke(p.id, [at.frame]);
      if (p.tool === 'marker' && at) {
        p.now = at.view;
        this.#ctx.draw();
      }
      return;
    }
    // pointerup / pointercancel
    this.#pointer = null;
    if (p.tool === 'pen' && p.id) this.#ar.endStroke(p.id);
    if (p.tool === 'marker' && p.start && at && e.type === 'pointerup') {
      const layout = this.#ctx.layout();
      const a = layout && viewPointToFrame(layout, p.start, 'clamp');
      if (a) this.#ctx.placeMarker(label(), a, at.frame);
    }
    this.#ctx.draw();
  }
}
