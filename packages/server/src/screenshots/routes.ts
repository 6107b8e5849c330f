import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Kysely } from 'kysely';
import { type BlobStore, folderBlobStore } from '../blobs/store.js';
import { requireParticipant } from '../calls/participants.js';
import type { AppEnv, Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendEvent, type EventType } from '../events/outbox.js';
import { assertReadableJson } from '../http/text-guard.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { requireFeature } from '../portals/feature-context.js';
import { ProblemError, problem, problemResponse } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { type SessionRow, scopeOf } from '../sessions/store.js';
import {
  AnnotateRequest,
  type AnnotationOpWire,
  MAX_META_CHARS,
  MAX_SCREENSHOT_BYTES,
  ScreenshotId,
  ScreenshotList,
  ScreenshotParams,
  ScreenshotSchema,
  ScreenshotSessionParams,
  ScreenshotUploadForm,
  ScreenshotUploadMeta,
  type ScreenshotWire,
} from './schemas.js';
import {
  addOps,
  readScreenshots,
  type ScreenshotRow,
  screenshotBlobKey,
  sha256Hex,
  sniffImageType,
} from './store.js';

/** The upload's own body limit: the image plus its meta plus multipart framing. */
export const MAX_UPLOAD_BODY_BYTES = MAX_SCREENSHOT_BYTES + MAX_META_CHARS + 64 * 1024;

const UPLOAD_PATH = /^\/v1\/sessions\/[^/]+\/screenshots\/?$/;

/**
 * Whether a request carries its own body limit (the screenshot upload), so the global JSON limit
 * must not apply to it.
 */
export function hasOwnBodyLimit(method: string, path: string): boolean {
  return method === 'POST' && UPLOAD_PATH.test(path);
}

const uploadScreenshot = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/screenshots',
  operationId: 'uploadScreenshot',
  tags: ['screenshots'],
  summary: 'Save a screenshot of the session with its annotations so far (VS-11, VS-15)',
  description:
    'Multipart: `image` (PNG, JPEG or WebP, at most 10 MiB, checked by its content) and `meta` (JSON of ' +
    '`ScreenshotUploadMeta`). Retrying with the same screenshot id and the same image answers 200 and merges ' +
    'any new annotation ops; the same id with another image is a 409. Only participants of the session may upload.',
  security: bearer,
  request: {
    params: ScreenshotSessionParams,
    headers: z.object({
      'idempotency-key': ScreenshotId.optional().openapi({
        description: 'The screenshot id (`meta.id`); a retry with it never creates a second screenshot.',
      }),
    }),
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: ScreenshotUploadForm } },
    },
  },
  responses: {
    201: jsonResponse(ScreenshotSchema, 'The stored screenshot'),
    200: jsonResponse(ScreenshotSchema, 'Already stored with the same image: the screenshot, new ops merged'),
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
});

const annotateScreenshot = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/screenshots/{shotId}/annotations',
  operationId: 'annotateScreenshot',
  tags: ['screenshots'],
  summary: 'Add annotation ops to a screenshot; merged by op id, so replays are harmless (VS-11)',
  security: bearer,
  request: { params: ScreenshotParams, body: jsonBody(AnnotateRequest) },
  responses: {
    200: jsonResponse(ScreenshotSchema, 'The screenshot with every op'),
    ...problems(400, 401, 403, 404, 413),
  },
});

const listScreenshots = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/screenshots',
  operationId: 'listScreenshots',
  tags: ['screenshots'],
  summary: 'The session’s screenshots with their annotations, by capture time (VS-15)',
  security: bearer,
  request: { params: ScreenshotSessionParams },
  responses: { 200: jsonResponse(ScreenshotList, 'Every screenshot'), ...problems(401, 403, 404) },
});

const getScreenshot = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/screenshots/{shotId}',
  operationId: 'getScreenshot',
  tags: ['screenshots'],
  summary: 'One screenshot with its annotations',
  security: bearer,
  request: { params: ScreenshotParams },
  responses: { 200: jsonResponse(ScreenshotSchema, 'The screenshot'), ...problems(401, 403, 404) },
});

const binary = { schema: z.string().openapi({ type: 'string', format: 'binary' }) };
const getScreenshotImage = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/screenshots/{shotId}/image',
  operationId: 'getScreenshotImage',
  tags: ['screenshots'],
  summary: 'The screenshot’s image bytes (immutable; ETag is its SHA-256)',
  security: bearer,
  request: {
    params: ScreenshotParams,
    headers: z.object({ 'if-none-match': z.string().optional() }),
  },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/png': binary, 'image/jpeg': binary, 'image/webp': binary },
    },
    304: { description: 'Not modified (If-None-Match matched)' },
    ...problems(401, 403, 404),
  },
});

