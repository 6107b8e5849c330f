import type { OpenAPIHono } from '@hono/zod-openapi';
import { Server as TusServer } from '@tus/server';
import type { AppEnv, Principal, Services } from '../context.js';
import { appendEvent } from '../events/outbox.js';
import { ProblemError } from '../problems/problem.js';
import { scopeOf } from '../sessions/store.js';
import type { RecordingStorage } from './storage.js';
import { recordingToWire, visibleRecording } from './store.js';

/** The tus 1.0 creation endpoint; an upload's URL is this plus `/<recording id>`. */
export const UPLOAD_ENDPOINT = '/v1/recordings/uploads';
const UPLOAD_PATH = /^\/v1\/recordings\/uploads(\/[^/]+)?\/?$/;

/** Whether a request is a recording upload, which carries its own size limit (not the JSON one). */
export function isRecordingUpload(path: string): boolean {
  return UPLOAD_PATH.test(path);
}

function metadataOf(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) out[key] = value ? Buffer.from(value, 'base64').toString() : '';
  }
  return out;
}

/**
 * Resumable upload of a stopped recording (VS-10, VS-15) with the tus 1.0 protocol (`@tus/server`,
 * core + creation; stored where `storage.ts` says: the blob folder or an S3-compatible bucket). Outside the JSON contract but
 * behind the same sign-in; every request is checked here first, answering problems like the rest:
 * only the staff member who made the recording uploads it, only once stopped, only to a portal that
 * keeps recordings on the server (403 `recording-local-only`, MC-12), exactly the announced size and
 * at most the limit (413 `recording-too-large`, MC-14). GET and DELETE are not offered: reading goes
 * through `GET /v1/recordings/{id}/content`, deleting through `DELETE /v1/recordings/{id}`.
 */
export function registerRecordingUpload(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  storage: RecordingStorage,
): void {
  const { db } = services.handle;
  const tus = new TusServer({
    path: UPLOAD_ENDPOINT,
    datastore: storage.datastore,
    relativeLocation: true,
    maxSize: services.config.recordingMaxBytes,
    disableTerminationForFinishedUploads: true,
    namingFunction: (_req, metadata) => metadata?.recordingId ?? '',
    async onUploadFinish(_req, upload) {
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('recordings')
          .set({
            status: 'available',
            blob_key: storage.blobKeyOf(upload.id),
            uploaded_bytes: upload.offset,
            available_at: services.clock(),
          })
          .where('id', '=', upload.id)
          .where('status', '=', 'stopped')
          .returningAll()
          .executeTakeFirst();
        if (!updated || updated.status === 'purged') return;
        const session = await trx
          .selectFrom('sessions')
          .selectAll()
          .where('id', '=', updated.session_id)
          .executeTakeFirstOrThrow();
        await appendEvent(trx, services.handle, {
          organizationId: updated.organization_id,
          type: 'recording.available',
          sessionId: updated.session_id,
          scope: scopeOf(session),
          data: { recording: recordingToWire(updated) },
        });
      });
      services.handle.notifier.notify();
      return {};
    },
  });

  async function admit(principal: Principal, recordingId: string | undefined, uploadLength?: string) {
    if (!recordingId || !/^[A-Za-z0-9_-]{1,200}$/.test(recordingId)) {
      throw ProblemError.badRequest('Name the recording in the upload’s metadata (`recordingId`).', [
        { path: 'header.upload-metadata', message: 'recordingId is required' },
      ]);
    }
    const { row } = await visibleRecording(services, principal, recordingId);
    const { actor } = principal;
    if (actor.kind !== 'staff' || actor.userId !== row.started_by) {
      throw ProblemError.forbidden('Only the staff member who made this recording uploads it.');
    }
    if (row.storage === 'local') {
      throw new ProblemError(
        403,
        'recording-local-only',
        'This portal keeps recordings on the recording side only; they are never uploaded (MC-12).',
      );
    }
    if (row.status === 'recording') {
      throw ProblemError.conflict('recording-state', 'Stop the recording before uploading it.');
    }
    if (uploadLength !== undefined) {
      if (uploadLength === '') {
        throw ProblemError.badRequest('Announce the size of the recording (`Upload-Length`).', [
          { path: 'header.upload-length', message: 'Required' },
        ]);
      }
      const length = Number(uploadLength);
      if (!/^\d{1,15}$/.test(uploadLength) || length > services.config.recordingMaxBytes) {
        throw new ProblemError(
          413,
          'recording-too-large',
          `A recording is at most ${services.config.recordingMaxBytes} bytes (MC-14).`,
        );
      }
      if (length !== row.bytes) {
        throw ProblemError.badRequest('Upload-Length differs from the size the recording was stopped with.', [
          { path: 'header.upload-length', message: `Must be ${row.bytes}` },
        ]);
      }
      if (row.status !== 'stopped') {
        throw ProblemError.conflict('recording-state', 'This recording is already uploaded.');
      }
    }
    return row;
  }

  app.all(`${UPLOAD_ENDPOINT}/*`, async (c) => handle(c.req.raw, c.get('principal'), c.req.path));
  app.all(UPLOAD_ENDPOINT, async (c) => handle(c.req.raw, c.get('principal'), c.req.path));

  async function handle(request: Request, principal: Principal, path: string): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return tus.handleWeb(request);
    const id = path.replace(/\/$/, '').slice(UPLOAD_ENDPOINT.length + 1) || undefined;
    if (method === 'POST' && id === undefined) {
      const metadata = metadataOf(request.headers.get('upload-metadata') ?? undefined);
      await admit(principal, metadata.recordingId, request.headers.get('upload-length') ?? '');
      // A new upload of the same recording starts over: drop what an abandoned one left.
      await tus.datastore.remove(metadata.recordingId!).catch(() => undefined);
      return tus.handleWeb(request);
    }
    if ((method === 'HEAD' || method === 'PATCH') && id !== undefined) {
      await admit(principal, id);
      return tus.handleWeb(request);
    }
    throw new ProblemError(
      405,
      'method-not-allowed',
      'Uploads take POST (create), HEAD (offset) and PATCH (bytes).',
      {},
      { Allow: id === undefined ? 'POST, OPTIONS' : 'HEAD, PATCH, OPTIONS' },
    );
  }
}
