import type { ArSession, ArState, ViewLayout } from '@sightline/core';
import type { Subscription } from 'rxjs';
import type { MediaTransport } from '../../../shared/sdk.js';
import { drawDraftBox, drawStrokes, prepareCanvas } from '../draw.js';

type Point = { x: number; y: number };

/** What the painter reads from the tools. */
export interface OverlayPainterContext {
  /** The video that shows the picture everyone draws on. */
  surface(): HTMLVideoElement | null;
  /** The canvas over it (same box). */
  overlay(): HTMLCanvasElement | null;
  layout(): ViewLayout | undefined;
  state(): ArState;
  /** The box being dragged out for a new marker, if any (view pixels). */
  draftBox(): { start: Point; now: Point } | undefined;
}

/**
 * Paints the strokes over the video (VS-12): again when the video's box changes size, and on
 * animation frames only while strokes are visible (they fade); faded strokes are pruned.
 */
export class OverlayPainter {
  /** Milliseconds from a peer's stroke message to its first paint here (for measuring latency). */
  lastStrokePaintMs: number | undefined;

  readonly #ar: ArSession;
  readonly #ctx: OverlayPainterContext;
  readonly #resize = new ResizeObserver(() => this.draw());
  readonly #strokes: Subscription;
  #observed: HTMLVideoElement | null = null;
  #frame = 0;
  #strokeArrived: number | undefined;

  constructor(ar: ArSession, transport: MediaTransport, ctx: OverlayPainterContext) {
    this.#ar = ar;
    this.#ctx = ctx;
    this.#strokes = transport.messages$.subscribe(({ message }) => {
      if (message.type === 'ar.stroke.start' || message.type === 'ar.stroke.append')
        this.#strokeArrived ??= performance.now();
    });
  }

  /** Paints the overlay; keeps painting on animation frames while strokes are visible (they fade). */
  draw(): void {
    const video = this.#ctx.surface();
    if (video !== this.#observed) {
      if (this.#observed) this.#resize.unobserve(this.#observed);
      if (video) this.#resize.observe(video);
      this.#observed = video;
    }
    const canvas = this.#ctx.overlay();
    const layout = this.#ctx.layout();
    if (!canvas || !layout) return;
    const ctx = prepareCanvas(canvas);
    if (!ctx) return;
    const strokes = this.#ar.visibleStrokes();
    drawStrokes(ctx, layout, strokes);
    const draft = this.#ctx.draftBox();
    if (draft) drawDraftBox(ctx, draft.start, draft.now);
    canvas.dataset.strokes = String(strokes.length);
    // What was painted, for hosts and tests: the points of the visible strokes.
    canvas.dataset.points = String(strokes.reduce((n, s) => n + s.points.length, 0));
    if (strokes.length > 0 && this.#strokeArrived !== undefined) {
      this.lastStrokePaintMs = performance.now() - this.#strokeArrived;
    }
    this.#strokeArrived = undefined;
    if (strokes.length > 0) {
      if (!this.#frame)
        this.#frame = requestAnimationFrame(() => {
          this.#frame = 0;
          this.draw();
        });
    } else {
      const state = this.#ctx.state();
      if (state.strokes && Object.keys(state.strokes).length > 0) this.#ar.prune();
    }
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#resize.disconnect();
    this.#strokes.unsubscribe();
  }
}
