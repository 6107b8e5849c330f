import { z } from '@hono/zod-openapi';
import { type IssueType, issueTypes, type SummaryLanguage, summaryLanguages } from '@sightline/core/domain';

const Instant = z.iso.datetime({ offset: true });
const IssueTypeSchema = z.enum(issueTypes as [IssueType, ...IssueType[]]).openapi({ description: 'SI-9' });
const Text = (max: number) => z.string().trim().min(1).max(max);

const Person = z.object({ id: z.string(), displayName: z.string(), deleted: z.boolean().optional() });

export const SummaryStatus = z.enum(['generating', 'ready', 'skipped', 'failed']);

export const SummarySchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    status: SummaryStatus,
    reason: z.string().nullable().openapi({
      description:
        'Why no summary was made (`skipped`/`failed`): a reason of the summary decision (e.g. `customer-denied`) or `customer-no-answer`, `no-credits`, `generation-failed`.',
    }),
    title: z.string().nullable(),
    problem: z.string().nullable(),
    steps: z.array(z.string()),
    resolution: z.string().nullable(),
    followUps: z.array(z.string()),
    issueType: IssueTypeSchema.nullable(),
    applications: z.array(z.string()).openapi({ description: 'Applications involved (SI-9).' }),
    devices: z.array(z.string()).openapi({ description: 'Devices involved (SI-9).' }),
    language: z.enum(summaryLanguages as [SummaryLanguage, ...SummaryLanguage[]]).nullable(),
    summarizer: z
      .string()
      .nullable()
      .openapi({ description: 'What wrote it: `builtin` or `openai:<model>`.' }),
    editedBy: Person.nullable(),
    editedAt: Instant.nullable(),
    session: z.object({
      reason: z.string(),
      ticketLinks: z.array(z.string()),
      portal: z.object({ id: z.string(), name: z.string() }),
      device: z.object({ id: z.string(), name: z.string() }),
      agents: z.array(Person),
      requestedAt: Instant,
      completedAt: Instant.nullable().openapi({ description: 'When its last call ended.' }),
    }),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
    allowed: z
      .array(z.enum(['summaries.edit', 'summaries.delete', 'summaries.export']))
      .openapi({ description: 'What the caller may do with it besides reading (SI-5).' }),
  })
  .openapi('Summary');
export type SummaryWire = z.infer<typeof SummarySchema>;

export const SummaryList = z
  .object({
    items: z.array(SummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `cursor` for the next page; null at the end.' }),
  })
  .openapi('SummaryList');

const Count = z.object({ key: z.string(), count: z.number().int() });
export const SummaryOverview = z
  .object({
    total: z.number().int(),
    issueTypes: z.array(Count).openapi({ description: 'Summaries per issue type, most first.' }),
    applications: z.array(Count).openapi({ description: 'Summaries naming each application, most first.' }),
  })
  .openapi('SummaryOverview');

export const SessionSummary = z
  .object({
    state: z
      .enum(['not-applicable', 'pending', 'generating', 'ready', 'skipped', 'failed', 'deleted'])
      .openapi({
        description:
          '`not-applicable`: the session has not completed yet; `pending`: queued; `generating`: being written; `deleted`: someone deleted it.',
      }),
    reason: z.string().nullable(),
    // A union, not .nullable(): a nullable reference would be `allOf: [$ref, {type: [object, null]}]`,
    // which no null satisfies.
    summary: z.union([SummarySchema, z.null()]),
  })
  .openapi('SessionSummary');

export const SummaryPatch = z
  .strictObject({
    title: Text(200).optional(),
    problem: Text(4000).optional(),
    steps: z.array(Text(1000)).max(50).optional(),
    resolution: Text(4000).optional(),
    followUps: z.array(Text(1000)).max(50).optional(),
    issueType: IssueTypeSchema.optional(),
    applications: z.array(Text(100)).max(30).optional(),
    devices: z.array(Text(100)).max(30).optional(),
  })
  .openapi('SummaryPatch');
export type SummaryPatchInput = z.infer<typeof SummaryPatch>;

export const SummaryFilters = z.object({
  issueType: IssueTypeSchema.optional(),
  application: z.string().max(100).optional(),
  agent: z.string().max(200).optional(),
  portal: z.string().max(200).optional(),
  from: Instant.optional().openapi({ description: 'Made at or after.' }),
  to: Instant.optional().openapi({ description: 'Made before.' }),
  q: z.string().max(200).optional().openapi({ description: 'Text in title, problem, steps or resolution.' }),
  ticket: z.string().min(1).max(2000).optional().openapi({
    description:
      'Only sessions linking this ticket (exactly one of its `ticketLinks`), as a CRM finds them (SI-12).',
  }),
});
export type SummaryFilterInput = z.infer<typeof SummaryFilters>;

export const SummaryListQuery = SummaryFilters.extend({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const SummaryIdParams = z.object({ id: z.string().min(1).max(200) });
export const ExportQuery = z.object({ format: z.enum(['md', 'json', 'pdf']).default('md') });
