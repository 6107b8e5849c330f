import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { bearer, IfMatchHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { sessionWire } from './assignees.js';
import { changeAssignment } from './assignment.js';
import { SessionIdParams, SessionSchema } from './schemas.js';
import { etagOf } from './store.js';

export const AssignSessionRequest = z
  .strictObject({
    userId: z.string().min(1).max(200).nullable().openapi({
      description:
        'The agent who takes the session (of its team or a team below); `null` gives it back to the team.',
    }),
  })
  .openapi('AssignSessionRequest');

const assignRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/assign',
  operationId: 'assignSession',
  tags: ['sessions'],
  summary:
    'Give a session to an agent of a responsible team (company managers, managers of its team; VS-3, VS-7)',
  description:
    '403 when the caller is not a manager above the session; 422 `assignee-not-eligible` when the user is not a live agent of the session’s team or below; 409 `session-in-call` during a call and `session-finished` once closed or cancelled. Assigning the current holder changes nothing.',
  security: bearer,
  request: { params: SessionIdParams, headers: IfMatchHeader, body: jsonBody(AssignSessionRequest) },
  responses: {
    200: jsonResponse(SessionSchema, 'The session with its new holder (ETag header carries its version)'),
    ...problems(400, 401, 403, 404, 409, 412, 413, 422),
  },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/claim',
  operationId: 'claimSession',
  tags: ['sessions'],
  summary: 'Take an unassigned session (agents of its team or a team below; VS-3)',
  description:
    '409 `already-assigned` when someone else holds it (a manager reassigns instead); claiming one’s own session again changes nothing; 403 for managers (they assign), customers and agents of other teams.',
  security: bearer,
  request: { params: SessionIdParams, headers: IfMatchHeader },
  responses: {
    200: jsonResponse(SessionSchema, 'The session, now held by the caller'),
    ...problems(401, 403, 404, 409, 412),
  },
});

/** `POST /v1/sessions/{id}/assign` and `POST /v1/sessions/{id}/claim`. */
export function registerAssignmentRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(assignRoute, async (c) => {
    const principal = c.get('principal');
    const { row, calls } = await changeAssignment(
      services,
      principal,
      c.req.valid('param').id,
      {
        kind: 'assign',
        // Read after the caller's right and If-Match are checked (http/deferred-input.ts).
        get userId() {
          return c.req.valid('json').userId;
        },
      },
      c.req.valid('header')['if-match'],
    );
    const toWire = await sessionWire(services, principal, [row]);
    return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
  });

  app.openapi(claimRoute, async (c) => {
    const principal = c.get('principal');
    const { row, calls } = await changeAssignment(
      services,
      principal,
      c.req.valid('param').id,
      { kind: 'claim' },
      c.req.valid('header')['if-match'],
    );
    const toWire = await sessionWire(services, principal, [row]);
    return c.json(toWire(row, calls), 200, { ETag: etagOf(row) });
  });
}
