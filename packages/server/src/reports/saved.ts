import { randomUUID } from 'node:crypto';
import {
  type Actor,
  nextScheduledRun,
  REPORT_RETENTION_DAYS,
  type ReportKind,
  type ReportPeriod,
  type ReportSchedule,
  type ReportScope,
  reportPeriodAt,
  reportPeriodProblem,
  reportScope,
} from '@sightline/core/domain';
import type { Selectable } from 'kysely';
import type { Services } from '../context.js';
import type { SavedReportsTable } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import { checkReportFilters, type ReportFilters } from './filters.js';
import { type ReportRow, runReport } from './queries.js';

export type SavedReportRow = Selectable<SavedReportsTable>;

/** What a saved report is made of (the validated body of `POST /v1/reports/saved`). */
export interface SavedReportInput {
  name: string;
  kind: ReportKind;
  filters: ReportFilters;
  period: ReportPeriod;
  from?: string | undefined;
  to?: string | undefined;
  format: 'json' | 'csv';
  schedule: ReportSchedule;
  recipients: string[];
}

/** The caller's report scope, or 403: managers, and agents granted `reports.run` (MC-9). */
export async function reportScopeOf(services: Services, actor: Actor) {
  if (actor.kind !== 'staff') throw ProblemError.forbidden('Reports need a manager, or the reports right.');
  const teams = await services.teamsOf(actor.organizationId);
  const scope = reportScope(actor, teams);
  if (!scope) throw ProblemError.forbidden('Reports need a manager, or the reports right.');
  return { actor, scope, teams };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function savedReportToWire(row: SavedReportRow) {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    kind: row.kind as ReportKind,
    filters: row.filters,
    period: row.period as ReportPeriod,
    from: iso(row.period_from),
    to: iso(row.period_to),
    format: row.format as 'json' | 'csv',
    schedule: row.schedule as ReportSchedule,
    recipients: row.recipients,
    nextRunAt: iso(row.next_run_at),
    lastSentAt: iso(row.last_sent_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Saves a report for the caller, its filters checked against their scope now. */
export async function createSavedReport(
  services: Services,
  actor: Actor,
  readInput: () => SavedReportInput,
): Promise<SavedReportRow> {
  const { actor: staff, scope, teams } = await reportScopeOf(services, actor);
  if (staff.kind !== 'staff') throw ProblemError.forbidden('Reports are for staff.');
  const input = readInput();
  await checkReportFilters(services.handle.db, scope, teams, input.filters);
  const now = services.clock();
  const row = await services.handle.db
    .insertInto('saved_reports')
    .values({
      id: randomUUID(),
      organization_id: staff.organizationId,
      owner_id: staff.userId,
      name: input.name,
      kind: input.kind,
      filters: JSON.stringify(input.filters),
      period: input.period,
      period_from: input.from ?? null,
      period_to: input.to ?? null,
      format: input.format,
      schedule: input.schedule,
      recipients: JSON.stringify([...new Set(input.recipients.map((r) => r.toLowerCase()))]),
      next_run_at: input.schedule === 'none' ? null : nextScheduledRun(input.schedule, now),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

/** Saved reports the caller sees: their own; company managers see the organization's. */
export async function listSavedReports(services: Services, actor: Actor): Promise<SavedReportRow[]> {
  const { actor: staff } = await reportScopeOf(services, actor);
  if (staff.kind !== 'staff') return [];
  let q = services.handle.db
    .selectFrom('saved_reports')
    .selectAll()
    .where('organization_id', '=', staff.organizationId);
  if (staff.role !== 'company-manager') q = q.where('owner_id', '=', staff.userId);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

/** One saved report the caller sees (their own, or any for company managers), else 404. */
export async function findSavedReport(services: Services, actor: Actor, id: string): Promise<SavedReportRow> {
  const { actor: staff } = await reportScopeOf(services, actor);
  const row = await services.handle.db
    .selectFrom('saved_reports')
    .selectAll()
    .where('id', '=', id)
    .where('organization_id', '=', staff.organizationId)
    .executeTakeFirst();
  const mine = staff.kind === 'staff' && (staff.role === 'company-manager' || row?.owner_id === staff.userId);
  if (!row || !mine) throw ProblemError.notFound('No saved report with this id.');
  return row;
}

/** The instants a saved report covers when run at `now`. */
export function savedPeriod(row: SavedReportRow, now: Date): { from: Date; to: Date } {
  if (row.period === 'fixed') return { from: new Date(row.period_from!), to: new Date(row.period_to!) };
  return reportPeriodAt(row.period as Exclude<ReportPeriod, 'fixed'>, now);
}

/**
 * Runs a saved report in `scope` (the caller's, or its owner's when scheduled) at `now`; its
 * filters are checked again, since a portal, team or agent may be gone since it was saved.
 */
export async function runSavedReport(
  services: Services,
  row: SavedReportRow,
  scope: ReportScope,
  now: Date,
): Promise<{ from: Date; to: Date; rows: ReportRow[] }> {
  const teams = await services.teamsOf(row.organization_id);
  await checkReportFilters(services.handle.db, scope, teams, row.filters);
  const { from, to } = savedPeriod(row, now);
  if (reportPeriodProblem(from, to, now) === 'retention')
    throw ProblemError.unprocessable(
      'report-retention',
      `Session data is kept ${REPORT_RETENTION_DAYS} days: this saved report's fixed period reaches further back.`,
    );
  const rows = await runReport(services.handle.db, row.kind as ReportKind, {
    scope,
    from,
    to,
    portalId: row.filters.portal,
    teamId: row.filters.team,
    agentId: row.filters.agent,
    now,
  });
  return { from, to, rows };
}
