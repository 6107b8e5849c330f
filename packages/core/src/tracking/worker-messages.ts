/**
 * The messages between the page and the tracking worker. Both sides validate what they receive: the
 * boundary is a structured-clone channel that any script in the page could post to. The checks are
 * written out (no schema library), so the worker and the call stay small.
 */

/** A box in frame coordinates (normalized 0–1 on the way out; incoming ones may reach past the frame). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Page → worker. `frame.data` is a transferred buffer: `gray` holds one byte per pixel, `rgba` four
 * (an `ImageData` buffer), converted in the worker.
 */
export type ToWorker =
  | { type: 'track'; markerId: string; box: Box }
  | { type: 'remove'; markerId: string }
  | {
      type: 'frame';
      frameId: number;
      width: number;
      height: number;
      format: 'gray' | 'rgba';
      data: ArrayBuffer;
    };

/**
 * One marker's tracking result, as delivered to the page. `box` is normalized to the video frame.
 *
 * @example
 * tracking.results$.subscribe((u: MarkerUpdate) => moveMarker(u.markerId, u.box, u.status));
 */
export interface MarkerUpdate {
  markerId: string;
  box: Box;
  angle: number;
  confidence: number;
  status: 'tracking' | 'lost';
}

/**
 * Worker → page: results for every marker after each frame (also when there are none, which tells the
 * page the worker is free again), and markers whose box could not be used.
 */
export type FromWorker =
  | { type: 'results'; frameId: number; updates: MarkerUpdate[] }
  | {
      type: 'rejected';
      markerId: string;
      code: 'invalid-box' | 'invalid-frame' | 'invalid-message';
      message: string;
    };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Finite numbers only: NaN and ±Infinity are refused. */
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isMarkerId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 200;
const isBox = (v: unknown): v is Box =>
  isObject(v) &&
  isNumber(v.x) &&
  isNumber(v.y) &&
  isNumber(v.width) &&
  v.width >= 0 &&
  isNumber(v.height) &&
  v.height >= 0;
const isSide = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 4096;

/**
 * A message to the worker, or `undefined` when it is not one (unknown type, missing or wrong fields,
 * a frame larger than 4096 × 4096).
 * @example
 * const m = parseToWorker(event.data); if (!m) reject();
 */
export function parseToWorker(v: unknown): ToWorker | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'track':
      return isMarkerId(v.markerId) && isBox(v.box)
        ? {
            type: 'track',
            markerId: v.markerId,
            box: { x: v.box.x, y: v.box.y, width: v.box.width, height: v.box.height },
          }
        : undefined;
    case 'remove':
      return isMarkerId(v.markerId) ? { type: 'remove', markerId: v.markerId } : undefined;
    case 'frame':
      return Number.isInteger(v.frameId) &&
        isSide(v.width) &&
        isSide(v.height) &&
        (v.format === 'gray' || v.format === 'rgba') &&
        v.data instanceof ArrayBuffer
        ? {
            type: 'frame',
            frameId: v.frameId as number,
            width: v.width,
            height: v.height,
            format: v.format,
            data: v.data,
          }
        : undefined;
    default:
      return undefined;
  }
}

const isUpdate = (v: unknown): v is MarkerUpdate =>
  isObject(v) &&
  isMarkerId(v.markerId) &&
  isBox(v.box) &&
  isNumber(v.angle) &&
  isNumber(v.confidence) &&
  v.confidence >= 0 &&
  v.confidence <= 1 &&
  (v.status === 'tracking' || v.status === 'lost');

const REJECTION_CODES: readonly unknown[] = ['invalid-box', 'invalid-frame', 'invalid-message'];

/**
 * A message from the worker, or `undefined` when it is not one (then it is not ours: ignore it).
 * @example
 * const m = parseFromWorker(event.data); if (m?.type === 'results') show(m.updates);
 */
export function parseFromWorker(v: unknown): FromWorker | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'results')
    return isNumber(v.frameId) && Array.isArray(v.updates) && v.updates.every(isUpdate)
      ? { type: 'results', frameId: v.frameId, updates: v.updates }
      : undefined;
  if (v.type === 'rejected')
    return isMarkerId(v.markerId) && REJECTION_CODES.includes(v.code) && typeof v.message === 'string'
      ? { type: 'rejected', markerId: v.markerId, code: v.code as 'invalid-box', message: v.message }
      : undefined;
  return undefined;
}
