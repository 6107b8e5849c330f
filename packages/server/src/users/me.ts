import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { hashPassword } from '../auth/passwords.js';
import { callTransportOf } from '../calls/transport.js';
import type { AppEnv, Principal, Services } from '../context.js';
import { checkIfMatch } from '../http/etag.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { canonicalTimeZone, type Language } from '../organizations/locale.js';
import { ProblemError } from '../problems/problem.js';
import { confirmOwnPassword } from './confirm-password.js';
import { PatchMeRequest } from './schemas.js';
import { emailTaken, isEmailConflict } from './store.js';

type StaffPrincipal = Principal & { actor: { kind: 'staff' } };

/** What `GET /v1/me` says about a staff caller; also the answer of `PATCH /v1/me`. */
export async function staffMe(services: Services, principal: StaffPrincipal) {
  const { db } = services.handle;
  const { actor, participantId } = principal;
  const user = await db
    .selectFrom('users')
    .select(['email', 'display_name', 'first_name', 'last_name', 'language', 'time_zone', 'version'])
    .where('id', '=', actor.userId)
    .where('organization_id', '=', actor.organizationId)
    .executeTakeFirstOrThrow();
  return {
    body: {
      kind: 'staff' as const,
      organizationId: actor.organizationId,
      participantId,
      userId: actor.userId,
      email: user.email,
      displayName: user.display_name,
      firstName: user.first_name,
      lastName: user.last_name,
      role: actor.role,
      teamId: actor.teamId,
      managedTeamIds: [...actor.managedTeamIds],
      rights: [...(actor.rights ?? [])],
      language: user.language as Language,
      timeZone: user.time_zone,
      callTransport: callTransportOf(services),
    },
    etag: `"${user.version}"`,
  };
}

/** The `Me` document of a staff caller (the staff half of the `Me` union in the auth routes). */
export const StaffMeFields = {
  firstName: z.string(),
  lastName: z.string(),
  rights: z.array(z.string()).openapi({ description: 'Management rights granted (MC-1).' }),
  language: z.enum(['en', 'de', 'es', 'pt']),
  timeZone: z.string().openapi({ description: 'IANA time zone.' }),
};

/** Registered by the auth routes so `Me` is one schema. */
export function patchMeRoute(Me: z.ZodType) {
  return createRoute({
    method: 'patch',
    path: '/v1/me',
    operationId: 'updateMe',
    tags: ['auth'],
    summary: 'Change your own email, password, time zone or language (MC-2)',
    description:
      'Changing the email or the password needs `currentPassword`. Tokens already issued stay valid until they expire.',
    security: bearer,
    request: {
      headers: z.object({ 'if-match': z.string().optional() }),
      body: jsonBody(PatchMeRequest),
    },
    responses: {
      200: jsonResponse(Me, 'The caller after the change (ETag header carries the version)'),
      ...problems(400, 401, 403, 409, 412, 413, 429),
    },
  });
}

/** Applies `PATCH /v1/me` for a staff user who signs in with a password. */
export async function updateMe(
  services: Services,
  principal: Principal,
  change: z.infer<typeof PatchMeRequest>,
  ifMatch: string | undefined,
  clientAddress: string,
) {
  const { actor } = principal;
  if (actor.kind !== 'staff' || actor.role === 'api-manager') {
    throw ProblemError.forbidden('Only users who sign in with a password change their account here.');
  }
  const { db } = services.handle;
  const sensitive = change.email !== undefined || change.password !== undefined;
  const current = await db
    .selectFrom('users')
    .select(['email', 'password_hash', 'pending_password', 'version'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  checkIfMatch(ifMatch, current.version, 'Your account changed since it was read; read it again.');
  if (sensitive) {
    if (change.currentPassword === undefined) {
      throw ProblemError.badRequest('Changing the email or the password needs your current password.', [
        { path: 'body.currentPassword', message: 'Required.' },
      ]);
    }
    await confirmOwnPassword(
      services,
      { ...current, id: actor.userId, organizationId: actor.organizationId },
      change.currentPassword,
      clientAddress,
    );
  }
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  if (change.email !== undefined && (await emailTaken(db, change.email, actor.userId))) {
    throw ProblemError.conflict('email-taken', 'A user with this email exists.');
  }
  try {
    const updated = await db
      .updateTable('users')
      .set({
        ...(change.email !== undefined ? { email: change.email.toLowerCase() } : {}),
        ...(passwordHash !== undefined ? { password_hash: passwordHash, pending_password: null } : {}),
        ...(change.language !== undefined ? { language: change.language } : {}),
        ...(change.timeZone !== undefined ? { time_zone: canonicalTimeZone(change.timeZone) ?? 'UTC' } : {}),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', actor.userId)
      .where('version', '=', current.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw ProblemError.preconditionFailed('Your account changed meanwhile; read it again.');
    }
  } catch (error) {
    if (isEmailConflict(error)) throw ProblemError.conflict('email-taken', 'A user with this email exists.');
    throw error;
  }
  return staffMe(services, principal as StaffPrincipal);
}

/** Registers `PATCH /v1/me` next to `GET /v1/me`. */
export function registerPatchMe(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  Me: z.ZodType,
  clientIp: (c: Context) => string,
): void {
  app.openapi(patchMeRoute(Me), async (c) => {
    const principal = c.get('principal');
    const { body, etag } = await updateMe(
      services,
      principal,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
      clientIp(c),
    );
    return c.json(body, 200, { ETag: etag });
  });
}
