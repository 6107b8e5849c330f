import type { NormalizedPoint } from '../call/mirror.js';
import { MAX_POINTS_PER_STROKE } from './schemas.js';

/** Default time a stroke stays after its last point (VS-12: "fade after a few seconds"). */
export const DEFAULT_STROKE_TTL_MS = 4_000;
/** The last part of the time to live over which a stroke fades out. */
export const STROKE_FADE_MS = 1_000;

/**
 * A live stroke drawn on the video (VS-12). Times are on *this* side's clock: `updatedAt` is when its
 * last point arrived here, so clock differences between the two devices cannot make a stroke vanish
 * early or linger.
 */
export interface LiveStroke {
  readonly id: string;
  readonly author: string;
  readonly color: string;
  /** Fraction of the frame's width. */
  readonly width: number;
  readonly points: readonly NormalizedPoint[];
  /** The author's clock when drawing began (informational). */
  readonly createdAt: number;
  readonly ttlMs: number;
  /** This side's clock at the last change. */
  readonly updatedAt: number;
  /** Pointer up seen. */
  readonly ended: boolean;
}

/** A stroke to draw now, with its opacity (1, falling to 0 over the last {@link STROKE_FADE_MS}). */
export interface VisibleStroke extends LiveStroke {
  readonly opacity: number;
}

/** Live strokes by id. */
export type StrokeMap = Readonly<Record<string, LiveStroke>>;

/**
 * When a stroke disappears: its time to live after its last point. A stroke still being drawn keeps
 * being refreshed by its points; one whose author vanished mid-stroke expires all the same.
 */
export function strokeExpiresAt(stroke: LiveStroke): number {
  return stroke.updatedAt + stroke.ttlMs;
}

/** Opacity of a stroke at `now`: 1 until the fade starts, then linearly to 0 at expiry. */
export function strokeOpacity(stroke: LiveStroke, now: number): number {
  const left = strokeExpiresAt(stroke) - now;
  if (left <= 0) return 0;
  const fade = Math.min(STROKE_FADE_MS, stroke.ttlMs);
  return left >= fade ? 1 : left / fade;
}

/**
 * The strokes to draw at `now`, oldest first, each with its opacity. Pure: pass the clock's time.
 * @example
 * for (const s of visibleStrokes(ar.getSnapshot().strokes, performance.timeOrigin + performance.now())) draw(s);
 */
export function visibleStrokes(strokes: StrokeMap, now: number): VisibleStroke[] {
  const out: VisibleStroke[] = [];
  for (const stroke of Object.values(strokes)) {
    const opacity = strokeOpacity(stroke, now);
    if (opacity > 0) out.push({ ...stroke, opacity });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Drop expired strokes (returns the same object when nothing expired). */
export function pruneStrokes(strokes: StrokeMap, now: number): StrokeMap {
  let next: Record<string, LiveStroke> | undefined;
  for (const [id, stroke] of Object.entries(strokes)) {
    if (strokeExpiresAt(stroke) > now) continue;
    next ??= { ...strokes };
    delete next[id];
  }
  return next ?? strokes;
}

/** Append points to a stroke, keeping at most {@link MAX_POINTS_PER_STROKE}. */
export function appendPoints(
  stroke: LiveStroke,
  points: readonly NormalizedPoint[],
  now: number,
): LiveStroke {
  const room = MAX_POINTS_PER_STROKE - stroke.points.length;
  const added = room > 0 ? points.slice(0, room) : [];
  return { ...stroke, points: added.length ? [...stroke.points, ...added] : stroke.points, updatedAt: now };
}
