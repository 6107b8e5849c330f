import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Principal, Services } from '../context.js';
import { resumeFrom, streamRows } from '../events/sse.js';
import { idempotency } from '../http/idempotency.js';
import {
  bearer,
  IdempotencyKeyHeader,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  problems,
  ServerSentEventSchema,
} from '../openapi/common.js';
import { capabilitiesIn, loadFeatureContext } from '../portals/feature-context.js';
import { ProblemError } from '../problems/problem.js';
import { sessionWire } from '../sessions/assignees.js';
import { SessionSchema } from '../sessions/schemas.js';
import { applySessionEvent, loadVisibleSession } from '../sessions/service.js';
import { type CallRow, callToWire, etagOf, type SessionRow } from '../sessions/store.js';
import { liveKitToken } from './livekit.js';
import { registerMonitorRoutes } from './monitor-routes.js';
import { requireParticipant } from './participants.js';
import { registerCallPresenceRoutes } from './presence.js';
import { CallJoin, CallParams, Signal, SignalAccepted, SignalRequest } from './schemas.js';
import { storeSignal } from './signals.js';
import { callTransportOf } from './transport.js';

const SessionParams = z.object({ id: z.string().min(1).max(200) });

const startCall = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls',
  operationId: 'startCall',
  tags: ['calls'],
  summary: 'Start the session’s call, or join it when one is already running (VS-6, VS-8)',
  security: bearer,
  request: { params: SessionParams, headers: IdempotencyKeyHeader.extend(IfMatchHeader.shape) },
  responses: {
    201: jsonResponse(CallJoin, 'The new call and how to join its media'),
    200: jsonResponse(CallJoin, 'A call was already running: that call and how to join its media'),
    ...problems(401, 403, 404, 409, 412, 422),
  },
});

const joinCall = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/join',
  operationId: 'joinCall',
  tags: ['calls'],
  summary: 'Media credentials for a participant of an active call',
  security: bearer,
  request: { params: CallParams },
  responses: { 200: jsonResponse(CallJoin, 'How to join'), ...problems(401, 403, 404, 409) },
});

const endCall = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/end',
  operationId: 'endCall',
  tags: ['calls'],
  summary: 'End a call; the session completes when no call is left (VS-6)',
  security: bearer,
  request: { params: CallParams, headers: IfMatchHeader },
  responses: {
    200: jsonResponse(SessionSchema, 'The session after the call ended'),
    ...problems(401, 403, 404, 409, 412),
  },
});

const postSignal = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/signals',
  operationId: 'sendSignal',
  tags: ['calls'],
  summary: 'Send a peer-to-peer signaling message to the other participants (or one)',
  security: bearer,
  request: { params: CallParams, body: jsonBody(SignalRequest) },
  responses: {
    202: jsonResponse(SignalAccepted, 'Stored and delivered to open streams'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
});

const streamSignals = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/calls/{callId}/signals',
  operationId: 'streamSignals',
  tags: ['calls'],
  summary: 'Event stream of the signals addressed to the caller',
  description: 'Starts at the call’s first signal; resume with `Last-Event-ID`. Each `data` is a `Signal`.',
  security: bearer,
  request: { params: CallParams },
  responses: {
    200: {
      description: 'Event stream of `Signal`',
      content: { 'text/event-stream': { schema: ServerSentEventSchema } },
    },
    ...problems(400, 401, 403, 404),
  },
});

async function mediaFor(services: Services, principal: Principal, call: CallRow) {
  if (call.transport === 'livekit' && services.livekit) {
    return {
      transport: 'livekit' as const,
      participantId: principal.participantId,
      url: services.livekit.url,
      token: await liveKitToken(services.livekit, call.id, principal.participantId),
    };
  }
  return {
    transport: 'p2p' as const,
    participantId: principal.participantId,
    signalingUrl: `${services.config.publicUrl}/v1/sessions/${call.session_id}/calls/${call.id}/signals`,
    iceServers: [],
  };
}

