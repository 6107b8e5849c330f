import type { ReportKind, ReportScope } from '@sightline/core/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** What a report counts: sessions requested in `[from, to)`, inside the caller's scope and filters. */
export interface ReportQuery {
  scope: ReportScope;
  from: Date;
  to: Date;
  portalId?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  now: Date;
}

/** One row of a report: column → value (numbers are seconds or counts; null when nothing to average). */
export type ReportRow = Record<string, string | number | null>;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const rounded = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));
const tenths = (v: unknown): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10;

/**
 * The sessions a report counts, with what the figures need per session: the number of calls, the
 * time spent in calls (a running call counts until now), when the first call started.
 */
function scoped(q: ReportQuery): RawBuilder<unknown> {
  const cond: RawBuilder<unknown>[] = [
    sql`s.organization_id = ${q.scope.organizationId}`,
    sql`s.created_at >= ${q.from}`,
    sql`s.created_at < ${q.to}`,
  ];
  if (q.scope.teamIds)
    cond.push(q.scope.teamIds.length ? sql`s.team_id in (${sql.join(q.scope.teamIds)})` : sql`false`);
  if (q.scope.agentId) cond.push(sql`s.assignee_ids @> ${JSON.stringify([q.scope.agentId])}::jsonb`);
  if (q.portalId) cond.push(sql`s.portal_id = ${q.portalId}`);
  if (q.teamId) cond.push(sql`s.team_id = ${q.teamId}`);
  if (q.agentId) cond.push(sql`s.assignee_ids @> ${JSON.stringify([q.agentId])}::jsonb`);
  return sql`select s.id, s.portal_id, s.assignee_ids, s.status, s.created_at, s.confirmed_at,
      count(c.id) as calls,
      min(c.started_at) as first_call_at,
      coalesce(sum(extract(epoch from (coalesce(c.ended_at, ${q.now}::timestamptz) - c.started_at))), 0) as handle_seconds
    from sessions s left join calls c on c.session_id = s.id
    where ${sql.join(cond, sql` and `)}
    group by s.id`;
}

/** Per-session figures every grouping report shares. */
const FIGURES = sql`count(*) as sessions,
  count(*) filter (where scoped.status in ('completed', 'closed')) as completed,
  count(*) filter (where scoped.status = 'cancelled') as abandoned,
  avg(scoped.handle_seconds) filter (where scoped.calls > 0) as avg_handle_seconds,
  avg(extract(epoch from scoped.first_call_at - scoped.created_at)) as avg_wait_seconds,
  avg(extract(epoch from scoped.confirmed_at - scoped.created_at)) as avg_time_to_confirm_seconds`;

const figures = (r: Record<string, unknown>) => ({
  sessions: num(r.sessions),
  completed: num(r.completed),
  abandoned: num(r.abandoned),
  avgHandleSeconds: rounded(r.avg_handle_seconds),
  avgWaitSeconds: rounded(r.avg_wait_seconds),
  avgTimeToConfirmSeconds: rounded(r.avg_time_to_confirm_seconds),
});

