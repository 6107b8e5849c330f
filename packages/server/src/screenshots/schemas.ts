import { z } from '@hono/zod-openapi';
import { type AnnotationOp, annotationOpSchema } from '@sightline/core/domain';

/** Largest screenshot image accepted (VS-11); the client checks the same limit before queueing. */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
/** Largest `meta` form field (JSON, annotations included). */
export const MAX_META_CHARS = 1024 * 1024;
/** Most annotation ops in one request (upload `meta.annotations` or the annotations route). */
export const MAX_OPS_PER_REQUEST = 500;
/** Image types a screenshot may be stored as. */
export const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ScreenshotType = (typeof SCREENSHOT_TYPES)[number];

/** A client-generated screenshot id; also the upload's `Idempotency-Key`. */
export const ScreenshotId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'Use 1 to 100 characters of A-Z, a-z, 0-9, _ and -')
  .openapi({ example: '0f8e2c7a-93d1-4a55-8d7e-1f2b3c4d5e6f' });

/**
 * The contract's `AnnotationOp`: the JSON Schema of the AR tools' own schema, one alternative per
 * kind (pen, arrow, shape, text, erase) with its fields, discriminated by `kind` — generated, so the
 * contract and the data channel cannot drift apart.
 */
function annotationOpContract() {
  return {
    type: 'object',
    ...annotationOpSchema.json,
    description:
      'An append-only annotation operation (pen, arrow, shape, text or erase), as `annotationOpSchema` in ' +
      '`@sightline/core` defines it; coordinates normalized to the screenshot (0..1). Merged by union on `id`.',
    discriminator: { propertyName: 'kind' },
  } as never;
}

/**
 * One annotation op, validated by the AR tools' own schema from `@sightline/core` (the same one
 * the peers use on the data channel), so the server accepts exactly what the clients exchange.
 */
export const AnnotationOpSchema = z
  .custom<AnnotationOp>()
  .superRefine((value, ctx) => {
    const parsed = annotationOpSchema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  })
  .openapi('AnnotationOp', annotationOpContract());

export type AnnotationOpWire = AnnotationOp;

const Ops = z.array(AnnotationOpSchema).max(MAX_OPS_PER_REQUEST);

/** The `meta` form field of an upload, as JSON. */
export const ScreenshotUploadMeta = z
  .object({
    id: ScreenshotId,
    capturedAt: z
      .number()
      .int()
      .min(0)
      .max(8.64e15)
      .openapi({ description: 'Epoch ms on the capturing device' }),
    capturedBy: z.string().min(1).max(128).openapi({ description: 'Participant id of who captured it' }),
    width: z.number().int().positive().max(8192),
    height: z.number().int().positive().max(8192),
    annotations: Ops,
  })
  .openapi('ScreenshotUploadMeta');
export type ScreenshotUploadMeta = z.infer<typeof ScreenshotUploadMeta>;

/** The multipart body of `POST /v1/sessions/{id}/screenshots`. */
export const ScreenshotUploadForm = z.object({
  image: z
    .custom<File>((value) => value instanceof File, 'Send the image as a file part named `image`')
    .openapi({
      type: 'string',
      format: 'binary',
      description: `image/png, image/jpeg or image/webp, at most ${MAX_SCREENSHOT_BYTES} bytes`,
    }),
  meta: z
    .string()
    .max(MAX_META_CHARS)
    .openapi({ description: 'JSON of `ScreenshotUploadMeta`', example: '{"id":"shot-1",…}' }),
});

export const ScreenshotSchema = z
  .object({
    id: ScreenshotId,
    sessionId: z.string(),
    capturedAt: z.number().int().openapi({ description: 'Epoch ms on the capturing device' }),
    capturedBy: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    contentType: z.enum(SCREENSHOT_TYPES),
    bytes: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    annotations: z.array(AnnotationOpSchema).openapi({ description: 'Ordered by (lamport, author, id)' }),
  })
  .openapi('Screenshot');
export type ScreenshotWire = z.infer<typeof ScreenshotSchema>;

export const ScreenshotList = z.object({ items: z.array(ScreenshotSchema) }).openapi('ScreenshotList');

export const AnnotateRequest = z.object({ ops: Ops }).openapi('AnnotateScreenshotRequest');

export const ScreenshotSessionParams = z.object({ id: z.string().min(1).max(200) });
export const ScreenshotParams = ScreenshotSessionParams.extend({ shotId: ScreenshotId });
