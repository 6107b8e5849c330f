import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { mayMonitorCall } from '@sightline/core/domain';
import { participantIdFor } from '../auth/secrets.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { resumeFrom, streamRows } from '../events/sse.js';
import { bearer, jsonBody, jsonResponse, problems, ServerSentEventSchema } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import { sessionScope } from '../sessions/store.js';
import { liveKitToken } from './livekit.js';
import { CallParams, MediaSchema, SignalAccepted } from './schemas.js';
import { storeSignal } from './signals.js';

const MonitorParams = CallParams.extend({ monitorId: z.string().min(1).max(200) });

const MonitorStart = z
  .object({
    monitorId: z.string(),
    media: MediaSchema,
    participants: z.array(z.string()).openapi({
      description:
        'Peer-to-peer: the participant ids to send a receive-only offer to (each answers apart from the call).',
    }),
  })
  .openapi('MonitorStart');

const MonitorSignalRequest = z
  .strictObject({
    to: z.string().min(1).max(100).openapi({ description: 'The participant this signal is for.' }),
    payload: z
      .unknown()
      .refine((v) => v !== undefined, 'Required')
      .openapi({ description: 'A receive-only offer or an ICE candidate; size-limited.' }),
  })
  .openapi('MonitorSignalRequest');

const startMonitor = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/monitor',
  operationId: 'startMonitor',
  tags: ['calls'],
  summary: 'Watch and listen to a running call without its participants seeing or hearing it (MC-8)',
  description:
    'Managers above the session’s agent only. LiveKit: a hidden, subscribe-only token. Peer-to-peer: a signal channel of its own, over which the monitor offers each participant a receive-only connection. Every monitoring is recorded (who, which call, from when to when).',
  security: bearer,
  request: { params: CallParams },
  responses: { 201: jsonResponse(MonitorStart, 'How to watch'), ...problems(400, 401, 403, 404, 409) },
});

const endMonitor = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/monitor/{monitorId}/end',
  operationId: 'endMonitor',
  tags: ['calls'],
  summary: 'Stop watching (recorded as the end of the monitoring)',
  security: bearer,
  request: { params: MonitorParams },
  responses: { 204: { description: 'Ended' }, ...problems(400, 401, 403, 404) },
});

const postMonitorSignal = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/monitor/{monitorId}/signals',
  operationId: 'postMonitorSignal',
  tags: ['calls'],
  summary: 'A monitor’s signal to one participant (peer-to-peer)',
  security: bearer,
  request: { params: MonitorParams, body: jsonBody(MonitorSignalRequest) },
  responses: { 202: jsonResponse(SignalAccepted, 'Stored'), ...problems(400, 401, 403, 404, 409, 413) },
});

