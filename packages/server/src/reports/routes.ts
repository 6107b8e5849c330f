import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { REPORT_RETENTION_DAYS, reportKinds, reportPeriodProblem, reportScope } from '@sightline/core/domain';
import type { AppEnv, Services } from '../context.js';
import { bearer, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { runReport, toCsv } from './queries.js';

const ReportKindSchema = z.enum(reportKinds as [string, ...string[]]).openapi('ReportKind');

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

const Report = z
  .object({
    kind: ReportKindSchema,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    retentionDays: z
      .number()
      .int()
      .openapi({ description: 'How long the session data behind reports is kept.' }),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).openapi({
      description:
        'portal-performance and agent-performance: a row per portal or agent (sessions, completed, abandoned = cancelled, average handle time in calls, wait until the first call, time to confirm — seconds). service-metrics: one row (time to confirm average/p50/p90, time to the first call, calls per session). customer-feedback: a row per rater (customer, staff): count, average, each score, comments.',
    }),
  })
  .openapi('Report');

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
    // A filter naming what does not exist here (or a deleted agent) is a 404, not an empty report.
    if (query.portal) {
      const found = await db
        .selectFrom('portals')
        .select('id')
        .where('id', '=', query.portal)
        .where('organization_id', '=', scope.organizationId)
        .executeTakeFirst();
      if (!found) throw ProblemError.notFound('No such portal.');
    }
    if (query.team) {
      const found = teams.some((t) => t.id === query.team);
      if (!found || (scope.teamIds && !scope.teamIds.includes(query.team)))
        throw ProblemError.notFound('No such team in your reports.');
    }
    if (query.agent) {
      const found = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', query.agent)
        .where('organization_id', '=', scope.organizationId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!found || (scope.agentId && scope.agentId !== query.agent))
        throw ProblemError.notFound('No such agent in your reports.');
    }
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
