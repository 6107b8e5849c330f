import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { canViewSession, hasIntegrationScope, maySummary } from '@sightline/core/domain';
import { loadSummaryPermissions } from '../ai-settings/permissions.js';
import { resolvePrincipal } from '../auth/authenticate.js';
import type { AppEnv, Services } from '../context.js';
import { bearer, problems, ServerSentEventSchema } from '../openapi/common.js';
import { openConsole } from '../presence/console.js';
import { presenceEventVisible } from '../presence/visibility.js';
import { streamEventTypes } from './outbox.js';
import { resumeFrom, streamRows, type Woke } from './sse.js';

export const EventEnvelope = z
  .object({
    id: z.string().openapi({ description: 'Outbox id; also the SSE `id` used by Last-Event-ID.' }),
    type: z.enum(streamEventTypes),
    sessionId: z.string().nullable().openapi({ description: 'Null for `presence.changed` (MC-7).' }),
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
    'Without it the stream starts with new events only. Comments are sent as heartbeats at least every 15 s. ' +
    'When the token expires the stream sends `token-expired` (with `lastEventId`) and ends: refresh the token ' +
    '(`POST /v1/auth/refresh`) and reconnect with `Last-Event-ID`; nothing is lost. A revoked credential ends it ' +
    'with `revoked`. A changed role applies to the open stream at once.',
  security: bearer,
  request: {
    query: z.object({
      lastEventId: z.string().max(20).optional(),
      include: z.enum(['presence']).optional().openapi({
        description: '`presence`: also `presence.changed` of the staff the caller may see (MC-7).',
      }),
    }),
    headers: z.object({
      'last-event-id': z.string().max(20).optional(),
    }),
  },
  responses: {
    200: {
      description: 'An event stream; each `data` is an `Event` as JSON.',
      content: { 'text/event-stream': { schema: ServerSentEventSchema } },
    },
    ...problems(400, 401),
  },
});

/**
 * `GET /v1/events`: the outbox as a resumable event stream, filtered by the domain's visibility rule.
 * The rows come from the process's shared reader ({@link Services.outboxFeed}): one query per change
 * however many streams are open; each stream filters them for its own caller in memory.
 */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  const feed = services.outboxFeed;
  app.openAPIRegistry.register('Event', EventEnvelope);
  app.openapi(events, async (c) => {
    const principal = c.get('principal');
    // The query is read (and its problems raised) before the stream starts.
    const includePresence = c.req.valid('query').include === 'presence';
    const organizationId = principal.actor.organizationId;
    const authorization = c.req.header('authorization');
    // Who the caller is now: re-read on every wake, so a changed role or a revoked credential takes
    // effect on the open stream (sessions reassigned away carry their new audience in each event).
    // Streams on the same credential share one resolution per notification (revocations notify); a
    // heartbeat's poll takes only one asked for since its last read, for writes that do not notify.
    let actor = principal.actor;
    // When this stream last read: a heartbeat's poll takes only answers asked for since then.
    let lastRead = performance.now();
    const stillAllowed = async (woke: Woke) => {
      const now = await feed.shared(
        `principal\u0000${authorization}`,
        () => resolvePrincipal(services, authorization),
        { askedSince: woke === 'timeout' ? lastRead : undefined },
      );
      if (!now) return false;
      actor = now.actor;
      return true;
    };
    let after = resumeFrom(c);
    if (after === undefined) {
      const last = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      after = last?.id ? String(last.id) : '0';
    }
    /** Portals of sessions whose events were stored before the scope carried the portal. */
    const portalsOfOlderRows = async (
      rows: { session_id: string | null; scope: { portalId?: string } }[],
    ) => {
      const ids = [
        ...new Set(rows.flatMap((r) => (r.session_id && !r.scope.portalId ? [r.session_id] : []))),
      ];
      if (ids.length === 0) return new Map<string, string>();
      const found = await db
        .selectFrom('sessions')
        .select(['id', 'portal_id'])
        .where('organization_id', '=', organizationId)
        .where('id', 'in', ids)
        .execute();
      return new Map(found.map((s) => [s.id, s.portal_id]));
    };
    const presence = await openConsole(services, principal);
    return streamRows(
      c,
      services,
      after,
      async (cursor, woke) => {
        const freshness = { askedSince: woke === 'timeout' ? lastRead : undefined };
        lastRead = performance.now();
        const rows = await feed.after(organizationId, cursor, freshness);
        await presence?.beat(rows.map((r) => r.type));
        const teams =
          rows.length > 0 && actor.kind !== 'customer'
            ? await feed.shared(
                `teams\u0000${organizationId}`,
                () => services.teamsOf(organizationId),
                freshness,
              )
            : [];
        const portals =
          actor.kind === 'integration' ? await portalsOfOlderRows(rows) : new Map<string, string>();
        // Integration tokens (SI-12) see session events with `sessions:read`, summary events with
        // `summaries:read`, and never chat.
        const seesSessions = actor.kind !== 'integration' || hasIntegrationScope(actor, 'sessions:read');
        // Summary events reach staff holding `summaries.view` only (SI-5), never customers.
        const summaryRows = rows.some((r) => r.type.startsWith('summary.'));
        const seesSummaries =
          summaryRows &&
          maySummary(
            actor,
            'summaries.view',
            await feed.shared(
              `summary-permissions\u0000${organizationId}`,
              () => loadSummaryPermissions(db, organizationId),
              freshness,
            ),
          );
        return rows.map((row) => ({
          id: String(row.id),
          event: row.type,
          visible:
            presenceEventVisible(actor, row, teams, includePresence) ??
            (row.session_id !== null &&
              (!row.type.startsWith('summary.') || seesSummaries) &&
              // Staff notes never reach customers (VS-15).
              !(row.type === 'message.created' && row.data.kind === 'note' && actor.kind !== 'staff') &&
              !(row.type === 'message.created' && actor.kind === 'integration') &&
              // Ratings (MC-15): staff who see the session see every rating; a customer only their own.
              !(
                row.type === 'rating.created' &&
                (actor.kind === 'integration' ||
                  (actor.kind === 'customer' && row.data.raterKind !== 'customer'))
              ) &&
              (row.type.startsWith('summary.') || seesSessions) &&
              canViewSession(
                actor,
                {
                  organizationId,
                  ...row.scope,
                  assigneeIds: row.scope.assigneeIds,
                  portalId: row.scope.portalId ?? portals.get(row.session_id ?? ''),
                  id: row.session_id ?? undefined,
                },
                teams,
              )),
          data: {
            id: String(row.id),
            type: row.type,
            sessionId: row.session_id,
            at: new Date(row.created_at).toISOString(),
            data: row.data,
          },
        }));
      },
      { expiresAt: principal.expiresAt, stillAllowed, onEnd: presence?.end },
    );
  });
}
