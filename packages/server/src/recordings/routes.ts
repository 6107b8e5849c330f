import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  initialRecordingState,
  mayDeleteRecording,
  mayRecordAs,
  transitionRecording,
} from '@sightline/core/domain';
import { RECORDING_CIPHER, RECORDING_SEGMENT_BYTES } from '@sightline/core/recording';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/store.js';
import { requireParticipant } from '../calls/participants.js';
import type { AppEnv, Principal, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { appendEvent, type EventType } from '../events/outbox.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { requireFeature } from '../portals/feature-context.js';
import { ProblemError } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { type SessionRow, scopeOf, sessionScope } from '../sessions/store.js';
import {
  RecordingList,
  RecordingParams,
  RecordingQuery,
  RecordingSchema,
  SessionParams,
  StartedRecording,
  StartRecordingRequest,
  StopRecordingRequest,
} from './schemas.js';
import type { RecordingStorage } from './storage.js';
import {
  cursorOf,
  type LiveRecordingRow,
  recordingConsentOf,
  recordingToWire,
  visibleRecording,
  visibleRecordings,
} from './store.js';
import { UPLOAD_ENDPOINT } from './upload.js';

const tags = ['recordings'];

const startRecording = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/recordings',
  operationId: 'startRecording',
  tags,
  summary: 'Start recording the session’s running call (VS-10)',
  description:
    'Staff taking part in the call, with recording on for them in the portal (MC-5), and only once the ' +
    'customer has consented (403 `recording-consent-required` otherwise). Answers the portal’s replay key ' +
    'to seal the recording with and where to upload it (`null` for a local-only portal, MC-12).',
  security: bearer,
  request: { params: SessionParams, body: jsonBody(StartRecordingRequest) },
  responses: {
    201: jsonResponse(StartedRecording, 'The recording, its encryption and its upload'),
    ...problems(400, 401, 403, 404, 409, 410),
  },
});

const stopRecording = createRoute({
  method: 'post',
  path: '/v1/recordings/{id}/stop',
  operationId: 'stopRecording',
  tags,
  summary: 'Finish a recording: its size, checksum and sealed data key (VS-10, MC-13)',
  description:
    'Only the staff member who records. Sending the same values again answers the same recording. ' +
    'A protected recording needs `wrappedDataKey`; an unprotected one `dataKey`.',
  security: bearer,
  request: { params: RecordingParams, body: jsonBody(StopRecordingRequest) },
  responses: {
    200: jsonResponse(RecordingSchema, 'The stopped recording'),
    ...problems(400, 401, 403, 404, 409, 410, 413),
  },
});

const listRecordings = createRoute({
  method: 'get',
  path: '/v1/recordings',
  operationId: 'listRecordings',
  tags,
  summary: 'Recordings of the sessions the caller may see, newest first (VS-15, MC-10)',
  security: bearer,
  request: { query: RecordingQuery },
  responses: { 200: jsonResponse(RecordingList, 'One page'), ...problems(400, 401, 403) },
});

const getRecording = createRoute({
  method: 'get',
  path: '/v1/recordings/{id}',
  operationId: 'getRecording',
  tags,
  summary: 'One recording (VS-15)',
  security: bearer,
  request: { params: RecordingParams },
  responses: { 200: jsonResponse(RecordingSchema, 'The recording'), ...problems(401, 403, 404, 410) },
});

const deleteRecording = createRoute({
  method: 'delete',
  path: '/v1/recordings/{id}',
  operationId: 'deleteRecording',
  tags,
  summary: 'Delete a recording and its file (company managers; team managers over the session’s team)',
  security: bearer,
  request: { params: RecordingParams },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409, 410) },
});

/**
 * Recording a session's call (VS-10, VS-15): start under consent and the portal's switches, stop with
 * the envelope, list, read and delete. Upload (tus), replay and export have their own modules.
 */
