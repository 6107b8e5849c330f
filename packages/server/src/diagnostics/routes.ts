import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { requireParticipant } from '../calls/participants.js';
import { CallParams } from '../calls/schemas.js';
import type { AppEnv, Services } from '../context.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError, problem, problemResponse } from '../problems/problem.js';
import { loadVisibleSession } from '../sessions/service.js';
import {
  CallDiagnostics,
  CallDiagnosticsList,
  CallDiagnosticsSummary,
  MAX_DIAGNOSTICS_BYTES,
} from './schemas.js';
import { diagnosticsOf, diagnosticsToWire, saveDiagnostics } from './store.js';

/** A side may still send its final report this long after the call ended (the other side hung up first). */
export const DIAGNOSTICS_GRACE_MS = 10 * 60_000;

const postDiagnostics = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/calls/{callId}/diagnostics',
  operationId: 'reportCallDiagnostics',
  tags: ['calls'],
  summary: 'Report this side’s quality summary of a call (MC-10)',
  description: `Sent by a participant's client during the call and when it leaves; each report replaces the one before from the same side (unless that one covers more samples). Accepted until ${DIAGNOSTICS_GRACE_MS / 60_000} minutes after the call ended; bodies are limited to ${MAX_DIAGNOSTICS_BYTES} bytes.`,
  security: bearer,
  request: { params: CallParams, body: jsonBody(CallDiagnosticsSummary) },
  responses: {
    201: jsonResponse(CallDiagnostics, 'The first report of this side'),
    200: jsonResponse(CallDiagnostics, 'The stored report of this side after this one'),
    ...problems(400, 401, 403, 404, 409, 410, 413),
  },
});

const listDiagnostics = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/diagnostics',
  operationId: 'listSessionDiagnostics',
  tags: ['sessions'],
  summary: 'Call quality of a session’s calls, per call and side (MC-10; staff only)',
  security: bearer,
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: {
    200: jsonResponse(CallDiagnosticsList, 'Every stored report'),
    ...problems(401, 403, 404, 410),
  },
});

/** Call diagnostics (MC-10): participants report, staff who see the session read. */
export function registerDiagnosticsRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;
  // The server-wide body limit caps every body; a report is held to its own, smaller one.
  app.use('/v1/sessions/:id/calls/:callId/diagnostics', async (c, next) => {
    // Read once (the request caches it for validation), so a body without a length is held too.
    if (c.req.method === 'POST' && Buffer.byteLength(await c.req.text()) > MAX_DIAGNOSTICS_BYTES) {
      return problemResponse(
        problem(413, 'body-too-large', `Diagnostics reports are limited to ${MAX_DIAGNOSTICS_BYTES} bytes.`),
      );
    }
    return next();
  });

  app.openapi(postDiagnostics, async (c) => {
    const principal = c.get('principal');
    const { id, callId } = c.req.valid('param');
    const { row, calls } = await loadVisibleSession(services, principal, id);
    await requireParticipant(services, principal, row, 'Only the participants of this call report on it.');
    const call = calls.find((x) => x.id === callId);
    if (!call) throw ProblemError.notFound('No call with this id in this session.');
    const now = services.clock();
    if (call.ended_at && now.getTime() - new Date(call.ended_at).getTime() > DIAGNOSTICS_GRACE_MS) {
      throw ProblemError.conflict('call-ended', 'This call ended too long ago to report on it.');
    }
    const { actor } = principal;
    if (actor.kind === 'integration') throw ProblemError.forbidden('Integrations do not take part in calls.');
    const { row: stored, created } = await saveDiagnostics(
      db,
      {
        callId,
        sessionId: row.id,
        organizationId: row.organization_id,
        participantId: principal.participantId,
        role: actor.kind === 'customer' ? 'customer' : 'staff',
        authorId: actor.kind === 'customer' ? actor.deviceId : actor.userId,
      },
      c.req.valid('json'),
      now,
    );
    return c.json(diagnosticsToWire(stored), created ? 201 : 200);
  });

  app.openapi(listDiagnostics, async (c) => {
    const principal = c.get('principal');
    const { row } = await loadVisibleSession(services, principal, c.req.valid('param').id);
    if (principal.actor.kind !== 'staff') throw ProblemError.forbidden('Call diagnostics are for staff.');
    const rows = await diagnosticsOf(db, row.id);
    return c.json({ items: rows.map(diagnosticsToWire) }, 200);
  });
}
