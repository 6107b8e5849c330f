import type { SessionState, TeamNode } from '@sightline/core/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import type { CallsTable, Database, SessionsTable } from '../db/schema.js';
import { versionEtag } from '../http/etag.js';
import type { SessionWire } from './schemas.js';

export type SessionRow = Selectable<SessionsTable>;
/**
 * A session row as the server writes it: every column but `seq` (the list order the database
 * assigns, never on the wire). What a new session is known by before its COMMIT.
 */
export type WrittenSessionRow = Omit<SessionRow, 'seq'>;
export type CallRow = Selectable<CallsTable>;

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire form of a call row. */
export function callToWire(call: CallRow): SessionWire['calls'][number] {
  return {
    id: call.id,
    sessionId: call.session_id,
    startedAt: iso(call.started_at),
    ...(call.ended_at ? { endedAt: iso(call.ended_at), endReason: call.end_reason ?? 'hung-up' } : {}),
    transport: call.transport === 'livekit' ? 'livekit' : 'p2p',
  };
}

/** The wire form of a session row and its calls. */
export function sessionToWire(row: WrittenSessionRow, calls: readonly CallRow[]): SessionWire {
  return {
    id: row.id,
    organizationId: row.organization_id,
    portalId: row.portal_id,
    deviceId: row.device_id,
    teamId: row.team_id,
    assigneeIds: row.assignee_ids,
    status: row.status as SessionWire['status'],
    reason: row.reason,
    ticketLinks: row.ticket_links,
    requestedBy:
      row.created_by_kind === 'customer'
        ? { kind: 'customer', deviceId: row.created_by_id }
        : { kind: 'staff', userId: row.created_by_id },
    ...(row.recording_consent === 'granted' || row.recording_consent === 'denied'
      ? { recordingConsent: row.recording_consent }
      : {}),
    ...(row.cancel_reason ? { cancelReason: row.cancel_reason } : {}),
    ...(row.queued_until ? { queuedUntil: iso(row.queued_until) } : {}),
    ...(row.purged_at ? { dataPurgedAt: iso(row.purged_at) } : {}),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    calls: calls.map(callToWire),
  };
}

/** What the domain rules need to know about a session. */
export function sessionState(row: SessionRow, calls: readonly CallRow[]): SessionState {
  return {
    organizationId: row.organization_id,
    deviceId: row.device_id,
    teamId: row.team_id,
    assigneeIds: row.assignee_ids,
    status: row.status as SessionState['status'],
    activeCallIds: calls.filter((c) => !c.ended_at).map((c) => c.id),
  };
}

/** The parts of a session row that decide who may see it. */
export function sessionScope(row: WrittenSessionRow) {
  return {
    organizationId: row.organization_id,
    deviceId: row.device_id,
    teamId: row.team_id,
    assigneeIds: row.assignee_ids,
    portalId: row.portal_id,
    id: row.id,
  };
}

/** The visibility scope stored with each outbox event. */
export function scopeOf(row: WrittenSessionRow) {
  return {
    deviceId: row.device_id,
    teamId: row.team_id,
    assigneeIds: [...row.assignee_ids],
    portalId: row.portal_id,
  };
}

/** A session of an organization, optionally locked for update, or `undefined`. */
export async function findSession(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
  forUpdate = false,
): Promise<SessionRow | undefined> {
  let query = db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('organization_id', '=', organizationId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * A session with its calls and its organization's team tree in one round trip: the hot path of
 * every session read (calls and teams come back as JSON aggregates).
 */
export async function findSessionBundle(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<{ row: SessionRow; calls: CallRow[]; teams: TeamNode[] } | undefined> {
  const found = await db
    .selectFrom('sessions')
    .selectAll('sessions')
    .select([
      sql<
        CallRow[] | null
      >`(select json_agg(c order by c.started_at, c.id) from calls c where c.session_id = sessions.id)`.as(
        'bundle_calls',
      ),
      sql<
        TeamNode[] | null
      >`(select json_agg(json_build_object('id', t.id, 'parentId', t.parent_id)) from teams t
        where t.organization_id = sessions.organization_id)`.as('bundle_teams'),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!found) return undefined;
  const { bundle_calls, bundle_teams, ...row } = found;
  const calls = (bundle_calls ?? []).map((c) => ({
    ...c,
    started_at: new Date(c.started_at),
    ended_at: c.ended_at ? new Date(c.ended_at) : null,
  }));
  return { row, calls, teams: bundle_teams ?? [] };
}

/** What a session bundle is read from: a write to any of them expires cached bundles. */
const BUNDLE_TABLES = ['sessions', 'calls', 'teams'] as const;

/**
 * {@link findSessionBundle} from the read cache while no session, call or team has been written
 * since (the hot path of session reads, issue 13). Frozen: every request holding it shares it.
 */
export function cachedSessionBundle(
  handle: Pick<DatabaseHandle, 'db' | 'cache'>,
  organizationId: string,
  id: string,
): ReturnType<typeof findSessionBundle> {
  return handle.cache.get(`session:${organizationId}:${id}`, BUNDLE_TABLES, async () => {
    const bundle = await findSessionBundle(handle.db, organizationId, id);
    if (!bundle) return bundle;
    Object.freeze(bundle.row);
    for (const list of [bundle.calls, bundle.teams]) {
      for (const item of list) Object.freeze(item);
      Object.freeze(list);
    }
    return Object.freeze(bundle);
  });
}

/** Calls of the given sessions, oldest first. */
export async function callsOf(db: Kysely<Database>, sessionIds: readonly string[]): Promise<CallRow[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('calls')
    .selectAll()
    .where('session_id', 'in', sessionIds)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

/** Strong ETag of a session version. */
export function etagOf(row: Pick<SessionRow, 'id' | 'version'>): string {
  return versionEtag(row.version);
}