/** A 400 problem like the validators' own, with one entry per offending field. */
function invalid(path: string, message: string): never {
  throw invalidFields([{ path, message }]);
}
const invalidFields = (errors: { path: string; message: string }[]) =>
  new ProblemError(400, 'validation', 'The request is not valid.', { errors });

/**
 * Screenshots of a session (VS-11, VS-15): multipart upload into the blob store, annotation ops
 * merged by union, listing and the image itself for whoever may see the session.
 */
export function registerScreenshotRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  blobs: BlobStore = folderBlobStore(services.config.blobDir),
): void {
  const { db } = services.handle;
  app.openAPIRegistry.register('ScreenshotUploadMeta', ScreenshotUploadMeta);

  /** A session the caller takes part in, where screenshots are on for them (VS-11, MC-5: else 403 naming it). */
  async function participantSession(principal: Principal, id: string, what: string) {
    const { row } = await loadVisibleSession(services, principal, id);
    await requireParticipant(services, principal, row, `Only the participants of this session may ${what}.`);
    await requireFeature(services, principal, row, 'screenshots');
    return row;
  }

  async function emit(trx: Kysely<Database>, session: SessionRow, type: EventType, data: object) {
    await appendEvent(trx, services.handle, {
      organizationId: session.organization_id,
      type,
      sessionId: session.id,
      scope: scopeOf(session),
      data: data as Record<string, unknown>,
    });
  }

  /** Merges ops into a stored screenshot; an event only when something was new. */
  async function mergeOps(session: SessionRow, shotId: string, ops: readonly AnnotationOpWire[]) {
    await db.transaction().execute(async (trx) => {
      const added = await addOps(trx, session.id, shotId, ops);
      if (added.length > 0) {
        await emit(trx, session, 'screenshot.annotated', { screenshotId: shotId, opIds: added });
      }
    });
  }

  async function one(sessionId: string, shotId: string): Promise<ScreenshotWire> {
    const [shot] = await readScreenshots(db, sessionId, shotId);
    if (!shot) throw ProblemError.notFound('No screenshot with this id in this session.');
    return shot;
  }

  const findRow = (sessionId: string, shotId: string) =>
    db
      .selectFrom('screenshots')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', shotId)
      .executeTakeFirst();

  // The upload carries an image: it has its own body limit instead of the global JSON one, and a
  // clear 415 when it is not multipart.
  const uploadLimit = bodyLimit({
    maxSize: MAX_UPLOAD_BODY_BYTES,
    onError: () =>
      problemResponse(
        problem(
          413,
          'body-too-large',
          `Screenshot uploads are limited to ${MAX_SCREENSHOT_BYTES} bytes of image (${MAX_UPLOAD_BODY_BYTES} bytes in all).`,
        ),
      ),
  });
  app.use('/v1/sessions/:id/screenshots', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
      throw new ProblemError(
        415,
        'unsupported-media-type',
        'Send the screenshot as multipart/form-data with the parts `image` and `meta`.',
      );
    }
    return uploadLimit(c, next);
  });

  app.openapi(uploadScreenshot, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    const form = c.req.valid('form');
    const session = await participantSession(principal, id, 'add screenshots');

    // Read outside the `try`: a refused form raises its own problem (http/deferred-input.ts).
    const metaText = form.meta;
    let json: unknown;
    try {
      json = JSON.parse(metaText);
    } catch {
      invalid('form.meta', 'Not valid JSON');
    }
    // The upload is multipart, past the central JSON check: its JSON part is checked here.
    assertReadableJson(json, 'form.meta');
    const parsed = ScreenshotUploadMeta.safeParse(json);
    if (!parsed.success) {
      throw invalidFields(
        parsed.error.issues.map((issue) => ({
          path: ['form.meta', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    const meta = parsed.data;
    const key = c.req.valid('header')['idempotency-key'];
    if (key !== undefined && key !== meta.id) invalid('header.idempotency-key', 'Must equal meta.id');
    meta.annotations.forEach((op, i) => {
      if (op.screenshotId !== meta.id) {
        invalid(`form.meta.annotations.${i}.screenshotId`, 'Must equal meta.id');
      }
    });

    const image = form.image;
    if (image.size > MAX_SCREENSHOT_BYTES) {
      throw new ProblemError(
        413,
        'image-too-large',
        `Screenshots are limited to ${MAX_SCREENSHOT_BYTES} bytes.`,
      );
    }
    if (image.size === 0) invalid('form.image', 'The image is empty');
    const bytes = new Uint8Array(await image.arrayBuffer());
    const contentType = sniffImageType(bytes.subarray(0, 16));
    if (!contentType) invalid('form.image', 'The content is not a PNG, JPEG or WebP image');
    const declared = image.type.split(';')[0]!.trim().toLowerCase();
    if (declared && declared !== 'application/octet-stream' && declared !== contentType) {
      invalid('form.image', `Declared as ${declared} but the content is ${contentType}`);
    }
    const sha256 = sha256Hex(bytes);

    const sameContent = (row: ScreenshotRow) =>
      row.sha256 === sha256 &&
      Number(row.captured_at) === meta.capturedAt &&
      row.captured_by === meta.capturedBy &&
      row.width === meta.width &&
      row.height === meta.height;
    const answerExisting = async (row: ScreenshotRow) => {
      if (!sameContent(row)) {
        throw ProblemError.conflict(
          'screenshot-exists',
          'A different screenshot with this id is already stored in this session.',
        );
      }
      await mergeOps(session, meta.id, meta.annotations);
      return c.json(await one(id, meta.id), 200);
    };

    const existing = await findRow(id, meta.id);
    if (existing) return answerExisting(existing);

    const blobKey = screenshotBlobKey(session.organization_id, id, meta.id, sha256);
    await blobs.put(blobKey, bytes);
    let inserted: ScreenshotRow | undefined;
    try {
      inserted = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('screenshots')
          .values({
            session_id: id,
            id: meta.id,
            organization_id: session.organization_id,
            captured_at: meta.capturedAt,
            captured_by: meta.capturedBy,
            width: meta.width,
            height: meta.height,
            content_type: contentType,
            bytes: bytes.byteLength,
            sha256,
            blob_key: blobKey,
            created_at: services.clock(),
          })
          .onConflict((oc) => oc.columns(['session_id', 'id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await addOps(trx, id, meta.id, meta.annotations);
        const { annotations, ...screenshot } = (await readScreenshots(trx, id, meta.id))[0]!;
        await emit(trx, session, 'screenshot.saved', { screenshot, opCount: annotations.length });
        return row;
      });
    } catch (error) {
      await dropUnreferenced(db, blobs, blobKey);
      throw error;
    }
    if (!inserted) {
      // Another upload with this id committed first.
      const winner = await findRow(id, meta.id);
      if (winner?.blob_key !== blobKey) await blobs.delete(blobKey);
      if (!winner) throw ProblemError.conflict('screenshot-in-progress', 'Retry this upload.');
      return answerExisting(winner);
    }
    return c.json(await one(id, meta.id), 201, {
      Location: `/v1/sessions/${id}/screenshots/${meta.id}`,
    });
  });

  app.openapi(annotateScreenshot, async (c) => {
    const { id, shotId } = c.req.valid('param');
    const { ops } = c.req.valid('json');
    const session = await participantSession(c.get('principal'), id, 'annotate its screenshots');
    if (!(await findRow(id, shotId)))
      throw ProblemError.notFound('No screenshot with this id in this session.');
    ops.forEach((op, i) => {
      if (op.screenshotId !== shotId) invalid(`json.ops.${i}.screenshotId`, 'Must equal the screenshot id');
    });
    await mergeOps(session, shotId, ops);
    return c.json(await one(id, shotId), 200);
  });

  app.openapi(listScreenshots, async (c) => {
    const { id } = c.req.valid('param');
    await loadVisibleSession(services, c.get('principal'), id);
    return c.json({ items: await readScreenshots(db, id) }, 200);
  });

  app.openapi(getScreenshot, async (c) => {
    const { id, shotId } = c.req.valid('param');
    await loadVisibleSession(services, c.get('principal'), id);
    return c.json(await one(id, shotId), 200);
  });

  app.openapi(getScreenshotImage, async (c) => {
    const { id, shotId } = c.req.valid('param');
    await loadVisibleSession(services, c.get('principal'), id);
    const row = await findRow(id, shotId);
    if (!row) throw ProblemError.notFound('No screenshot with this id in this session.');
    const etag = `"${row.sha256}"`;
    const headers = {
      ETag: etag,
      'Cache-Control': 'private, max-age=31536000, immutable',
    };
    const ifNoneMatch = c.req.valid('header')['if-none-match'];
    if (
      ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
    ) {
      return c.body(null, 304, headers);
    }
    const stream = await blobs.get(row.blob_key);
    if (!stream) throw ProblemError.notFound('The image of this screenshot is not available.');
    return c.body(stream, 200, {
      ...headers,
      'Content-Type': row.content_type,
      'Content-Length': String(row.bytes),
    });
  });
}

/** Removes a blob written for an upload that did not commit, unless a stored screenshot uses it. */
async function dropUnreferenced(db: Kysely<Database>, blobs: BlobStore, blobKey: string): Promise<void> {
  try {
    const used = await db
      .selectFrom('screenshots')
      .select('id')
      .where('blob_key', '=', blobKey)
      .executeTakeFirst();
    if (!used) await blobs.delete(blobKey);
  } catch (error) {
    console.error('could not clean up blob', blobKey, error);
  }
}
