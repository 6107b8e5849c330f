import * as z from '../validate/index.js';

/**
 * Wire schemas of the AR data messages (VS-11 … VS-14). Every coordinate is normalized to the
 * *unmirrored* video frame (or, for annotations, to the screenshot): `x`, `y` in 0..1, origin top left.
 * Messages arrive from the other participant and are parsed here before they touch any state; the
 * sender's identity is never taken from a message body but from the transport (`from`).
 */

const unit = z.number().check(z.gte(0), z.lte(1));
const id = z.string().check(z.minLength(1), z.maxLength(128));
const epochMs = z.number().check(z.gte(0), z.lte(8.64e15));

/** A point normalized to the video frame (or screenshot): `x`, `y` in 0..1. */
export const normalizedPointSchema = z.object({ x: unit, y: unit });

/** A box normalized to the frame: top-left corner plus size, all in 0..1 and inside the frame. */
export const normalizedBoxSchema = z
  .object({ x: unit, y: unit, width: unit, height: unit })
  .check(
    z.refine((b) => b.x + b.width <= 1 + 1e-9 && b.y + b.height <= 1 + 1e-9, 'The box leaves the frame'),
  );
/** A box normalized to the frame. */
export type NormalizedBox = z.infer<typeof normalizedBoxSchema>;

/** A CSS hex colour, `#rgb` or `#rrggbb`. */
export const colorSchema = z.string().check(z.regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/));

/**
 * Stroke width as a fraction of the frame's width, so a line looks equally thick on a phone and on a
 * desktop monitor.
 */
export const strokeWidthSchema = z.number().check(z.gt(0), z.lte(0.2));

/** Most points one message may carry; a long stroke is sent in several `ar.stroke.append` segments. */
export const MAX_POINTS_PER_MESSAGE = 512;
/** Most points one live stroke may hold; further points are dropped. */
export const MAX_POINTS_PER_STROKE = 4096;
/**
 * Most points of one pen annotation: a pen op must fit in one data message (64 KiB) with its points
 * rounded to 4 decimals (about 24 bytes each).
 */
export const MAX_POINTS_PER_PEN = 1024;

const points = z.array(normalizedPointSchema).check(z.maxLength(MAX_POINTS_PER_MESSAGE));

/** Starts a live stroke (VS-12). Sent on pointer down, with the first point(s). */
export const strokeStartSchema = z.object({
  type: z.literal('ar.stroke.start'),
  id,
  color: colorSchema,
  width: strokeWidthSchema,
  /** The sender's clock, informational only: expiry runs on the receiver's clock (devices' clocks differ). */
  createdAt: epochMs,
  /** How long the stroke stays after its last point, in ms. */
  ttlMs: z.number().check(z.gte(250), z.lte(60_000)),
  points,
});

/** More points of a stroke being drawn; sent as they come, so the other side sees the line grow. */
export const strokeAppendSchema = z.object({ type: z.literal('ar.stroke.append'), id, points });

/** The stroke is complete (pointer up); its time to live runs from here. */
export const strokeEndSchema = z.object({ type: z.literal('ar.stroke.end'), id });

/** What a screenshot is (VS-11): the image itself travels as an upload, never as a data message. */
export const screenshotSchema = z.object({
  id,
  sessionId: id,
  capturedAt: epochMs,
  capturedBy: id,
  width: z.int().check(z.gte(1), z.lte(16_384)),
  height: z.int().check(z.gte(1), z.lte(16_384)),
});
/** A captured frame's metadata. */
export type Screenshot = z.infer<typeof screenshotSchema>;

const opBase = {
  /** Globally unique: `<author>:<counter>` or a UUID. */
  id,
  screenshotId: id,
  author: id,
  /** Lamport clock of the author when the op was made; the first key of the render order. */
  lamport: z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
};

/** A freehand line on a screenshot. */
export const penOpSchema = z.object({
  ...opBase,
  kind: z.literal('pen'),
  color: colorSchema,
  width: strokeWidthSchema,
  points: z.array(normalizedPointSchema).check(z.minLength(1), z.maxLength(MAX_POINTS_PER_PEN)),
});
/** An arrow from `from` to `to` (the head at `to`). */
export const arrowOpSchema = z.object({
  ...opBase,
  kind: z.literal('arrow'),
  color: colorSchema,
  width: strokeWidthSchema,
  from: normalizedPointSchema,
  to: normalizedPointSchema,
});
/** A rectangle or ellipse outline inside a box. */
export const shapeOpSchema = z.object({
  ...opBase,
  kind: z.literal('shape'),
  shape: z.enum(['rect', 'ellipse']),
  color: colorSchema,
  width: strokeWidthSchema,
  box: normalizedBoxSchema,
});
/** A text label anchored at its top-left `at`; `size` is the font height as a fraction of the image height. */
export const textOpSchema = z.object({
  ...opBase,
  kind: z.literal('text'),
  color: colorSchema,
  at: normalizedPointSchema,
  size: z.number().check(z.gt(0), z.lte(0.5)),
  text: z.string().check(z.minLength(1), z.maxLength(500)),
});
/** Hides earlier ops by id. Ops are never deleted, so erasing merges like any other op. */
export const eraseOpSchema = z.object({
  ...opBase,
  kind: z.literal('erase'),
  targets: z.array(id).check(z.minLength(1), z.maxLength(256)),
});

