/**
 * A grayscale frame: one byte per pixel, row-major, `data.length === width * height`.
 *
 * @example
 * const frame: GrayFrame = { width: 320, height: 180, data: new Uint8Array(320 * 180) };
 */
export interface GrayFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * An axis-aligned box normalized to the frame (0..1 on both axes), like every marker on the wire:
 * `x`/`y` is the top-left corner, `width`/`height` the size. The same numbers hold for any frame size,
 * so the worker can track on a reduced copy of the video.
 *
 * @example
 * const box: NormalizedBox = { x: 0.4, y: 0.4, width: 0.2, height: 0.2 };
 */
export interface NormalizedBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Whether the tracker still holds the item.
 *
 * @example
 * if (result.status === TrackStatus.lost) showLostBadge();
 */
export const TrackStatus = { tracking: 'tracking', lost: 'lost' } as const;
export type TrackStatus = (typeof TrackStatus)[keyof typeof TrackStatus];

/**
 * One tracker step. `box` is the last confident box while `lost` (the marker stays where the item was
 * last seen); `angle` is the in-plane rotation since `init`, in radians (clockwise in image coordinates);
 * `confidence` is 0..1: normalized cross-correlation of the box with the item's appearance at init (or
 * its slowly adapted copy, whichever matches better).
 *
 * @example
 * const { box, status, confidence } = tracker.update(frame);
 */
export interface TrackResult {
  readonly box: NormalizedBox;
  readonly angle: number;
  readonly confidence: number;
  readonly status: TrackStatus;
  /** Feature points that survived the forward–backward check this frame (0 while lost). */
  readonly points: number;
}

/** Why `init` refused a box: the box or frame is unusable. Returned, never thrown. */
export type TrackerInitError =
  | { readonly code: 'invalid-frame'; readonly message: string }
  | { readonly code: 'invalid-box'; readonly message: string };

/**
 * Tuning knobs; every field has a default that suits 320–640 px wide video.
 *
 * @example
 * const tracker = createTracker({ lostThreshold: 0.4 });
 */
export interface TrackerOptions {
  /** Pyramid levels used by Lucas–Kanade and the re-acquisition search. Default 4. */
  readonly levels?: number;
  /** Feature points sampled per frame inside the box (Shi–Tomasi, one per grid cell). Default 64. */
  readonly maxPoints?: number;
  /** LK window half-size in pixels (window is 2r+1 square). Default 4. */
  readonly windowRadius?: number;
  /** Forward–backward error (px) above which a point is dropped. Default 1.5. */
  readonly maxForwardBackwardError?: number;
  /** Confidence below which a frame counts as a miss. Default 0.35. */
  readonly lostThreshold?: number;
  /** Consecutive misses before `lost` is declared. Default 2 (spec: within 5 frames). */
  readonly missesBeforeLost?: number;
  /** Template match score needed to resume after `lost` (or to jump when flow fails). Default 0.7. */
  readonly reacquireThreshold?: number;
  /** Fewest surviving points for a valid flow estimate. Default 6. */
  readonly minPoints?: number;
  /** Blend rate of the adaptive template (0 keeps only the appearance at init). Default 0.05. */
  readonly templateLearningRate?: number;
}

/**
 * Clamps a box to the frame (0..1), as markers on the wire must be: the tracker itself reports the
 * whole item's box, which may reach past the edge when the item is partly out of view. A box entirely
 * outside keeps a zero size at the nearest edge.
 *
 * @example
 * clampBox({ x: -0.1, y: 0.5, width: 0.3, height: 0.2 }); // { x: 0, y: 0.5, width: 0.2, height: 0.2 }
 */
export function clampBox(box: NormalizedBox): NormalizedBox {
  const x0 = Math.min(1, Math.max(0, box.x));
  const y0 = Math.min(1, Math.max(0, box.y));
  const x1 = Math.min(1, Math.max(0, box.x + box.width));
  const y1 = Math.min(1, Math.max(0, box.y + box.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