/** Computes a report in SQL (MC-9); rows in a stable order. */
export async function runReport(
  db: Kysely<Database>,
  kind: ReportKind,
  q: ReportQuery,
): Promise<ReportRow[]> {
  const base = scoped(q);
  switch (kind) {
    case 'portal-performance': {
      const { rows } = await sql<Record<string, unknown>>`
        with scoped as (${base})
        select p.id as portal_id, p.name as portal, ${FIGURES}
        from scoped join portals p on p.id = scoped.portal_id
        group by p.id, p.name order by p.name, p.id`.execute(db);
      return rows.map((r) => ({ portalId: String(r.portal_id), portal: String(r.portal), ...figures(r) }));
    }
    case 'agent-performance': {
      // Deleted agents have no report of their own; their sessions still count for the portals.
      const { rows } = await sql<Record<string, unknown>>`
        with scoped as (${base})
        select u.id as agent_id, u.display_name as agent, ${FIGURES}
        from scoped cross join lateral jsonb_array_elements_text(scoped.assignee_ids) as a(agent_id)
          join users u on u.id = a.agent_id and u.deleted_at is null
        ${q.scope.agentId ? sql`where u.id = ${q.scope.agentId}` : sql``}
        group by u.id, u.display_name order by u.display_name, u.id`.execute(db);
      return rows.map((r) => ({ agentId: String(r.agent_id), agent: String(r.agent), ...figures(r) }));
    }
    case 'service-metrics': {
      const { rows } = await sql<Record<string, unknown>>`
        with scoped as (${base})
        select count(*) as sessions,
          count(*) filter (where calls > 0) as sessions_with_calls,
          avg(calls) filter (where calls > 0) as calls_per_session,
          avg(extract(epoch from confirmed_at - created_at)) as avg_time_to_confirm_seconds,
          percentile_cont(0.5) within group (order by extract(epoch from confirmed_at - created_at)) as p50_time_to_confirm_seconds,
          percentile_cont(0.9) within group (order by extract(epoch from confirmed_at - created_at)) as p90_time_to_confirm_seconds,
          avg(extract(epoch from first_call_at - created_at)) as avg_time_to_first_call_seconds,
          (select avg((d.summary->>'firstFrameSeconds')::float) from call_diagnostics d
             join scoped s2 on s2.id = d.session_id where d.summary ? 'firstFrameSeconds') as avg_time_to_first_frame_seconds,
          (select percentile_cont(0.5) within group (order by (d.summary->>'firstFrameSeconds')::float)
             from call_diagnostics d join scoped s2 on s2.id = d.session_id
             where d.summary ? 'firstFrameSeconds') as p50_time_to_first_frame_seconds
        from scoped`.execute(db);
      const r = rows[0] ?? {};
      return [
        {
          sessions: num(r.sessions),
          sessionsWithCalls: num(r.sessions_with_calls),
          callsPerSession:
            r.calls_per_session === null ? null : Math.round(Number(r.calls_per_session) * 100) / 100,
          avgTimeToConfirmSeconds: rounded(r.avg_time_to_confirm_seconds),
          p50TimeToConfirmSeconds: rounded(r.p50_time_to_confirm_seconds),
          p90TimeToConfirmSeconds: rounded(r.p90_time_to_confirm_seconds),
          avgTimeToFirstCallSeconds: rounded(r.avg_time_to_first_call_seconds),
          avgTimeToFirstFrameSeconds: tenths(r.avg_time_to_first_frame_seconds),
          p50TimeToFirstFrameSeconds: tenths(r.p50_time_to_first_frame_seconds),
        },
      ];
    }
    case 'customer-feedback': {
      const { rows } = await sql<Record<string, unknown>>`
        with scoped as (${base})
        select r.rater_kind, count(*) as ratings, avg(r.score) as average,
          count(*) filter (where r.score = 1) as s1, count(*) filter (where r.score = 2) as s2,
          count(*) filter (where r.score = 3) as s3, count(*) filter (where r.score = 4) as s4,
          count(*) filter (where r.score = 5) as s5,
          count(*) filter (where r.comment is not null) as comments
        from session_ratings r join scoped on scoped.id = r.session_id
        group by r.rater_kind order by r.rater_kind`.execute(db);
      return rows.map((r) => ({
        rater: String(r.rater_kind),
        ratings: num(r.ratings),
        average: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
        score1: num(r.s1),
        score2: num(r.s2),
        score3: num(r.s3),
        score4: num(r.s4),
        score5: num(r.s5),
        comments: num(r.comments),
      }));
    }
  }
}

/** A report as CSV (RFC 4180), safe to open in a spreadsheet: cells that would start a formula are quoted with a leading apostrophe. */
export function toCsv(rows: readonly ReportRow[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  const cell = (v: string | number | null) => {
    if (v === null) return '';
    let text = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? null)).join(','))].join('\r\n')}\r\n`;
}
