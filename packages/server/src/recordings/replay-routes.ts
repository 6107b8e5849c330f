import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { RECORDING_CIPHER, RECORDING_SEGMENT_BYTES } from '@sightline/core/recording';
import type { BlobStore } from '../blobs/store.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { clientIp } from '../http/client-ip.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { unlockReplayKey, unwrapDataKey } from './keys.js';
import { RecordingParams, ReplayGrant, ReplayRequest } from './schemas.js';
import { type LiveRecordingRow, visibleRecording } from './store.js';

const tags = ['recordings'];

const replayRecording = createRoute({
  method: 'post',
  path: '/v1/recordings/{id}/replay',
  operationId: 'replayRecording',
  tags,
  summary: 'Unlock a recording for replay with the portal’s replay passphrase (VS-15, MC-13)',
  description:
    'Anyone who may see the session (the customer their own). A protected recording needs the passphrase ' +
    'that protected it: the server derives the key, unseals the portal’s replay key in memory, unwraps the ' +
    'recording’s data key and hands it out; none of them is stored. Wrong guesses are counted like ' +
    'sign-ins (429 with Retry-After once over the limit). The player then reads `contentUrl` and opens the ' +
    'segments itself (`@sightline/core/recording`).',
  security: bearer,
  request: { params: RecordingParams, body: jsonBody(ReplayRequest) },
  responses: {
    200: jsonResponse(ReplayGrant, 'The data key and where the sealed file is'),
    ...problems(400, 401, 403, 404, 409, 410, 429),
  },
});

const recordingContent = createRoute({
  method: 'get',
  path: '/v1/recordings/{id}/content',
  operationId: 'getRecordingContent',
  tags,
  summary: 'The recording’s sealed file (byte ranges allowed); open it with the replay’s data key',
  security: bearer,
  request: { params: RecordingParams },
  responses: {
    200: {
      description: 'The sealed file',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } as never } },
    },
    206: {
      description: 'The range asked for',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } as never } },
    },
    ...problems(401, 403, 404, 409, 410, 416),
  },
});

/** Replaying recordings (VS-15, MC-13): the data key for the passphrase, and the sealed bytes. */
export function registerReplayRoutes(app: OpenAPIHono<AppEnv>, services: Services, blobs: BlobStore): void {
  const { db } = services.handle;

  async function available(principal: Principal, id: string): Promise<LiveRecordingRow> {
    const { row } = await visibleRecording(services, principal, id);
    if (row.storage === 'local') {
      throw new ProblemError(
        403,
        'recording-local-only',
        'This recording was kept on the recording staff member’s machine and never uploaded (MC-12).',
      );
    }
    if (row.status !== 'available') {
      throw ProblemError.conflict('recording-state', 'This recording has not been uploaded completely yet.');
    }
    return row;
  }

  app.openapi(replayRecording, async (c) => {
    const principal = c.get('principal');
    const row = await available(principal, c.req.valid('param').id);
    const { passphrase } = c.req.valid('json');
    let dataKey: Buffer | undefined;
    if (row.replay_key_id === null) {
      dataKey = Buffer.from(row.data_key ?? '', 'base64');
    } else {
      if (passphrase === undefined) {
        throw ProblemError.badRequest('This recording is protected by the portal’s replay passphrase.', [
          { path: 'body.passphrase', message: 'Required' },
        ]);
      }
      const key = await db
        .selectFrom('replay_keys')
        .select(['sealed_private_key', 'kdf'])
        .where('id', '=', row.replay_key_id)
        .executeTakeFirstOrThrow();
      // Guesses count like sign-ins: per client network and key, and per organization.
      const attempt = await services.signIns.admit({
        kind: 'replay-passphrase',
        clientAddress: clientIp(c),
        identifier: row.replay_key_id,
        organizationId: row.organization_id,
        subject: `replay-key:${row.replay_key_id}`,
      });
      const privateKey = await unlockReplayKey(
        { sealedPrivateKey: key.sealed_private_key, kdf: key.kdf },
        passphrase,
      );
      if (!privateKey) {
        await services.signIns.failed(attempt);
        throw new ProblemError(403, 'wrong-passphrase', 'The replay passphrase is wrong.');
      }
      await services.signIns.succeeded(attempt);
      dataKey = unwrapDataKey(privateKey, row.wrapped_data_key ?? '');
    }
    if (dataKey?.length !== 32) {
      throw ProblemError.conflict(
        'recording-state',
        'This recording’s key is damaged; it cannot be replayed.',
      );
    }
    return c.json(
      {
        dataKey: dataKey.toString('base64'),
        cipher: RECORDING_CIPHER,
        segmentBytes: RECORDING_SEGMENT_BYTES,
        contentUrl: `/v1/recordings/${row.id}/content`,
        mimeType: row.mime_type,
        bytes: row.bytes ?? 0,
        sha256: row.sha256,
      },
      200,
      { 'Cache-Control': 'no-store' },
    );
  });

  app.openapi(recordingContent, async (c) => {
    const row = await available(c.get('principal'), c.req.valid('param').id);
    const size = row.bytes ?? 0;
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': 'bytes',
      ETag: `"${row.id}"`,
      'Cache-Control': 'private, max-age=31536000, immutable',
    };
    const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header('range') ?? '');
    let start = 0;
    let end = size - 1;
    if (range && (range[1] || range[2])) {
      start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(size - 1, Number(range[2])) : size - 1;
      if (start > end || start >= size) {
        throw new ProblemError(
          416,
          'range-not-satisfiable',
          `The file has ${size} bytes.`,
          {},
          {
            'Content-Range': `bytes */${size}`,
          },
        );
      }
    }
    const stream = await blobs.getRange(row.blob_key ?? '', start, end);
    if (!stream) throw ProblemError.notFound('The file of this recording is missing.');
    const partial = start !== 0 || end !== size - 1;
    return c.body(stream, partial ? 206 : 200, {
      ...headers,
      'Content-Length': String(end - start + 1),
      ...(partial ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
  });
}
