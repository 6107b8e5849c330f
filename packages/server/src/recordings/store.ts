import type { Actor } from '@sightline/core/domain';
import { type RecordingConsentStatus, sessionVisibility, type TeamNode } from '@sightline/core/domain';
import type { Kysely, Selectable } from 'kysely';
import type { Principal, Services } from '../context.js';
import type { Database, RecordingsTable } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import { retentionExpired } from '../retention/gone.js';
import { visibilityConditions } from '../sessions/search.js';
import { loadVisibleSession } from '../sessions/service.js';
import type { SessionRow } from '../sessions/store.js';
import type { RecordingWire } from './schemas.js';

export type RecordingRow = Selectable<RecordingsTable>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A recording as the contract shows it; keys never leave through here. */
export function recordingToWire(row: RecordingRow): RecordingWire {
  if (row.status === 'purged') throw new Error(`recording ${row.id} was purged`);
  return {
    id: row.id,
    sessionId: row.session_id,
    callId: row.call_id,
    portalId: row.portal_id,
    teamId: row.team_id,
    startedBy: row.started_by,
    startedAt: new Date(row.started_at).toISOString(),
    stoppedAt: iso(row.stopped_at),
    status: row.status,
    storage: row.storage,
    mimeType: row.mime_type,
    durationMs: row.duration_ms,
    bytes: row.bytes,
    sha256: row.sha256,
    uploadedBytes: row.uploaded_bytes,
    stopReason: (row.stop_reason ?? null) as RecordingWire['stopReason'],
    protected: row.replay_key_id !== null,
    availableAt: iso(row.available_at),
  };
}

/**
 * The customer's recording consent in a session now (VS-10): the last answer recorded, else the
 * answer given with the request, else not asked.
 */
export async function recordingConsentOf(
  db: Kysely<Database>,
  session: SessionRow,
): Promise<RecordingConsentStatus> {
  const last = await db
    .selectFrom('consents')
    .select('outcome')
    .where('session_id', '=', session.id)
    .where('kind', '=', 'recording')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (last?.outcome ?? session.recording_consent ?? 'not-asked') as RecordingConsentStatus;
}

export async function findRecording(db: Kysely<Database>, organizationId: string, id: string) {
  return db
    .selectFrom('recordings')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A recording row that is not a purge's tombstone. */
export type LiveRecordingRow = RecordingRow & { status: RecordingWire['status'] };

/**
 * A recording the caller may see — the session's visibility decides: 403 inside the organization,
 * 404 from another — and that retention has not deleted (410 then, MC-14).
 */
export async function visibleRecording(
  services: Services,
  principal: Principal,
  id: string,
): Promise<{ row: LiveRecordingRow; session: SessionRow }> {
  const row = await findRecording(services.handle.db, principal.actor.organizationId, id);
  if (!row) throw ProblemError.notFound('No recording with this id.');
  const { row: session } = await loadVisibleSession(services, principal, row.session_id);
  if (row.status === 'purged') {
    throw retentionExpired(services.config.retentionDays, session.purged_at ?? new Date());
  }
  return { row: row as LiveRecordingRow, session };
}

/** Filters of a recording list (MC-10, MC-11); every given one must hold. */
export interface RecordingFilter {
  sessionId?: string | undefined;
  portalId?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[A-Za-z0-9_-]{1,200}$/.test(id)) {
    throw ProblemError.badRequest('The cursor is not valid.', [
      { path: 'query.cursor', message: 'Not a cursor' },
    ]);
  }
  return { at: date, id };
}

/**
 * Recordings of the sessions an actor may see (the domain's `sessionVisibility`, through the same
 * SQL conditions as the session list), newest first, keyset-paged on (start, id).
 */
export function visibleRecordings(
  db: Kysely<Database>,
  actor: Actor,
  teams: readonly TeamNode[],
  filter: RecordingFilter,
  cursor?: string,
) {
  const v = sessionVisibility(actor, teams);
  const after = decodeCursor(cursor);
  return db
    .selectFrom('recordings')
    .selectAll()
    .where('organization_id', '=', v.organizationId)
    .where('status', '!=', 'purged')
    .where((eb) => {
      const all = [];
      if (v.none) all.push(eb.val(false));
      all.push(
        eb(
          'session_id',
          'in',
          eb
            .selectFrom('sessions')
            .select('id')
            .where('organization_id', '=', v.organizationId)
            .where((s) => s.and(visibilityConditions(s, v))),
        ),
      );
      if (filter.sessionId) all.push(eb('session_id', '=', filter.sessionId));
      if (filter.portalId) all.push(eb('portal_id', '=', filter.portalId));
      if (filter.teamId) all.push(eb('team_id', '=', filter.teamId));
      if (filter.agentId) all.push(eb('started_by', '=', filter.agentId));
      if (filter.from) all.push(eb('started_at', '>=', new Date(filter.from)));
      if (filter.to) all.push(eb('started_at', '<', new Date(filter.to)));
      if (after) {
        all.push(
          eb.or([
            eb('started_at', '<', after.at),
            eb.and([eb('started_at', '=', after.at), eb('id', '<', after.id)]),
          ]),
        );
      }
      return eb.and(all);
    })
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc');
}

export const cursorOf = (row: RecordingRow) =>
  Buffer.from(`${new Date(row.started_at).toISOString()}|${row.id}`).toString('base64url');
