import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { mayExportRecording } from '@sightline/core/domain';
import { downloadZip } from 'client-zip';
import type { BlobStore } from '../blobs/store.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { bearer, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { sessionScope } from '../sessions/store.js';
import { ExportQuery } from './schemas.js';
import { cursorOf, type LiveRecordingRow, recordingToWire, visibleRecordings } from './store.js';

const exportRecordings = createRoute({
  method: 'get',
  path: '/v1/recordings/export',
  operationId: 'exportRecordings',
  tags: ['recordings'],
  summary: 'Export recordings as one ZIP with a manifest (MC-11)',
  description:
    'Company managers export every session’s recordings, team managers their teams’ sessions (sub-teams ' +
    'included), agents the sessions assigned to them; filters as in the list. Streamed as it is read. ' +
    '`manifest.json` lists each recording with its envelope: the files stay sealed, a protected one with ' +
    'its portal’s sealed replay key, so only its replay passphrase opens it — also outside Sightline ' +
    '(docs/architecture.md, “Recording”). Local-only recordings are listed without a file.',
  security: bearer,
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The ZIP',
      content: { 'application/zip': { schema: { type: 'string', format: 'binary' } as never } },
    },
    ...problems(400, 401, 403),
  },
});

const PAGE = 200;

/** Every recording the caller may export under the filters, page by page (MC-11: `mayExportRecording`). */
async function* exportable(
  services: Services,
  principal: Principal,
  filter: Record<string, string | undefined>,
) {
  const { db } = services.handle;
  const { actor } = principal;
  const teams = await services.teamsOf(actor.organizationId);
  let cursor: string | undefined;
  for (;;) {
    const rows = (await visibleRecordings(db, actor, teams, filter, cursor)
      .limit(PAGE)
      .execute()) as LiveRecordingRow[];
    if (rows.length === 0) return;
    const sessions = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id', 'in', [...new Set(rows.map((r) => r.session_id))])
      .execute();
    const byId = new Map(sessions.map((s) => [s.id, s]));
    for (const row of rows) {
      const session = byId.get(row.session_id);
      if (session && mayExportRecording(actor, sessionScope(session), teams)) yield row;
    }
    if (rows.length < PAGE) return;
    cursor = cursorOf(rows[rows.length - 1]!);
  }
}

/** Export of recordings as a streaming ZIP (MC-11). */
export function registerRecordingExport(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  blobs: BlobStore,
): void {
  const { db } = services.handle;

  app.openapi(exportRecordings, async (c) => {
    const principal = c.get('principal');
    const { actor } = principal;
    if (actor.kind !== 'staff' || actor.role === 'api-manager') {
      throw ProblemError.forbidden('Only staff export recordings.');
    }
    // Read now, not in the stream: a refused query answers 400 before the ZIP begins.
    const filter = { ...c.req.valid('query') };
    const keys = new Map<string, unknown>();
    async function* files() {
      const manifest: unknown[] = [];
      for await (const row of exportable(services, principal, filter)) {
        let replayKey: unknown = null;
        if (row.replay_key_id !== null) {
          if (!keys.has(row.replay_key_id)) {
            const key = await db
              .selectFrom('replay_keys')
              .select(['id', 'portal_id', 'sealed_private_key', 'kdf'])
              .where('id', '=', row.replay_key_id)
              .executeTakeFirstOrThrow();
            keys.set(key.id, {
              id: key.id,
              portalId: key.portal_id,
              sealedPrivateKey: key.sealed_private_key,
              kdf: key.kdf,
            });
          }
          replayKey = row.replay_key_id;
        }
        const file = row.status === 'available' ? `recordings/${row.id}.webm.sealed` : null;
        manifest.push({
          ...recordingToWire(row),
          file,
          envelope: {
            cipher: row.cipher,
            replayKeyId: replayKey,
            wrappedDataKey: row.wrapped_data_key,
            dataKey: row.data_key,
          },
        });
        if (!file) continue;
        const stream = await blobs.get(row.blob_key ?? '');
        if (!stream) continue;
        yield {
          name: file,
          input: stream,
          size: row.bytes ?? undefined,
          lastModified: new Date(row.started_at),
        };
      }
      yield {
        name: 'manifest.json',
        lastModified: services.clock(),
        input: JSON.stringify(
          {
            exportedAt: services.clock().toISOString(),
            exportedBy: actor.kind === 'staff' ? actor.userId : null,
            filter,
            format:
              'Each file is sealed as @sightline/core/recording describes (AES-256-GCM, 64 KiB segments). ' +
              'Unwrap `wrappedDataKey` with the replay key’s private half (RSA-OAEP SHA-256), which opens with ' +
              'the portal’s replay passphrase (scrypt → AES-256-GCM over PKCS#8); `dataKey` is an unprotected key.',
            replayKeys: [...keys.values()],
            recordings: manifest,
          },
          null,
          2,
        ),
      };
    }
    const zip = downloadZip(files(), { buffersAreUTF8: true });
    const day = services.clock().toISOString().slice(0, 10);
    return new Response(zip.body, {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="sightline-recordings-${day}.zip"`,
        'Cache-Control': 'no-store',
      },
    });
  });
}
