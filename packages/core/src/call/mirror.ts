/**
 * Mirroring of the video view (VS-14). Staff can flip the remote video horizontally; drawings and
 * markers are stored in the coordinates of the *unmirrored* frame (normalized 0..1), so converting a
 * pointer position with {@link mirrorPoint} before storing keeps both sides' annotations in place.
 */

/** Whether a view is mirrored. A value, so it can live in a store and be persisted. */
export interface MirrorState {
  readonly mirrored: boolean;
}

/** A point normalized to the video frame: `x` and `y` in 0..1, origin at the top left. */
export interface NormalizedPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The initial mirror state: not mirrored.
 * @example
 * let mirror = initialMirrorState; mirror = toggleMirror(mirror);
 */
export const initialMirrorState: MirrorState = { mirrored: false };

/**
 * Flip the mirror state (pure).
 * @example
 * toggleMirror({ mirrored: false }); // { mirrored: true }
 */
export function toggleMirror(state: MirrorState): MirrorState {
  return { mirrored: !state.mirrored };
}

/**
 * The CSS `transform` for a view in this mirror state: `scaleX(-1)` when mirrored, `none` otherwise.
 * Apply it to the `<video>` and to the annotation overlay together so they stay aligned.
 * @example
 * video.style.transform = mirrorTransform(state);
 */
export function mirrorTransform(state: MirrorState): string {
  return state.mirrored ? 'scaleX(-1)' : 'none';
}

/**
 * Mirror a normalized point horizontally: `{x, y}` → `{1 - x, y}`. Its own inverse.
 * @example
 * mirrorPoint({ x: 0.25, y: 0.5 }); // { x: 0.75, y: 0.5 }
 */
export function mirrorPoint(point: NormalizedPoint): NormalizedPoint {
  return { x: 1 - point.x, y: point.y };
}

/**
 * Convert a point between the view (what the user sees) and the frame (what is stored and sent):
 * mirrored when the view is mirrored, unchanged otherwise. The same function works in both directions.
 * @example
 * const stored = viewToFrame(mirror, pointerToNormalized(event));
 */
export function viewToFrame(state: MirrorState, point: NormalizedPoint): NormalizedPoint {
  return state.mirrored ? mirrorPoint(point) : point;
}