export function registerRecordingRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  blobs: BlobStore,
  storage: RecordingStorage,
): void {
  const { db } = services.handle;

  const visible = (principal: Principal, id: string) => visibleRecording(services, principal, id);

  app.openapi(startRecording, async (c) => {
    const principal = c.get('principal');
    const { row: session } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    if (!mayRecordAs(principal.actor)) throw ProblemError.forbidden('Only staff in the call record it.');
    await requireParticipant(services, principal, session, 'Only staff taking part in the call record it.');
    await requireFeature(services, principal, session, 'recording');
    const consent = await recordingConsentOf(db, session);
    const decided = transitionRecording(initialRecordingState(true, consent), { type: 'start' });
    if (!decided.ok) {
      throw new ProblemError(
        403,
        'recording-consent-required',
        'The customer has not consented to recording; ask them on the call screen first.',
      );
    }
    const { callId, mimeType } = c.req.valid('json');
    const call = await db
      .selectFrom('calls')
      .select(['id', 'ended_at'])
      .where('id', '=', callId)
      .where('session_id', '=', session.id)
      .executeTakeFirst();
    if (!call) throw ProblemError.notFound('No call with this id in this session.');
    if (call.ended_at !== null) throw ProblemError.conflict('call-ended', 'The call has ended.');
    const portal = await db
      .selectFrom('portals')
      .select('local_recordings_only')
      .where('id', '=', session.portal_id)
      .executeTakeFirstOrThrow();
    const key = await db
      .selectFrom('replay_keys')
      .select(['id', 'public_key'])
      .where('portal_id', '=', session.portal_id)
      .where('retired_at', 'is', null)
      .executeTakeFirst();
    const local = portal.local_recordings_only;
    const id = randomUUID();
    const row = await db.transaction().execute(async (trx) => {
      const running = await trx
        .selectFrom('recordings')
        .select('id')
        .where('session_id', '=', session.id)
        .where('status', '=', 'recording')
        .forUpdate()
        .executeTakeFirst();
      if (running)
        throw ProblemError.conflict('recording-running', 'A recording of this session is running.');
      const inserted = await trx
        .insertInto('recordings')
        .values({
          id,
          organization_id: session.organization_id,
          session_id: session.id,
          call_id: call.id,
          portal_id: session.portal_id,
          team_id: session.team_id,
          started_by: principal.actor.kind === 'staff' ? principal.actor.userId : '',
          started_at: services.clock(),
          status: 'recording',
          storage: local ? 'local' : 'server',
          mime_type: mimeType,
          cipher: RECORDING_CIPHER,
          replay_key_id: key?.id ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await emit(trx, session, 'recording.started', { recording: recordingToWire(inserted) });
      return inserted;
    });
    services.handle.notifier.notify();
    return c.json(
      {
        recording: recordingToWire(row),
        encryption: {
          cipher: RECORDING_CIPHER,
          segmentBytes: RECORDING_SEGMENT_BYTES,
          replayKeyId: key?.id ?? null,
          publicKey: key?.public_key ?? null,
        },
        upload: local ? null : { endpoint: UPLOAD_ENDPOINT, maxBytes: services.config.recordingMaxBytes },
      },
      201,
    );
  });

  app.openapi(stopRecording, async (c) => {
    const principal = c.get('principal');
    const { row, session } = await visible(principal, c.req.valid('param').id);
    requireRecorder(principal, row);
    const input = c.req.valid('json');
    if (input.bytes > services.config.recordingMaxBytes) {
      throw new ProblemError(
        413,
        'recording-too-large',
        `A recording is at most ${services.config.recordingMaxBytes} bytes (MC-14).`,
      );
    }
    const keyField = row.replay_key_id !== null ? 'wrappedDataKey' : 'dataKey';
    const otherField = keyField === 'dataKey' ? 'wrappedDataKey' : 'dataKey';
    if (input[keyField] === undefined || input[otherField] !== undefined) {
      throw ProblemError.badRequest('The recording’s key is missing or of the wrong kind.', [
        {
          path: `body.${keyField}`,
          message:
            keyField === 'dataKey'
              ? 'Required (the portal has no replay passphrase); do not send wrappedDataKey'
              : 'Required (the portal has a replay passphrase); do not send dataKey',
        },
      ]);
    }
    const stopped = await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('recordings')
        .selectAll()
        .where('id', '=', row.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (current.status !== 'recording') {
        const same =
          current.bytes === input.bytes &&
          current.sha256 === input.sha256 &&
          current.duration_ms === input.durationMs;
        if (same) return current;
        throw ProblemError.conflict('recording-state', 'This recording was stopped with other values.');
      }
      const updated = await trx
        .updateTable('recordings')
        .set({
          status: current.storage === 'local' ? 'local' : 'stopped',
          stopped_at: services.clock(),
          duration_ms: input.durationMs,
          bytes: input.bytes,
          sha256: input.sha256,
          stop_reason: input.reason,
          wrapped_data_key: input.wrappedDataKey ?? null,
          data_key: input.dataKey ?? null,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await emit(trx, session, 'recording.stopped', { recording: recordingToWire(updated) });
      return updated;
    });
    services.handle.notifier.notify();
    return c.json(recordingToWire(stopped), 200);
  });

  app.openapi(listRecordings, async (c) => {
    const principal = c.get('principal');
    const { cursor, limit, ...filter } = c.req.valid('query');
    const teams = await services.teamsOf(principal.actor.organizationId);
    const rows = await visibleRecordings(db, principal.actor, teams, filter, cursor)
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return c.json(
      {
        items: page.map(recordingToWire),
        nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]!) : null,
      },
      200,
    );
  });

  app.openapi(getRecording, async (c) => {
    const { row } = await visible(c.get('principal'), c.req.valid('param').id);
    return c.json(recordingToWire(row), 200);
  });

  app.openapi(deleteRecording, async (c) => {
    const principal = c.get('principal');
    const { row, session } = await visible(principal, c.req.valid('param').id);
    const teams = await services.teamsOf(session.organization_id);
    if (!mayDeleteRecording(principal.actor, sessionScope(session), teams)) {
      throw ProblemError.forbidden(
        'Only company managers and the managers of the session’s team delete recordings.',
      );
    }
    if (row.status === 'recording') {
      throw ProblemError.conflict('recording-state', 'The recording is running; stop it first.');
    }
    // The files are written down for deletion in the same transaction, so a crash before they are
    // gone leaves a list the retention job finishes.
    const keys = row.storage === 'server' ? [storage.blobKeyOf(row.id), ...storage.sideKeysOf(row.id)] : [];
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('recordings').where('id', '=', row.id).execute();
      if (keys.length > 0) {
        await trx
          .insertInto('retention_blob_deletions')
          .values(keys.map((blob_key) => ({ blob_key, created_at: services.clock() })))
          .onConflict((oc) => oc.column('blob_key').doNothing())
          .execute();
      }
      await emit(trx, session, 'recording.deleted', { recordingId: row.id });
    });
    for (const key of keys) await blobs.delete(key);
    if (keys.length > 0)
      await db.deleteFrom('retention_blob_deletions').where('blob_key', 'in', keys).execute();
    services.handle.notifier.notify();
    return c.body(null, 204);
  });

  async function emit(trx: Kysely<Database>, session: SessionRow, type: EventType, data: object) {
    await appendEvent(trx, services.handle, {
      organizationId: session.organization_id,
      type,
      sessionId: session.id,
      scope: scopeOf(session),
      data: data as Record<string, unknown>,
    });
  }
}

/** Only the staff member who records a recording finishes and uploads it. */
export function requireRecorder(principal: Principal, row: LiveRecordingRow): void {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.userId !== row.started_by) {
    throw ProblemError.forbidden('Only the staff member who made this recording may do this.');
  }
}
