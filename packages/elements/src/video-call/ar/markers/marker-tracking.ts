import type { ArSession, ArState, TrackingWorker } from '@sightline/core';
import type { MarkerFollower } from './marker-follower.js';

type Point = { x: number; y: number };
type Box = { x: number; y: number; width: number; height: number };

/** What marker tracking needs from the tools. */
export interface MarkerTrackingContext {
  /** The video whose picture the markers are placed on. */
  surface(): HTMLVideoElement | null;
  state(): ArState;
  /** Starts the tracking worker (default: core's module worker). */
  tracking?: (() => TrackingWorker) | undefined;
}

/**
 * Markers (VS-13): one is placed on a box of the frame, then the side that placed it follows the
 * marked object in its video with the tracking worker (started with the first marker) and shares
 * the marker's new box as it moves; a removed marker is no longer followed. Only staff place markers,
 * so the following (the tracking worker's client and the frame feed) is a chunk of its own that
 * loads with the first marker: a customer's call never loads it.
 */
export class MarkerTracking {
  readonly #ar: ArSession;
  readonly #ctx: MarkerTrackingContext;
  #follower: Promise<MarkerFollower | undefined> | undefined;
  #disposed = false;
  readonly #tracked = new Set<string>();

  constructor(ar: ArSession, ctx: MarkerTrackingContext) {
    this.#ar = ar;
    this.#ctx = ctx;
  }

  /** Places a marker on the box spanned by two frame points (a small drag or a tap gets a default box). */
  place(label: string, a: Point, b: Point): string | undefined {
    let box = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
    if (box.width < 0.02 || box.height < 0.02) {
      const side = 0.2;
      box = {
        x: Math.min(1 - side, Math.max(0, a.x - side / 2)),
        y: Math.min(1 - side, Math.max(0, a.y - side / 2)),
        width: side,
        height: side,
      };
    }
    const r = this.#ar.addMarker({ label, box, confidence: 1, status: 'tracking' });
    if (!r.ok) return undefined;
    void this.#track(r.value, box);
    return r.value;
  }

  /** Staff side: follow the marked object in the video shown here (the follower loads on first use). */
  async #track(id: string, box: Box): Promise<void> {
    const video = this.#ctx.surface();
    if (!video) return;
    this.#tracked.add(id);
    this.#follower ??= import('./marker-follower.js').then(({ MarkerFollower }) => {
      try {
        return new MarkerFollower(this.#ar, video, () => this.#ctx.state(), this.#ctx.tracking);
      } catch {
        return undefined; // No workers here: the markers stay where they were placed.
      }
    });
    const follower = await this.#follower;
    if (this.#disposed) return;
    if (!follower) this.#follower = undefined;
    else if (this.#tracked.has(id)) follower.track(id, box);
  }

  /** Stops following the markers that were removed. */
  untrackRemoved(): void {
    const markers = this.#ctx.state().markers;
    for (const id of this.#tracked) {
      if (markers[id]?.removed) {
        this.#tracked.delete(id);
        void this.#follower?.then((f) => f?.remove(id));
      }
    }
  }

  dispose(): void {
    this.#disposed = true;
    void this.#follower?.then((f) => f?.dispose());
  }
}
