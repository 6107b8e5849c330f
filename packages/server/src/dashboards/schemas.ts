import { z } from '@hono/zod-openapi';
import { DASHBOARD_MAX_MONITORS, DASHBOARD_MAX_SHARES, serviceLevelPeriods } from '@sightline/core/domain';
import { PresenceStatusSchema } from '../presence/schemas.js';

const Id = z.string().min(1).max(200);
const Title = z
  .string()
  .trim()
  .max(120)
  .optional()
  .openapi({ description: 'Shown instead of the type’s name.' });
const MonitorId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .openapi({ description: 'Stable id within the dashboard; given by the server when left out.' });
const PortalFilter = Id.nullable()
  .optional()
  .openapi({ description: 'Only this portal’s requests and sessions.' });
const TeamFilter = Id.nullable()
  .optional()
  .openapi({ description: 'Only this team’s (not the teams below it).' });

export const MonitorSchema = z
  .discriminatedUnion('type', [
    z
      .strictObject({
        type: z.literal('incoming'),
        id: MonitorId,
        title: Title,
        portalId: PortalFilter,
        teamId: TeamFilter,
      })
      .openapi('IncomingMonitor', { description: 'Requests waiting for staff, newest first.' }),
    z
      .strictObject({ type: z.literal('agents'), id: MonitorId, title: Title, teamId: TeamFilter })
      .openapi('AgentsMonitor', { description: 'Agents with their presence and current session.' }),
    z
      .strictObject({
        type: z.literal('queues'),
        id: MonitorId,
        title: Title,
        groupBy: z.enum(['portal', 'team']).default('portal'),
        portalId: PortalFilter,
        teamId: TeamFilter,
      })
      .openapi('QueuesMonitor', { description: 'Waiting requests and their wait, per portal or per team.' }),
    z
      .strictObject({
        type: z.literal('active-sessions'),
        id: MonitorId,
        title: Title,
        portalId: PortalFilter,
        teamId: TeamFilter,
      })
      .openapi('ActiveSessionsMonitor', {
        description: 'Sessions whose call runs (silent monitoring starts here).',
      }),
    z
      .strictObject({
        type: z.literal('service-level'),
        id: MonitorId,
        title: Title,
        period: z.enum(serviceLevelPeriods).default('today'),
        thresholdSeconds: z.number().int().min(5).max(86_400).default(60),
        portalId: PortalFilter,
        teamId: TeamFilter,
      })
      .openapi('ServiceLevelMonitor', {
        description:
          'Share of requests confirmed within the threshold over the period (hour, today UTC, week).',
      }),
  ])
  .openapi('Monitor');

const Monitors = z.array(MonitorSchema).max(DASHBOARD_MAX_MONITORS);
const SharedWith = z
  .array(Id)
  .max(DASHBOARD_MAX_SHARES)
  .openapi({ description: 'Managers (company or team managers) of the organization who may view it.' });

export const DashboardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    owner: z.object({ id: z.string(), displayName: z.string() }),
    monitors: z.array(MonitorSchema),
    sharedWith: z.array(z.string()),
    sharedWithOrganization: z
      .boolean()
      .openapi({ description: 'Every manager of the organization may view it.' }),
    access: z
      .enum(['own', 'view'])
      .openapi({ description: '`own`: the caller edits it; `view`: shared with them.' }),
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Dashboard');

export const DashboardList = z.object({ items: z.array(DashboardSchema) }).openapi('DashboardList');

export const CreateDashboardRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    monitors: Monitors.default([]),
    sharedWith: SharedWith.default([]),
    sharedWithOrganization: z.boolean().default(false),
  })
  .openapi('CreateDashboardRequest');

export const PatchDashboardRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(120).optional(),
    monitors: Monitors.optional(),
    sharedWith: SharedWith.optional(),
    sharedWithOrganization: z.boolean().optional(),
  })
  .openapi('PatchDashboardRequest');

export const DashboardParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const DashboardIfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the dashboard as last read; a stale one is refused with 412.',
  }),
});

const Named = { name: z.string().nullable() };
const Waiting = z.object({
  sessionId: z.string(),
  reason: z.string(),
  portalId: z.string(),
  portalName: Named.name,
  teamId: z.string().nullable(),
  teamName: Named.name,
  requestedAt: z.iso.datetime({ offset: true }),
  queuedUntil: z.iso.datetime({ offset: true }).nullable(),
});

export const MonitorDataSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('incoming'),
      id: z.string(),
      waiting: z.number().int(),
      items: z.array(Waiting).openapi({ description: 'Newest first, at most 50.' }),
    }),
    z.object({
      type: z.literal('agents'),
      id: z.string(),
      counts: z.record(PresenceStatusSchema, z.number().int()),
      items: z.array(
        z.object({
          userId: z.string(),
          displayName: z.string(),
          teamId: z.string().nullable(),
          teamName: Named.name,
          status: PresenceStatusSchema,
          since: z.iso.datetime({ offset: true }).nullable(),
          sessionId: z
            .string()
            .nullable()
            .openapi({ description: 'The session in the agent’s running call.' }),
        }),
      ),
    }),
    z.object({
      type: z.literal('queues'),
      id: z.string(),
      groupBy: z.enum(['portal', 'team']),
      items: z.array(
        z.object({
          key: z.string().nullable().openapi({ description: 'Portal or team id; null: not held by a team.' }),
          name: Named.name,
          waiting: z.number().int(),
          oldestRequestedAt: z.iso.datetime({ offset: true }).nullable(),
        }),
      ),
    }),
    z.object({
      type: z.literal('active-sessions'),
      id: z.string(),
      items: z.array(
        z.object({
          sessionId: z.string(),
          reason: z.string(),
          portalId: z.string(),
          portalName: Named.name,
          teamId: z.string().nullable(),
          teamName: Named.name,
          agents: z.array(z.object({ id: z.string(), displayName: z.string() })),
          callId: z.string().nullable(),
          transport: z.string().nullable(),
          callStartedAt: z.iso.datetime({ offset: true }).nullable(),
        }),
      ),
    }),
    z.object({
      type: z.literal('service-level'),
      id: z.string(),
      period: z.enum(serviceLevelPeriods),
      thresholdSeconds: z.number().int(),
      from: z.iso.datetime({ offset: true }),
      met: z.number().int(),
      missed: z.number().int(),
      pending: z.number().int(),
      share: z
        .number()
        .nullable()
        .openapi({ description: 'met / (met + missed); null when nothing is decided.' }),
    }),
  ])
  .openapi('MonitorData');

export const DashboardSnapshotSchema = z
  .object({
    dashboardId: z.string(),
    at: z.iso.datetime({ offset: true }),
    monitors: z
      .array(MonitorDataSchema)
      .openapi({ description: 'In the dashboard’s order, scoped to the caller.' }),
    watch: z.string().openapi({
      description:
        'Pass as `watch` to the dashboard’s stream: it pauses at `pausesAt`, also across reconnects.',
    }),
    pausesAt: z.iso.datetime({ offset: true }),
  })
  .openapi('DashboardSnapshot');

export const DashboardStreamQuery = z.object({
  watch: z.string().max(200).optional().openapi({
    description: 'From the snapshot; without it the stream pauses 12 hours after it opens.',
  }),
});

export type Monitor = z.infer<typeof MonitorSchema>;
export type MonitorData = z.infer<typeof MonitorDataSchema>;
export type DashboardWire = z.infer<typeof DashboardSchema>;
