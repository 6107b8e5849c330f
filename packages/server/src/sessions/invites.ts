import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { canActAsStaff, INVITE_MINUTES, invitable, type SessionStatus } from '@sightline/core/domain';
import type { AppEnv, Principal, Services } from '../context.js';
import {
  type AccessCodeRow,
  accessCodeStatus,
  addAccessCode,
  requestPageUrl,
} from '../devices/access-codes.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { SessionIdParams } from './schemas.js';
import { loadVisibleSession } from './service.js';
import { type SessionRow, sessionScope } from './store.js';

const { min: MIN_MINUTES, max: MAX_MINUTES, default: DEFAULT_MINUTES } = INVITE_MINUTES;

export const CreateSessionInviteRequest = z
  .strictObject({
    expiresInMinutes: z
      .int()
      .min(MIN_MINUTES)
      .max(MAX_MINUTES)
      .optional()
      .openapi({
        description: `How long the link works, in minutes (${MIN_MINUTES} to ${MAX_MINUTES}; default ${DEFAULT_MINUTES}).`,
      }),
  })
  .openapi('CreateSessionInviteRequest');

const SessionInviteSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    hint: z.string().openapi({ description: 'The code’s last four characters, to tell invitations apart.' }),
    status: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.iso.datetime({ offset: true }),
    createdBy: z.string().nullable().openapi({ description: 'The staff member who made it.' }),
    expiresAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('SessionInvite');

const SessionInviteList = z.object({ items: z.array(SessionInviteSchema) }).openapi('SessionInviteList');

const NewSessionInviteSchema = SessionInviteSchema.extend({
  code: z.string().openapi({ description: 'The invitation’s code: shown this once, stored only as a hash.' }),
  link: z.url().openapi({
    description:
      'The request page with the code filled in: opening it signs the customer in for this session.',
  }),
}).openapi('NewSessionInvite');

const InviteParams = SessionIdParams.extend({
  inviteId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'inviteId', in: 'path' } }),
});

const WHO =
  'Staff who may act on the session (VS-7): its agents and the managers above them; customers, integration tokens and API keys get 403.';

const listInvites = createRoute({
  method: 'get',
  path: '/v1/sessions/{id}/invites',
  operationId: 'listSessionInvites',
  tags: ['sessions'],
  summary: 'The invitations to a session, newest first — hints and status, never the codes (VS-5)',
  description: WHO,
  security: bearer,
  request: { params: SessionIdParams },
  responses: { 200: jsonResponse(SessionInviteList, 'Invitations'), ...problems(401, 403, 404) },
});

const createInvite = createRoute({
  method: 'post',
  path: '/v1/sessions/{id}/invites',
  operationId: 'createSessionInvite',
  tags: ['sessions'],
  summary: 'Invite the customer to a session: a link that signs them in for this session only (VS-5)',
  description:
    `${WHO} The link carries a code like an access code's, redeemed through \`/v1/auth/access-code\`; ` +
    'its token reaches only this session (no other session of the device, no new requests, no device ' +
    'changes) and stops working when the invitation expires or is revoked, or when the session is closed ' +
    'or cancelled. 409 `session-finished` once the session is completed, closed or cancelled. The code ' +
    'is stored only as a hash, so an `Idempotency-Key` is not replayed here.',
  security: bearer,
  request: { params: SessionIdParams, body: { ...jsonBody(CreateSessionInviteRequest), required: false } },
  responses: {
    201: jsonResponse(NewSessionInviteSchema, 'The new invitation'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
});

const revokeInvite = createRoute({
  method: 'delete',
  path: '/v1/sessions/{id}/invites/{inviteId}',
  operationId: 'revokeSessionInvite',
  tags: ['sessions'],
  summary: 'Revoke an invitation: the customer signed in with it is signed out at once (VS-5)',
  description: WHO,
  security: bearer,
  request: { params: InviteParams },
  responses: { 204: { description: 'Revoked (also when it already was)' }, ...problems(401, 403, 404) },
});

const iso = (d: Date | string) => new Date(d).toISOString();

function inviteToWire(row: AccessCodeRow, sessionId: string, now: Date): z.infer<typeof SessionInviteSchema> {
  return {
    id: row.id,
    sessionId,
    hint: row.hint,
    status: accessCodeStatus(row, now),
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    // Every invitation is made with an expiry.
    expiresAt: iso(row.expires_at ?? row.created_at),
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  };
}

/** The session, when the caller is staff who may act on it: 404 outside the organization, else 403. */
async function invitingSession(services: Services, principal: Principal, id: string): Promise<SessionRow> {
  const { row, teams } = await loadVisibleSession(services, principal, id);
  const { actor } = principal;
  if (actor.kind !== 'staff' || !canActAsStaff(actor, sessionScope(row), teams)) {
    throw ProblemError.forbidden('Only staff who may act on this session invite to it.');
  }
  return row;
}

/** `GET/POST /v1/sessions/{id}/invites`, `DELETE /v1/sessions/{id}/invites/{inviteId}` (VS-5). */
export function registerInviteRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listInvites, async (c) => {
    const row = await invitingSession(services, c.get('principal'), c.req.valid('param').id);
    const rows = await db
      .selectFrom('access_codes')
      .selectAll()
      .where('session_id', '=', row.id)
      .where('organization_id', '=', row.organization_id)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const now = services.clock();
    return c.json({ items: rows.map((r) => inviteToWire(r, row.id, now)) }, 200);
  });

  app.openapi(createInvite, async (c) => {
    const principal = c.get('principal');
    const row = await invitingSession(services, principal, c.req.valid('param').id);
    if (!invitable(row.status as SessionStatus)) {
      throw ProblemError.conflict(
        'session-finished',
        `The session is ${row.status}; reopen it before inviting the customer again.`,
      );
    }
    const minutes = c.req.valid('json')?.expiresInMinutes ?? DEFAULT_MINUTES;
    const now = services.clock();
    const { row: code, code: secret } = await db.transaction().execute((trx) =>
      addAccessCode(trx, {
        organizationId: row.organization_id,
        deviceId: row.device_id,
        sessionId: row.id,
        createdBy: principal.actor.kind === 'staff' ? principal.actor.userId : null,
        code: undefined,
        expiresAt: new Date(now.getTime() + minutes * 60_000),
        rotate: false,
        now,
      }),
    );
    const link = requestPageUrl(services.config.publicUrl, secret);
    return c.json({ ...inviteToWire(code, row.id, now), code: secret, link }, 201, {
      Location: `/v1/sessions/${row.id}/invites/${code.id}`,
    });
  });

  app.openapi(revokeInvite, async (c) => {
    const { id, inviteId } = c.req.valid('param');
    const row = await invitingSession(services, c.get('principal'), id);
    const found = await db
      .updateTable('access_codes')
      .set({ revoked_at: services.clock() })
      .where('id', '=', inviteId)
      .where('session_id', '=', row.id)
      .where('organization_id', '=', row.organization_id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!found) {
      const exists = await db
        .selectFrom('access_codes')
        .select('id')
        .where('id', '=', inviteId)
        .where('session_id', '=', row.id)
        .executeTakeFirst();
      if (!exists) throw ProblemError.notFound('No invitation with this id to this session.');
    }
    return c.body(null, 204);
  });
}
