import {
  type ArSession,
  type ArState,
  createTrackingWorker,
  type TrackingWorker,
  trackVideo,
} from '@sightline/core';
import type { Subscription } from 'rxjs';

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
 * the marker's new box as it moves; a removed marker is no longer followed.
 */
export class MarkerTracking {
  readonly #ar: ArSession;
  readonly #ctx: MarkerTrackingContext;
  #tracking: TrackingWorker | undefined;
  #stopTracking: (() => void) | undefined;
  #results: Subscription | undefined;
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
    this.#track(r.value, box);
    return r.value;
  }

  /** Staff side: follow the marked object in the video shown here and share the marker's new box. */
  #track(id: string, box: Box): void {
    const video = this.#ctx.surface();
    if (!video) return;
    if (!this.#tracking) {
      try {
        this.#tracking = (this.#ctx.tracking ?? (() => createTrackingWorker()))();
      } catch {
        return; // No workers here: the marker stays where it was placed.
      }
      this.#stopTracking = trackVideo(video, this.#tracking);
      this.#results = this.#tracking.results$.subscribe((u) => {
        const m = this.#ctx.state().markers[u.markerId];
        if (!m || m.removed) return;
        const moved =
          Math.abs(m.box.x - u.box.x) + Math.abs(m.box.y - u.box.y) + Math.abs(m.box.width - u.box.width) >
          0.002;
        if (!moved && m.status === u.status) return;
        this.#ar.updateMarker(u.markerId, { box: u.box, confidence: u.confidence, status: u.status });
      });
    }
    this.#tracked.add(id);
    this.#tracking.track(id, box);
  }

  /** Stops following the markers that were removed. */
  untrackRemoved(): void {
    const markers = this.#ctx.state().markers;
    for (const id of this.#tracked) {
      if (markers[id]?.removed) {
        this.#tracked.delete(id);
        this.#tracking?.remove(id);
      }
    }
  }

  dispose(): void {
    this.#stopTracking?.();
    this.#tracking?.terminate();
    this.#results?.unsubscribe();
  }
}