/** Calls under a session, their media credentials and peer-to-peer signaling. */
export function registerCallRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  app.openAPIRegistry.register('Signal', Signal);

  /** The caller's capabilities in the call's session (MC-5), for the tool bar of the call. */
  const callerCapabilities = async (principal: Principal, row: SessionRow) =>
    capabilitiesIn(await loadFeatureContext(db, principal.actor), row);

  async function loadCall(principal: Principal, sessionId: string, callId: string) {
    const { row, calls } = await loadVisibleSession(services, principal, sessionId);
    await requireParticipant(services, principal, row);
    const call = calls.find((c) => c.id === callId);
    if (!call) throw ProblemError.notFound('No call with this id in this session.');
    return { row, call };
  }

  app.use('/v1/sessions/:id/calls', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(startCall, async (c) => {
    const principal = c.get('principal');
    const { id } = c.req.valid('param');
    // One call at a time (VS-8): when a call already runs — or the other side started it a moment
    // ago — the caller joins that call instead of starting another.
    const joinActive = async () => {
      const { row, calls } = await loadVisibleSession(services, principal, id);
      const active = calls.find((x) => !x.ended_at);
      if (!active) return undefined;
      await requireParticipant(services, principal, row);
      const join = { call: callToWire(active), media: await mediaFor(services, principal, active) };
      return c.json({ ...join, capabilities: await callerCapabilities(principal, row) }, 200, {
        ETag: etagOf(row),
      });
    };
    const running = await joinActive();
    if (running) return running;
    const callId = randomUUID();
    const transport = callTransportOf(services);
    let started: Awaited<ReturnType<typeof applySessionEvent>>;
    try {
      started = await applySessionEvent(
        services,
        principal,
        id,
        { type: 'start-call', callId },
        {
          ifMatch: c.req.valid('header')['if-match'],
          alsoWrite: async (trx, next) => {
            await trx
              .insertInto('calls')
              .values({
                id: callId,
                organization_id: next.organization_id,
                session_id: next.id,
                transport,
                started_by_participant: principal.participantId,
                started_at: services.clock(),
              })
              .execute();
          },
        },
      );
    } catch (error) {
      const joined = error instanceof ProblemError && error.status === 409 ? await joinActive() : undefined;
      if (joined) return joined;
      throw error;
    }
    const { row, calls } = started;
    const call = calls.find((x) => x.id === callId)!;
    const join = { call: callToWire(call), media: await mediaFor(services, principal, call) };
    return c.json({ ...join, capabilities: await callerCapabilities(principal, row) }, 201, {
      ETag: etagOf(row),
      Location: `/v1/sessions/${id}/calls/${callId}`,
    });
  });

  app.openapi(joinCall, async (c) => {
    const principal = c.get('principal');
    const { id, callId } = c.req.valid('param');
    const { row, call } = await loadCall(principal, id, callId);
    if (call.ended_at) throw ProblemError.conflict('call-ended', 'This call has ended.');
    const join = { call: callToWire(call), media: await mediaFor(services, principal, call) };
    return c.json({ ...join, capabilities: await callerCapabilities(principal, row) }, 200);
  });

  app.openapi(endCall, async (c) => {
    const { id, callId } = c.req.valid('param');
    const { row, calls } = await applySessionEvent(
      services,
      c.get('principal'),
      id,
      { type: 'end-call', callId },
      {
        ifMatch: c.req.valid('header')['if-match'],
        alsoWrite: async (trx) => {
          await trx
            .updateTable('calls')
            .set({ ended_at: services.clock(), end_reason: 'hung-up' })
            .where('id', '=', callId)
            .execute();
        },
      },
    );
    const toWire = await sessionWire(services, c.get('principal'), [row]);
    return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
  });

  app.openapi(postSignal, async (c) => {
    const principal = c.get('principal');
    const { id, callId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { row, call } = await loadCall(principal, id, callId);
    if (call.ended_at) throw ProblemError.conflict('call-ended', 'This call has ended.');
    const signalId = await storeSignal(services, {
      organizationId: row.organization_id,
      callId: call.id,
      from: principal.participantId,
      to: body.to ?? null,
      payload: body.payload,
    });
    return c.json({ id: signalId }, 202);
  });

  app.openapi(streamSignals, async (c) => {
    const principal = c.get('principal');
    const { id, callId } = c.req.valid('param');
    const { call } = await loadCall(principal, id, callId);
    const me = principal.participantId;
    return streamRows(c, services, resumeFrom(c) ?? '0', async (cursor) => {
      const rows = await db
        .selectFrom('signals')
        .selectAll()
        .where('call_id', '=', call.id)
        .where('id', '>', cursor)
        .orderBy('id')
        .limit(100)
        .execute();
      return rows.map((row) => ({
        id: String(row.id),
        event: 'signal',
        visible: row.from_participant !== me && (row.to_participant === null || row.to_participant === me),
        data: {
          id: String(row.id),
          from: row.from_participant,
          to: row.to_participant,
          payload: row.payload,
          at: new Date(row.created_at).toISOString(),
          // A silent monitor's offer (MC-8): the SDK answers it apart from the call.
          ...(row.monitor ? { monitor: true } : {}),
        },
      }));
    });
  });
  registerMonitorRoutes(app, services);
  registerCallPresenceRoutes(app, services);
}
