import * as z from 'zod/mini';

/**
 * The messages between the page and the tracking worker. Both sides validate what they receive: the
 * boundary is a structured-clone channel that any script in the page could post to.
 */

// zod 4 numbers are finite: NaN and ±Infinity are rejected. Incoming boxes may reach past the frame
// (a marker on an item at the edge); outgoing ones are clamped to it (width/height may then be 0).
const boxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().check(z.minimum(0)),
  height: z.number().check(z.minimum(0)),
});

const markerId = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * Page → worker. `frame.data` is a transferred buffer: `gray` holds one byte per pixel, `rgba` four
 * (an `ImageData` buffer), converted in the worker.
 *
 * @example
 * const parsed = z.safeParse(toWorkerSchema, event.data);
 */
export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('track'), markerId, box: boxSchema }),
  z.object({ type: z.literal('remove'), markerId }),
  z.object({
    type: z.literal('frame'),
    frameId: z.int(),
    width: z.int().check(z.positive(), z.maximum(4096)),
    height: z.int().check(z.positive(), z.maximum(4096)),
    format: z.enum(['gray', 'rgba']),
    data: z.instanceof(ArrayBuffer),
  }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const markerUpdateSchema = z.object({
  markerId,
  box: boxSchema,
  angle: z.number(),
  confidence: z.number().check(z.minimum(0), z.maximum(1)),
  status: z.enum(['tracking', 'lost']),
});

/**
 * One marker's tracking result, as delivered to the page. `box` is normalized to the video frame.
 *
 * @example
 * tracking.results$.subscribe((u: MarkerUpdate) => moveMarker(u.markerId, u.box, u.status));
 */
export type MarkerUpdate = z.infer<typeof markerUpdateSchema>;

/**
 * Worker → page: results for every marker after each frame (also when there are none, which tells the
 * page the worker is free again), and markers whose box could not be used.
 *
 * @example
 * const parsed = z.safeParse(fromWorkerSchema, event.data);
 */
export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('results'), frameId: z.number(), updates: z.array(markerUpdateSchema) }),
  z.object({
    type: z.literal('rejected'),
    markerId,
    code: z.enum(['invalid-box', 'invalid-frame', 'invalid-message']),
    message: z.string(),
  }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
