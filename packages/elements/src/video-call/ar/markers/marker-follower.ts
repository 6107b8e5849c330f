import {
  type ArSession,
  type ArState,
  createTrackingWorker,
  type TrackingWorker,
  trackVideo,
} from '@sightline/core';
import type { Subscription } from 'rxjs';

type Box = { x: number; y: number; width: number; height: number };

/**
 * Follows placed markers in a video with the tracking worker and shares their new boxes as they
 * move (VS-13). Only the side that places markers — staff — loads this module (see
 * marker-tracking.ts); a customer's call never does.
 */
export class MarkerFollower {
  readonly #ar: ArSession;
  readonly #state: () => ArState;
  readonly #tracking: TrackingWorker;
  readonly #stop: () => void;
  readonly #results: Subscription;

  /** Throws when no worker can be started here. */
  constructor(
    ar: ArSession,
    video: HTMLVideoElement,
    state: () => ArState,
    tracking: (() => TrackingWorker) | undefined,
  ) {
    this.#ar = ar;
    this.#state = state;
    this.#tracking = (tracking ?? (() => createTrackingWorker()))();
    this.#stop = trackVideo(video, this.#tracking);
    this.#results = this.#tracking.results$.subscribe((u) => {
      const m = this.#state().markers[u.markerId];
      if (!m || m.removed) return;
      const moved =
        Math.abs(m.box.x - u.box.x) + Math.abs(m.box.y - u.box.y) + Math.abs(m.box.width - u.box.width) >
        0.002;
      if (!moved && m.status === u.status) return;
      this.#ar.updateMarker(u.markerId, { box: u.box, confidence: u.confidence, status: u.status });
    });
  }

  track(id: string, box: Box): void {
    this.#tracking.track(id, box);
  }

  remove(id: string): void {
    this.#tracking.remove(id);
  }

  dispose(): void {
    this.#stop();
    this.#tracking.terminate();
    this.#results.unsubscribe();
  }
}
