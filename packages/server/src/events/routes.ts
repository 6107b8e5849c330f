import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { canViewSession, maySummary } from '@sightline/core/domain';
import { loadSummaryPermissions } from '../ai-settings/permissions.js';
import type { AppEnv, Services } from '../context.js';
import { bearer, problems } from '../openapi/common.js';
import { streamEventTypes } from './outbox.js';
import { resumeFrom, streamRows } from './sse.js';

export const EventEnvelope = z
  .object({
    id: z.string().openapi({ description: 'Outbox id; also the SSE `id` used by Last-Event-ID.' }),
    type: z.enum(streamEventTypes),
    sessionId: z.string(),
    at: z.iso.datetime({ offset: true }),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('Event');

const events = createRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'streamEvents',
  tags: ['events'],
  summary: 'Server-sent events for everything the caller may see',
  description:
    'Each event carries an `id`; reconnect with `Last-Event-ID` (or `?lastEventId=`) to replay exactly what was missed. ' +
    'Without it the stream starts with new events only. Comments are sent as heartbeats at least every 15 s.',
  security: bearer,
  request: {
    query: z.object({ lastEventId: z.string().max(20).optional() }),
    headers: z.object({
      'last-event-id': z.string().max(20).optional(),
    }),
  },
  responses: {
    200: {
      description: 'An event stream; each `data` is an `Event` as JSON.',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...problems(400, 401),
  },
});

/** `GET /v1/events`: the outbox as a resumable event stream, filtered by the domain's visibility rule. */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  app.openAPIRegistry.register('Event', EventEnvelope);
  app.openapi(events, async (c) => {
    const { actor } = c.get('principal');
    const organizationId = actor.organizationId;
    let after = resumeFrom(c);
    if (after === undefined) {
      const last = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      after = last?.id ? String(last.id) : '0';
    }
    return streamRows(c, services, after, async (cursor) => {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(100)
        .execute();
      const teams = rows.length > 0 && actor.kind === 'staff' ? await services.teamsOf(organizationId) : [];
      // Summary events reach staff holding `summaries.view` only (SI-5), never customers.
      const summaryRows = rows.some((r) => r.type.startsWith('summary.'));
      const seesSummaries =
        summaryRows && maySummary(actor, 'summaries.view', await loadSummaryPermissions(db, organizationId));
      return rows.map((row) => ({
        id: String(row.id),
        event: row.type,
        visible:
          row.session_id !== null &&
          (!row.type.startsWith('summary.') || seesSummaries) &&
          // Staff notes never reach customers (VS-15).
          !(row.type === 'message.created' && row.data.kind === 'note' && actor.kind !== 'staff') &&
          canViewSession(actor, { organizationId, ...row.scope, assigneeIds: row.scope.assigneeIds }, teams),
        data: {
          id: String(row.id),
          type: row.type,
          sessionId: row.session_id,
          at: new Date(row.created_at).toISOString(),
          data: row.data,
        },
      }));
    });
  });
}
