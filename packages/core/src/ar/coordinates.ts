import type { NormalizedPoint } from '../call/mirror.js';

/**
 * Where the video sits on screen (VS-14). A `<video>` with `object-fit: contain` shows the frame at
 * the largest size that fits its box, centred, with bars on two sides (letterboxing); with the mirror
 * on, the element is flipped with `transform: scaleX(-1)` about its centre. Pointer positions are in
 * the element's CSS pixels (e.g. `event.offsetX/Y` on the overlay); everything stored or sent is in the
 * unmirrored frame, normalized to 0..1.
 */
export interface ViewLayout {
  /** The element box, in CSS pixels. */
  readonly elementWidth: number;
  readonly elementHeight: number;
  /** The intrinsic frame size (`video.videoWidth/Height`). */
  readonly videoWidth: number;
  readonly videoHeight: number;
  readonly mirrored: boolean;
}

/** A point in the element's CSS pixels, origin at its top left. */
export interface ViewPoint {
  readonly x: number;
  readonly y: number;
}

/** A rectangle in the element's CSS pixels. */
export interface ViewRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What to do with a view point outside the displayed video: refuse it, or move it to the nearest edge. */
export type OutsidePolicy = 'reject' | 'clamp';

/**
 * The displayed video rectangle inside the element (`object-fit: contain`); `undefined` while either
 * size is unknown (zero), e.g. before `loadedmetadata`.
 * @example
 * videoRect({ elementWidth: 400, elementHeight: 400, videoWidth: 1280, videoHeight: 720, mirrored: false });
 * // { x: 0, y: 87.5, width: 400, height: 225 }
 */
export function videoRect(layout: ViewLayout): ViewRect | undefined {
  const { elementWidth: ew, elementHeight: eh, videoWidth: vw, videoHeight: vh } = layout;
  if (!(ew > 0 && eh > 0 && vw > 0 && vh > 0)) return undefined;
  const scale = Math.min(ew / vw, eh / vh);
  const width = vw * scale;
  const height = vh * scale;
  return { x: (ew - width) / 2, y: (eh - height) / 2, width, height };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * A pointer position on the element → the point in the unmirrored frame (0..1). Outside the displayed
 * video (on the bars, or off the element), `reject` gives `undefined` and `clamp` the nearest frame
 * edge; both policies agree on every point inside.
 * @example
 * const p = viewPointToFrame(layoutOf(video, mirrored), { x: e.offsetX, y: e.offsetY });
 * if (p) ar.extendStroke(id, [p]);
 */
export function viewPointToFrame(
  layout: ViewLayout,
  point: ViewPoint,
  outside: OutsidePolicy = 'reject',
): NormalizedPoint | undefined {
  const rect = videoRect(layout);
  if (!rect) return undefined;
  let u = (point.x - rect.x) / rect.width;
  let v = (point.y - rect.y) / rect.height;
  if (!(Number.isFinite(u) && Number.isFinite(v))) return undefined;
  if (u < 0 || u > 1 || v < 0 || v > 1) {
    if (outside === 'reject') return undefined;
    u = clamp01(u);
    v = clamp01(v);
  }
  return { x: layout.mirrored ? 1 - u : u, y: v };
}

/**
 * A point of the unmirrored frame (0..1) → where it shows on the element, in CSS pixels, mirror and
 * letterboxing included. Draw overlays with this so they sit on the same spot of the picture.
 * @example
 * const { x, y } = framePointToView(layout, marker.box);
 */
export function framePointToView(layout: ViewLayout, point: NormalizedPoint): ViewPoint | undefined {
  const rect = videoRect(layout);
  if (!rect) return undefined;
  const u = layout.mirrored ? 1 - point.x : point.x;
  return { x: rect.x + u * rect.width, y: rect.y + point.y * rect.height };
}

/**
 * A normalized box of the frame → its rectangle on the element (mirroring swaps its left and right
 * edges, so the rectangle is recomputed from both corners).
 * @example
 * const r = frameBoxToView(layout, marker.box); el.style.left = `${r.x}px`;
 */
export function frameBoxToView(
  layout: ViewLayout,
  box: { x: number; y: number; width: number; height: number },
): ViewRect | undefined {
  const a = framePointToView(layout, { x: box.x, y: box.y });
  const b = framePointToView(layout, { x: box.x + box.width, y: box.y + box.height });
  if (!a || !b) return undefined;
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: b.y - a.y };
}

/**
 * The layout of a `<video>` element now (reads the DOM; call it per pointer event or per frame).
 * @example
 * const layout = layoutOfVideo(video, ar.getSnapshot().mirror.mirrored);
 */
export function layoutOfVideo(video: HTMLVideoElement, mirrored: boolean): ViewLayout {
  return {
    elementWidth: video.clientWidth,
    elementHeight: video.clientHeight,
    videoWidth: video.videoWidth,
    videoHeight: video.videoHeight,
    mirrored,
  };
}