/** One append-only annotation operation on a screenshot (VS-11). */
export const annotationOpSchema = z.discriminatedUnion('kind', [
  penOpSchema,
  arrowOpSchema,
  shapeOpSchema,
  textOpSchema,
  eraseOpSchema,
]);
/** One annotation operation. */
export type AnnotationOp = z.infer<typeof annotationOpSchema>;
/** An annotation operation before the session gives it its id, author, lamport clock and screenshot. */
export type AnnotationDraft = AnnotationOp extends infer O
  ? O extends AnnotationOp
    ? Omit<O, 'id' | 'author' | 'lamport' | 'screenshotId'>
    : never
  : never;

/** Most ops one `ar.annotate` message carries (a snapshot sends more in several messages). */
export const MAX_OPS_PER_MESSAGE = 256;

/** A screenshot was captured and is open for annotation on both sides. */
export const screenshotOpenSchema = z.object({
  type: z.literal('ar.screenshot.open'),
  screenshot: screenshotSchema,
});
/** The screenshot is closed (annotation view dismissed); its ops stay and still merge. */
export const screenshotCloseSchema = z.object({ type: z.literal('ar.screenshot.close'), screenshotId: id });
/** Annotation ops for one screenshot; merged by union, so resending is harmless. */
export const annotateSchema = z.object({
  type: z.literal('ar.annotate'),
  screenshotId: id,
  ops: z.array(annotationOpSchema).check(z.maxLength(MAX_OPS_PER_MESSAGE)),
});

/** Where a marker's tracker stands (VS-13). */
export const MarkerStatus = { tracking: 'tracking', lost: 'lost' } as const;
/** One of {@link MarkerStatus}. */
export type MarkerStatus = (typeof MarkerStatus)[keyof typeof MarkerStatus];

/**
 * A tracked marker (VS-13). `version` grows with every change; the copy with the higher
 * `(version, updatedBy)` wins, so concurrent updates settle the same way on both sides.
 */
export const markerSchema = z.object({
  id,
  label: z.string().check(z.maxLength(120)),
  box: normalizedBoxSchema,
  confidence: unit,
  status: z.enum(['tracking', 'lost']),
  owner: id,
  version: z.int().check(z.gte(1), z.lte(Number.MAX_SAFE_INTEGER)),
  updatedBy: id,
  /** A removed marker stays as a tombstone so a late copy cannot bring it back. */
  removed: z.optional(z.boolean()),
});
/** A tracked marker, or its tombstone (`removed: true`). */
export type Marker = z.infer<typeof markerSchema>;

/** A marker was added, changed or removed (the whole marker: last writer wins by version). */
export const markerPutSchema = z.object({ type: z.literal('ar.marker.put'), marker: markerSchema });

/** The shared mirror flag (VS-14), last writer wins by `(version, by)`. */
export const mirrorFlagSchema = z.object({
  mirrored: z.boolean(),
  version: z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  by: z.string().check(z.maxLength(128)),
});
/** The shared mirror flag. */
export type MirrorFlag = z.infer<typeof mirrorFlagSchema>;

/** Staff mirrored or unmirrored the view. */
export const mirrorSetSchema = z.object({ type: z.literal('ar.mirror'), mirror: mirrorFlagSchema });

/**
 * The sender's AR state for a side that joined late or reconnected: markers, screenshots and the
 * mirror flag. Screenshots' ops follow in `ar.annotate` messages (a snapshot must fit in one data
 * message). Merged, never applied as a replacement: union for ops, last writer wins for the rest.
 */
export const snapshotSchema = z.object({
  type: z.literal('ar.snapshot'),
  markers: z.array(markerSchema).check(z.maxLength(256)),
  screenshots: z.array(z.object({ screenshot: screenshotSchema, open: z.boolean() })).check(z.maxLength(256)),
  mirror: mirrorFlagSchema,
  /** The sender has just (re)connected and asks for the receiver's snapshot in return. */
  requestReply: z.boolean(),
});

/** Every AR data message. */
export const arMessageSchema = z.discriminatedUnion('type', [
  strokeStartSchema,
  strokeAppendSchema,
  strokeEndSchema,
  screenshotOpenSchema,
  screenshotCloseSchema,
  annotateSchema,
  markerPutSchema,
  mirrorSetSchema,
  snapshotSchema,
]);
/** Every AR data message, discriminated by `type`. */
export type ArMessage = z.infer<typeof arMessageSchema>;
/** The `type` of an AR data message. */
export type ArMessageType = ArMessage['type'];

/** Whether a data message belongs to the AR tools (its `type` starts with `ar.`). */
export function isArMessageType(type: string): boolean {
  return type.startsWith('ar.');
}
