import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, SummariesTable } from '../db/schema.js';
import { userLabels } from '../users/labels.js';
import type { SummaryFilterInput, SummaryWire } from './schemas.js';

export type SummaryRow = Selectable<SummariesTable>;

/** A summary row with the session context lists and the viewer need. */
export interface SummaryWithContext extends SummaryRow {
  s_reason: string;
  s_ticket_links: string[];
  s_created_at: Date | string;
  s_device_id: string;
  s_team_id: string | null;
  s_assignee_ids: string[];
  s_completed_at: Date | string | null;
  portal_id: string;
  portal_name: string;
  device_name: string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

/** The visibility scope of a summary's session (the domain's `SessionScope`). */
export function summaryScope(row: SummaryWithContext) {
  return {
    organizationId: row.organization_id,
    deviceId: row.s_device_id,
    teamId: row.s_team_id,
    assigneeIds: row.s_assignee_ids,
    portalId: row.portal_id,
    id: row.session_id,
  };
}

/** Summaries joined with their session, portal and device. */
export function summariesQuery(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom('summaries as m')
    .innerJoin('sessions as s', 's.id', 'm.session_id')
    .innerJoin('portals as p', 'p.id', 's.portal_id')
    .innerJoin('devices as d', 'd.id', 's.device_id')
    .selectAll('m')
    .select([
      's.reason as s_reason',
      's.ticket_links as s_ticket_links',
      's.created_at as s_created_at',
      's.device_id as s_device_id',
      's.team_id as s_team_id',
      's.assignee_ids as s_assignee_ids',
      'p.id as portal_id',
      'p.name as portal_name',
      'd.name as device_name',
      // When the session completed: the end of its last call.
      sql<Date | null>`(select max(c.ended_at) from calls c where c.session_id = s.id)`.as('s_completed_at'),
    ])
    .where('m.organization_id', '=', organizationId);
}

/** The wire shape; user labels (agents, editor) come from one lookup for a whole page. */
export async function summariesToWire(
  db: Kysely<Database>,
  organizationId: string,
  rows: readonly SummaryWithContext[],
  allowed: SummaryWire['allowed'] = [],
): Promise<SummaryWire[]> {
  const ids = [...new Set(rows.flatMap((r) => [...r.s_assignee_ids, ...(r.edited_by ? [r.edited_by] : [])]))];
  const labels = new Map((ids.length ? await userLabels(db, organizationId, ids) : []).map((l) => [l.id, l]));
  const tokenIds = [
    ...new Set(rows.flatMap((r) => (r.edited_by_integration ? [r.edited_by_integration] : []))),
  ];
  const tokens = new Map(
    (tokenIds.length
      ? await db
          .selectFrom('integration_tokens')
          .select(['id', 'name', 'revoked_at'])
          .where('organization_id', '=', organizationId)
          .where('id', 'in', tokenIds)
          .execute()
      : []
    ).map((t) => [t.id, t]),
  );
  /** An edit from a host app shows the integration token's name (SI-12). */
  const editor = (r: SummaryWithContext) => {
    const token = r.edited_by_integration ? tokens.get(r.edited_by_integration) : undefined;
    if (token)
      return {
        id: `integration:${token.id}`,
        displayName: token.name,
        ...(token.revoked_at ? { deleted: true } : {}),
      };
    return r.edited_by ? person(r.edited_by) : null;
  };
  const person = (id: string) => {
    const l = labels.get(id);
    return l
      ? { id, displayName: l.displayName, ...(l.deleted ? { deleted: true } : {}) }
      : { id, displayName: '', deleted: true };
  };
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.session_id,
    status: r.status,
    reason: r.reason,
    title: r.title,
    problem: r.problem,
    steps: r.steps,
    resolution: r.resolution,
    followUps: r.follow_ups,
    issueType: r.issue_type as SummaryWire['issueType'],
    applications: r.applications,
    devices: r.devices,
    language: r.language as SummaryWire['language'],
    summarizer: r.summarizer,
    editedBy: editor(r),
    editedAt: iso(r.edited_at),
    session: {
      reason: r.s_reason,
      ticketLinks: r.s_ticket_links,
      portal: { id: r.portal_id, name: r.portal_name },
      device: { id: r.s_device_id, name: r.device_name },
      agents: r.s_assignee_ids.map(person),
      requestedAt: iso(r.s_created_at) as string,
      completedAt: iso(r.s_completed_at),
    },
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
    allowed,
  }));
}

/** Keyset cursor: the last item's creation time and id. */
export function encodeCursor(row: Pick<SummaryRow, 'created_at' | 'id'>): string {
  return Buffer.from(`${new Date(row.created_at).toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: string; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at))) return undefined;
  return { at, id };
}

/** The filters of `GET /v1/summaries` and its overview, applied in SQL (SI-7, SI-9). */
export function applyFilters(query: ReturnType<typeof summariesQuery>, f: SummaryFilterInput) {
  let q = query.where('m.status', '=', 'ready').where('m.deleted_at', 'is', null);
  if (f.issueType) q = q.where('m.issue_type', '=', f.issueType);
  if (f.portal) q = q.where('s.portal_id', '=', f.portal);
  if (f.ticket) q = q.where(sql<boolean>`s.ticket_links @> ${JSON.stringify([f.ticket])}::jsonb`);
  if (f.agent) q = q.where(sql<boolean>`s.assignee_ids @> ${JSON.stringify([f.agent])}::jsonb`);
  if (f.application) {
    const app = f.application.toLowerCase();
    q = q.where(
      sql<boolean>`exists (select 1 from jsonb_array_elements_text(m.applications) a where lower(a) = ${app})`,
    );
  }
  if (f.from) q = q.where('m.created_at', '>=', new Date(f.from));
  if (f.to) q = q.where('m.created_at', '<', new Date(f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<boolean>`(m.title ilike ${like} or m.problem ilike ${like} or m.resolution ilike ${like} or m.steps::text ilike ${like})`,
    );
  }
  return q;
}
