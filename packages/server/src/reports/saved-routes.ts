import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { REPORT_RETENTION_DAYS, type ReportKind } from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { type ReportRow, toCsv } from './queries.js';
import {
  createSavedReport,
  findSavedReport,
  listSavedReports,
  reportScopeOf,
  runSavedReport,
  savedReportToWire,
} from './saved.js';
import {
  CreateSavedReportRequest,
  MonthlyReportList,
  Report,
  SavedReportList,
  SavedReportSchema,
} from './schemas.js';

const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const FormatQuery = z.object({
  format: z.enum(['json', 'csv']).optional().openapi({
    description:
      'JSON or CSV; default: the saved report’s format (monthly: JSON, or CSV on `Accept: text/csv`).',
  }),
});
const reportContent = {
  description: 'The report',
  content: { 'application/json': { schema: Report }, 'text/csv': { schema: z.string() } },
};

const listSaved = createRoute({
  method: 'get',
  path: '/v1/reports/saved',
  operationId: 'listSavedReports',
  tags: ['reports'],
  summary: 'Saved reports: the caller’s own; company managers see the organization’s (MC-9)',
  security: bearer,
  responses: { 200: jsonResponse(SavedReportList, 'Newest first'), ...problems(401, 403) },
});

const createSaved = createRoute({
  method: 'post',
  path: '/v1/reports/saved',
  operationId: 'createSavedReport',
  tags: ['reports'],
  summary: 'Save a report, optionally emailed on a schedule (MC-9)',
  security: bearer,
  request: { body: jsonBody(CreateSavedReportRequest) },
  responses: { 201: jsonResponse(SavedReportSchema, 'The saved report'), ...problems(400, 401, 403, 404) },
});

const deleteSaved = createRoute({
  method: 'delete',
  path: '/v1/reports/saved/{id}',
  operationId: 'deleteSavedReport',
  tags: ['reports'],
  summary: 'Delete a saved report (its owner, or a company manager)',
  security: bearer,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
});

const runSaved = createRoute({
  method: 'get',
  path: '/v1/reports/saved/{id}/run',
  operationId: 'runSavedReport',
  tags: ['reports'],
  summary: 'Run a saved report now, over its period as of now',
  security: bearer,
  request: { params: IdParams, query: FormatQuery },
  responses: { 200: reportContent, ...problems(400, 401, 403, 404, 422) },
});

const listMonthly = createRoute({
  method: 'get',
  path: '/v1/reports/monthly',
  operationId: 'listMonthlyReports',
  tags: ['reports'],
  summary: 'Monthly reports of the last year, made on the first of each month (company managers)',
  security: bearer,
  responses: { 200: jsonResponse(MonthlyReportList, 'Newest month first'), ...problems(401, 403) },
});

const getMonthly = createRoute({
  method: 'get',
  path: '/v1/reports/monthly/{id}',
  operationId: 'getMonthlyReport',
  tags: ['reports'],
  summary: 'One monthly report, as JSON or CSV',
  security: bearer,
  request: { params: IdParams, query: FormatQuery },
  responses: { 200: reportContent, ...problems(400, 401, 403, 404) },
});

type Answer = { kind: string; from: Date; to: Date; rows: ReportRow[]; csv: boolean };

/** Saved and monthly reports (MC-9); registered before `/v1/reports/{kind}`. */
export function registerSavedReportRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  const answer = (c: Parameters<Parameters<typeof app.openapi>[1]>[0], a: Answer) => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    if (a.csv) {
      return c.body(toCsv(a.rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${a.kind}-${day(a.from)}-${day(a.to)}.csv"`,
      });
    }
    return c.json(
      {
        kind: a.kind as ReportKind,
        from: a.from.toISOString(),
        to: a.to.toISOString(),
        retentionDays: REPORT_RETENTION_DAYS,
        rows: a.rows,
      },
      200,
    );
  };

  app.openapi(listSaved, async (c) => {
    const rows = await listSavedReports(services, c.get('principal').actor);
    return c.json({ items: rows.map(savedReportToWire) }, 200);
  });

  app.openapi(createSaved, async (c) => {
    const row = await createSavedReport(services, c.get('principal').actor, () => c.req.valid('json'));
    return c.json(savedReportToWire(row), 201, { Location: `/v1/reports/saved/${row.id}` });
  });

  app.openapi(deleteSaved, async (c) => {
    const row = await findSavedReport(services, c.get('principal').actor, c.req.valid('param').id);
    await db.deleteFrom('saved_reports').where('id', '=', row.id).execute();
    return c.body(null, 204);
  });

  app.openapi(runSaved, async (c) => {
    const { actor } = c.get('principal');
    const row = await findSavedReport(services, actor, c.req.valid('param').id);
    const { scope } = await reportScopeOf(services, actor);
    const report = await runSavedReport(services, row, scope, services.clock());
    const format = c.req.valid('query').format ?? row.format;
    return answer(c, { kind: row.kind, ...report, csv: format === 'csv' });
  });

  const companyManager = (actor: AppEnv['Variables']['principal']['actor']) => {
    if (actor.kind !== 'staff' || actor.role !== 'company-manager')
      throw ProblemError.forbidden('Monthly reports cover the organization: company managers see them.');
    return actor;
  };

  app.openapi(listMonthly, async (c) => {
    const actor = companyManager(c.get('principal').actor);
    const rows = await db
      .selectFrom('monthly_reports')
      .select(['id', 'month', 'kind', 'period_from', 'period_to', 'created_at'])
      .where('organization_id', '=', actor.organizationId)
      .orderBy('month', 'desc')
      .orderBy('kind')
      .execute();
    const items = rows.map((r) => ({
      id: r.id,
      month: r.month,
      kind: r.kind as ReportKind,
      from: new Date(r.period_from).toISOString(),
      to: new Date(r.period_to).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
    }));
    return c.json({ items }, 200);
  });

  app.openapi(getMonthly, async (c) => {
    const actor = companyManager(c.get('principal').actor);
    const row = await db
      .selectFrom('monthly_reports')
      .selectAll()
      .where('id', '=', c.req.valid('param').id)
      .where('organization_id', '=', actor.organizationId)
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No monthly report with this id.');
    const format = c.req.valid('query').format;
    const csv =
      format === 'csv' || (format === undefined && (c.req.header('accept') ?? '').includes('text/csv'));
    const from = new Date(row.period_from);
    const to = new Date(row.period_to);
    return answer(c, { kind: row.kind, from, to, rows: row.rows, csv });
  });
}
