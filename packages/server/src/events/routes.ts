import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { bearer, problems, ServerSentEventSchema } from '../openapi/common.js';
import { openConsole } from '../presence/console.js';
import { fanoutOf, type Subscriber } from './fanout.js';
import { streamEventTypes } from './outbox.js';
import { EventSink } from './sink.js';
import { resumeFrom } from './sse.js';

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
 * `GET /v1/events`: the outbox as a resumable event stream, filtered by the domain's visibility rule
 * (events/audience.ts). Streams are fed by the process's fan-out (events/fanout.ts): one outbox read
 * per change however many streams are open, one audience per credential, the same bytes for every
 * stream that shares it.
 */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  app.openAPIRegistry.register('Event', EventEnvelope);
  app.openapi(events, async (c) => {
    const principal = c.get('principal');
    // The query is read (and its problems raised) before the stream starts.
    const includePresence = c.req.valid('query').include === 'presence';
    let after = resumeFrom(c);
    if (after === undefined) {
      const last = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      after = last?.id ? String(last.id) : '0';
    }
    const presence = await openConsole(services, principal);
    const fanout = fanoutOf(services);
    const subscriber: Subscriber = {
      sink: new EventSink(() => {
        fanout.remove(subscriber);
        void presence?.end().catch(() => {});
      }),
      organizationId: principal.actor.organizationId,
      authorization: c.req.header('authorization'),
      includePresence,
      audienceKey: `${c.req.header('authorization')}\u0000${includePresence}`,
      actor: principal.actor,
      cursor: after,
      expiresAt: principal.expiresAt?.getTime(),
      presence,
    };
    const { sink } = subscriber;
    sink.write(sink.encode(`event: ready\ndata: ${JSON.stringify({ after })}\nretry: 2000\n\n`));
    if (services.shutdown.aborted) sink.close();
    else fanout.add(subscriber);
    return c.newResponse(sink.body, 200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'Transfer-Encoding': 'chunked',
    });
  });
}
