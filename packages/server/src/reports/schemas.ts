import { z } from '@hono/zod-openapi';
import {
  type ReportKind,
  type ReportPeriod,
  type ReportSchedule,
  reportKinds,
  reportPeriods,
  reportSchedules,
} from '@sightline/core/domain';

export const ReportKindSchema = z.enum(reportKinds as [ReportKind, ...ReportKind[]]).openapi('ReportKind');

export const Report = z
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
        'portal-performance and agent-performance: a row per portal or agent (sessions, completed, abandoned = cancelled, average handle time in calls, wait until the first call, time to confirm — seconds). service-metrics: one row (time to confirm average/p50/p90, time to the first call, time to the first video frame average/p50, calls per session). customer-feedback: a row per rater (customer, staff): count, average, each score, comments.',
    }),
  })
  .openapi('Report');

const Id = z.string().min(1).max(200);

export const ReportFiltersSchema = z
  .strictObject({
    portal: Id.optional().openapi({ description: 'Only sessions of this portal.' }),
    team: Id.optional().openapi({ description: 'Only sessions held by this team.' }),
    agent: Id.optional().openapi({ description: 'Only sessions this agent held.' }),
  })
  .openapi('ReportFilters');

const SavedReportFields = {
  name: z.string().trim().min(1).max(120),
  kind: ReportKindSchema,
  filters: ReportFiltersSchema.default({}),
  period: z.enum(reportPeriods as [ReportPeriod, ...ReportPeriod[]]).openapi({
    description:
      'Relative to each run (`last-7-days`, `last-30-days`, `previous-month` — the UTC calendar month before), or `fixed` with `from` and `to`.',
  }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Start of a `fixed` period.' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'End of a `fixed` period.' }),
  format: z
    .enum(['json', 'csv'])
    .default('csv')
    .openapi({ description: 'What a run answers and a mail attaches.' }),
  schedule: z
    .enum(reportSchedules as [ReportSchedule, ...ReportSchedule[]])
    .default('none')
    .openapi({
      description: 'Emailed as CSV: `daily` at 06:00 UTC, `weekly` on Mondays, `monthly` on the 1st.',
    }),
  recipients: z.array(z.email().max(254)).max(20).default([]).openapi({
    description: 'Who receives a scheduled report (at least one when scheduled).',
  }),
};

export const CreateSavedReportRequest = z
  .strictObject(SavedReportFields)
  .superRefine((v, ctx) => {
    if (v.period === 'fixed' && (!v.from || !v.to))
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'A fixed period needs `from` and `to`.' });
    if (v.period !== 'fixed' && (v.from || v.to))
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'Only a fixed period takes `from` and `to`.' });
    if (v.schedule !== 'none' && v.recipients.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['recipients'],
        message: 'A scheduled report needs a recipient.',
      });
  })
  .openapi('CreateSavedReportRequest');

export const SavedReportSchema = z
  .object({
    id: z.string(),
    ownerId: z.string(),
    name: z.string(),
    kind: ReportKindSchema,
    filters: ReportFiltersSchema,
    period: z.enum(reportPeriods as [ReportPeriod, ...ReportPeriod[]]),
    from: z.iso.datetime({ offset: true }).nullable(),
    to: z.iso.datetime({ offset: true }).nullable(),
    format: z.enum(['json', 'csv']),
    schedule: z.enum(reportSchedules as [ReportSchedule, ...ReportSchedule[]]),
    recipients: z.array(z.string()),
    nextRunAt: z.iso.datetime({ offset: true }).nullable(),
    lastSentAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('SavedReport');

export const SavedReportList = z.object({ items: z.array(SavedReportSchema) }).openapi('SavedReportList');

export const MonthlyReportEntry = z
  .object({
    id: z.string(),
    month: z.string().openapi({ example: '2026-11' }),
    kind: ReportKindSchema,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('MonthlyReportEntry');

export const MonthlyReportList = z
  .object({ items: z.array(MonthlyReportEntry) })
  .openapi('MonthlyReportList');
