import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { abandonedAt, type CallAttendance, presenceAt } from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import type { AppEnv, Services } from '../context.js';
import type { Database } from '../db/schema.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { applySessionEvent, loadVisibleSession } from '../sessions/service.js';
import { requireParticipant } from './participants.js';
import { CallParams } from './schemas.js';

const PresenceRequest = z
  .strictObject({
    present: z.boolean().openapi({
      description: '`true` while this page is in the call (a heartbeat); `false` when it leaves.',
    }),
  })
  .openapi('CallPresenceRequest');

const CallPresence = z
  .object({
    callId: z.string(),
    heartbeatMs: z.number().int().openapi({ description: 'Send `present: true` this often.' }),
    timeoutMs: z.number().int().openapi({ description: 'Beats missing this long count as gone.' }),
    graceMs: z.number().int().openapi({ description: 'A side gone this long ends the call as abandoned.' }),
    participants: z.array(
      z.object({
        participantId: z.string(),
        role: z.enum(['customer', 'staff']),
        present: z.boolean(),
        awaySince: z.iso.datetime({ offset: true }).optional(),
      }),
    ),
    endsAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: 'When the call ends as abandoned unless the side that is gone comes back.',
    }),
    endsInMs: z.number().int().optional().openapi({
      description:
        'The same as time left from this answer (for countdowns, whatever the client’s clock says).',
    }),
  })
  .openapi('CallPresence');

const postPresence = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/presence',
  operationId: 'postCallPresence',
  tags: ['calls'],
  summary: 'Say this participant is in the call (a heartbeat) or has left it (VS-9)',
  description:
    'Each participant’s page sends `present: true` every `heartbeatMs` while in the call and `present: false` ' +
    'when it leaves (hanging up, closing the tab). The answer is everyone’s presence: a participant whose ' +
    'beats stopped for `timeoutMs`, or who left, is away. When every participant of one side has been away ' +
    'for `graceMs`, the call ends itself (`endReason: abandoned`) and the session moves on as after a ' +
    'hang-up; a return within it resumes the same call. 409 `call-ended` once it has ended.',
  security: bearer,
  request: { params: CallParams, body: jsonBody(PresenceRequest) },
  responses: {
    200: jsonResponse(CallPresence, 'Everyone’s presence in the call'),
    ...problems(400, 401, 403, 404, 409),
  },
});

async function attendanceOf(db: Kysely<Database>, callId: string): Promise<CallAttendance[]> {
  const rows = await db.selectFrom('call_presence').selectAll().where('call_id', '=', callId).execute();
  return rows.map((r) => ({
    participantId: r.participant_id,
    role: r.role,
    lastSeenAt: new Date(r.last_seen_at).getTime(),
    leftAt: r.left_at ? new Date(r.left_at).getTime() : undefined,
  }));
}

/**
 * Ends the call as abandoned when one side has been gone for the grace period (VS-9), through the
 * session lifecycle as the system, so its events and the session's next status are those of a
 * hang-up. Returns whether it ended it; a call ended meanwhile is left as it is.
 */
async function endIfAbandoned(
  services: Services,
  call: { id: string; session_id: string; organization_id: string },
  attendance: readonly CallAttendance[],
): Promise<boolean> {
  const due = abandonedAt(attendance, services.clock().getTime(), services.config.callPresence);
  if (due === undefined || due > services.clock().getTime()) return false;
  try {
    await applySessionEvent(
      services,
      { actor: { kind: 'system' }, organizationId: call.organization_id },
      call.session_id,
      { type: 'end-call', callId: call.id },
      {
        alsoWrite: async (trx) => {
          await trx
            .updateTable('calls')
            .set({ ended_at: services.clock(), end_reason: 'abandoned' })
            .where('id', '=', call.id)
            .where('ended_at', 'is', null)
            .execute();
        },
      },
    );
    return true;
  } catch (error) {
    // Ended meanwhile (a hang-up, another replica): the lifecycle refused, nothing changed.
    if (error instanceof ProblemError) return false;
    throw error;
  }
}

/**
 * Every running call one side of which has been gone for the grace period ends as abandoned (the
 * server's timer runs this; heartbeats check their own call). Safe on several replicas.
 * @returns the ids of the calls it ended
 */
export async function endAbandonedCalls(services: Services): Promise<string[]> {
  const { db } = services.handle;
  const running = await db
    .selectFrom('calls')
    .select(['id', 'session_id', 'organization_id'])
    .where('ended_at', 'is', null)
    .where((eb) =>
      eb.exists(eb.selectFrom('call_presence').select('call_id').whereRef('call_id', '=', 'calls.id')),
    )
    .limit(1000)
    .execute();
  const ended: string[] = [];
  for (const call of running) {
    if (await endIfAbandoned(services, call, await attendanceOf(db, call.id))) ended.push(call.id);
  }
  return ended;
}

/** Call presence: heartbeats, leaving, and the answer with everyone's presence (VS-9). */
export function registerCallPresenceRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  app.openapi(postPresence, async (c) => {
    const principal = c.get('principal');
    const { id, callId } = c.req.valid('param');
    const { row, calls } = await loadVisibleSession(services, principal, id);
    await requireParticipant(services, principal, row);
    const call = calls.find((x) => x.id === callId);
    if (!call) throw ProblemError.notFound('No call with this id in this session.');
    const { present } = c.req.valid('json');
    const ended = () =>
      ProblemError.conflict(
        'call-ended',
        call.end_reason === 'abandoned'
          ? 'This call ended: one side was gone too long.'
          : 'This call has ended.',
      );
    if (call.ended_at) throw ended();
    const now = services.clock();
    const role = principal.actor.kind === 'customer' ? 'customer' : 'staff';
    await db
      .insertInto('call_presence')
      .values({
        call_id: call.id,
        participant_id: principal.participantId,
        organization_id: row.organization_id,
        role,
        joined_at: now,
        last_seen_at: now,
        left_at: present ? null : now,
      })
      .onConflict((oc) =>
        oc
          .columns(['call_id', 'participant_id'])
          .doUpdateSet(present ? { last_seen_at: now } : { left_at: now }),
      )
      .execute();
    const attendance = await attendanceOf(db, call.id);
    if (await endIfAbandoned(services, call, attendance)) throw ended();
    const at = now.getTime();
    const timing = services.config.callPresence;
    const due = abandonedAt(attendance, at, timing);
    return c.json(
      {
        callId: call.id,
        ...timing,
        participants: attendance.map((a) => {
          const p = presenceAt(a, at, timing);
          return {
            participantId: a.participantId,
            role: a.role,
            present: p.present,
            ...(p.present ? {} : { awaySince: new Date(p.since).toISOString() }),
          };
        }),
        ...(due === undefined
          ? {}
          : { endsAt: new Date(due).toISOString(), endsInMs: Math.max(0, due - at) }),
      },
      200,
    );
  });
}