const streamMonitorSignals = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/calls/{callId}/monitor/{monitorId}/signals',
  operationId: 'streamMonitorSignals',
  tags: ['calls'],
  summary: 'Event stream of the participants’ answers to a monitor',
  description:
    '`signal` events carry the participants’ answers and candidates addressed to this monitor; a ' +
    '`participant` event (`{ participantId }`) names each participant greeting the call, also one that ' +
    'joins after the monitoring began, so the monitor can offer to it too.',
  security: bearer,
  request: { params: MonitorParams },
  responses: {
    200: {
      description: 'Event stream of `Signal`',
      content: { 'text/event-stream': { schema: ServerSentEventSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

/** Silent monitoring of calls (MC-8). */
export function registerMonitorRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  /** The caller's own running monitoring of this call, else 404 (another's is nobody's business). */
  async function ownMonitor(principal: Principal, sessionId: string, callId: string, monitorId: string) {
    const { actor } = principal;
    if (actor.kind !== 'staff') throw ProblemError.forbidden('Only managers monitor calls.');
    const row = await db
      .selectFrom('call_monitors')
      .selectAll()
      .where('id', '=', monitorId)
      .where('organization_id', '=', actor.organizationId)
      .where('session_id', '=', sessionId)
      .where('call_id', '=', callId)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No monitoring of yours with this id.');
    return row;
  }

  app.openapi(startMonitor, async (c) => {
    const principal = c.get('principal');
    const { actor } = principal;
    if (actor.kind !== 'staff' || (actor.role !== 'company-manager' && actor.role !== 'team-manager'))
      throw ProblemError.forbidden('Only managers above the session’s agent monitor calls (MC-8).');
    const { id, callId } = c.req.valid('param');
    const { row, calls } = await loadVisibleSession(services, principal, id);
    if (!mayMonitorCall(actor, sessionScope(row), await services.teamsOf(row.organization_id)))
      throw ProblemError.forbidden('Only managers above the session’s agent monitor calls (MC-8).');
    const call = calls.find((x) => x.id === callId);
    if (!call) throw ProblemError.notFound('No call with this id in this session.');
    if (call.ended_at) throw ProblemError.conflict('call-ended', 'This call has ended.');
    const monitorId = randomUUID();
    const participantId = participantIdFor(services.rawSecret, `monitor:${monitorId}`);
    const livekit = call.transport === 'livekit' && services.livekit;
    await db
      .insertInto('call_monitors')
      .values({
        id: monitorId,
        organization_id: row.organization_id,
        session_id: row.id,
        call_id: call.id,
        user_id: actor.userId,
        participant_id: participantId,
        transport: livekit ? 'livekit' : 'p2p',
        started_at: services.clock(),
      })
      .execute();
    if (livekit) {
      const token = await liveKitToken(livekit, call.id, participantId, { hidden: true });
      return c.json(
        {
          monitorId,
          media: { transport: 'livekit' as const, participantId, url: livekit.url, token },
          participants: [],
        },
        201,
      );
    }
    // Who takes part: whoever greeted the call (a `hello`); never another monitor.
    const greeted = await db
      .selectFrom('signals')
      .select('from_participant')
      .distinct()
      .where('call_id', '=', call.id)
      .where('monitor', '=', false)
      .execute();
    const signalingUrl = `${services.config.publicUrl}/v1/sessions/${row.id}/calls/${call.id}/monitor/${monitorId}/signals`;
    return c.json(
      {
        monitorId,
        media: { transport: 'p2p' as const, participantId, signalingUrl, iceServers: [] },
        participants: greeted.map((g) => g.from_participant),
      },
      201,
    );
  });

  app.openapi(endMonitor, async (c) => {
    const { id, callId, monitorId } = c.req.valid('param');
    const row = await ownMonitor(c.get('principal'), id, callId, monitorId);
    if (!row.ended_at) {
      await db
        .updateTable('call_monitors')
        .set({ ended_at: services.clock() })
        .where('id', '=', row.id)
        .execute();
    }
    return c.body(null, 204);
  });

  app.openapi(postMonitorSignal, async (c) => {
    const { id, callId, monitorId } = c.req.valid('param');
    const monitor = await ownMonitor(c.get('principal'), id, callId, monitorId);
    const body = c.req.valid('json');
    const call = await db.selectFrom('calls').select('ended_at').where('id', '=', callId).executeTakeFirst();
    if (monitor.ended_at || !call || call.ended_at)
      throw ProblemError.conflict('call-ended', 'This call, or this monitoring, has ended.');
    const signalId = await storeSignal(services, {
      organizationId: monitor.organization_id,
      callId,
      from: monitor.participant_id,
      to: body.to,
      payload: body.payload,
      monitor: true,
    });
    return c.json({ id: signalId }, 202);
  });

  app.openapi(streamMonitorSignals, async (c) => {
    const principal = c.get('principal');
    const { id, callId, monitorId } = c.req.valid('param');
    const monitor = await ownMonitor(principal, id, callId, monitorId);
    return streamRows(c, services, resumeFrom(c) ?? '0', async (cursor) => {
      // Signals to this monitor, and every participant's greetings to the call (a participant who
      // joins later greets too): the monitor offers to each participant it has not met yet.
      const rows = await db
        .selectFrom('signals')
        .selectAll()
        .where('call_id', '=', callId)
        .where('id', '>', cursor)
        .where((eb) =>
          eb.or([
            eb('to_participant', '=', monitor.participant_id),
            eb.and([eb('monitor', '=', false), eb('to_participant', 'is', null)]),
          ]),
        )
        .orderBy('id')
        .limit(100)
        .execute();
      return rows.map((row) =>
        row.to_participant === null
          ? {
              id: String(row.id),
              event: 'participant',
              visible: row.from_participant !== monitor.participant_id,
              data: { participantId: row.from_participant },
            }
          : {
              id: String(row.id),
              event: 'signal',
              visible: true,
              data: {
                id: String(row.id),
                from: row.from_participant,
                to: row.to_participant,
                payload: row.payload,
                at: new Date(row.created_at).toISOString(),
              },
            },
      );
    });
  });
}
