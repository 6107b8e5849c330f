import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  REPORT_RETENTION_DAYS,
  type reportKinds,
  reportPeriodProblem,
  reportScope,
} from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { bearer, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { checkReportFilters } from './filters.js';
import { runReport, toCsv } from './queries.js';
import { registerSavedReportRoutes } from './saved-routes.js';
import { Report, ReportKindSchema } from './schemas.js';

const ReportParams = z.object({
  kind: ReportKindSchema.openapi({ param: { name: 'kind', in: 'path' } }),
});

const ReportQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Sessions requested at or after this instant (default: 30 days before `to`).' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Sessions requested before this instant (default: now).' }),
  portal: z.string().min(1).max(200).optional().openapi({ description: 'Only sessions of this portal.' }),
  team: z.string().min(1).max(200).optional().openapi({ description: 'Only sessions held by this team.' }),
  agent: z.string().min(1).max(200).optional().openapi({ description: 'Only sessions this agent held.' }),
  format: z.enum(['json', 'csv']).optional().openapi({
    description: 'The answer as JSON (default) or CSV; `Accept: text/csv` asks for CSV as well.',
  }),
});

const getReport = createRoute({
  method: 'get',
  path: '/v1/reports/{kind}',
  operationId: 'getReport',
  tags: ['reports'],
  summary: `A report over the sessions of a period within the last ${REPORT_RETENTION_DAYS} days (MC-9)`,
  description:
    'Company managers report over the organization; team managers and agents holding the `reports.run` right over their teams, or their own sessions. Computed in SQL at request time.',
  security: bearer,
  request: { params: ReportParams, query: ReportQuery },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/json': { schema: Report }, 'text/csv': { schema: z.string() } },
    },
    ...problems(400, 401, 403, 404, 422),
  },
});

/** `GET /v1/reports/{kind}`: portal and agent performance, service metrics, customer feedback (MC-9). */
export function registerReportRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  // Literal paths (`saved`, `monthly`) before `{kind}`.
  registerSavedReportRoutes(app, services);
  app.openapi(getReport, async (c) => {
    const { actor } = c.get('principal');
    const teams = await services.teamsOf(actor.organizationId);
    const scope = reportScope(actor, teams);
    if (!scope) throw ProblemError.forbidden('Reports need a manager, or the reports right.');
    const { kind } = c.req.valid('param');
    const query = c.req.valid('query');
    const now = services.clock();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
    const problem = reportPeriodProblem(from, to, now);
    if (problem === 'order') throw ProblemError.badRequest('`from` must be before `to`.');
    if (problem === 'retention')
      throw ProblemError.unprocessable(
        'report-retention',
        `Session data is kept ${REPORT_RETENTION_DAYS} days: a report can start no earlier than ${new Date(now.getTime() - REPORT_RETENTION_DAYS * 86_400_000).toISOString()}.`,
      );
    await checkReportFilters(db, scope, teams, query);
    const rows = await runReport(db, kind as (typeof reportKinds)[number], {
      scope,
      from,
      to,
      portalId: query.portal,
      teamId: query.team,
      agentId: query.agent,
      now,
    });
    const csv =
      query.format === 'csv' ||
      (query.format === undefined && (c.req.header('accept') ?? '').includes('text/csv'));
    if (csv) {
      return c.body(toCsv(rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${kind}-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
      });
    }
    return c.json(
      { kind, from: from.toISOString(), to: to.toISOString(), retentionDays: REPORT_RETENTION_DAYS, rows },
      200,
    );
  });
}
