import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { mayManageReplayPassphrase } from '@sightline/core/domain';
import type { Selectable } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import type { ReplayKeysTable } from '../db/schema.js';
import { clientIp } from '../http/client-ip.js';
import { bearer, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { confirmOwnPassword } from '../users/confirm-password.js';
import { createReplayKey, resealReplayKey } from './keys.js';
import { PassphraseStatus, RemovePassphraseRequest, SessionParams, SetPassphraseRequest } from './schemas.js';

const tags = ['recordings'];
const params = SessionParams;

const getPassphrase = createRoute({
  method: 'get',
  path: '/v1/portals/{id}/replay-passphrase',
  operationId: 'getReplayPassphrase',
  tags,
  summary: 'Whether the portal’s recordings are protected by a replay passphrase (MC-13)',
  security: bearer,
  request: { params },
  responses: {
    200: jsonResponse(PassphraseStatus, 'The status; never the passphrase'),
    ...problems(401, 403, 404),
  },
});

const setPassphrase = createRoute({
  method: 'put',
  path: '/v1/portals/{id}/replay-passphrase',
  operationId: 'setReplayPassphrase',
  tags,
  summary: 'Set or change the portal’s replay passphrase (MC-13)',
  description:
    'Company managers, with their own account password. Setting makes a new replay key pair whose private ' +
    'half is sealed under a key derived from the passphrase (scrypt); recordings from then on are ' +
    'protected. Changing needs `currentPassphrase`: the same key pair is sealed again under the new ' +
    'passphrase, recordings stay as they are and the old passphrase stops working. There is no reset: a ' +
    'forgotten passphrase leaves its recordings unreadable for everyone.',
  security: bearer,
  request: { params, body: jsonBody(SetPassphraseRequest) },
  responses: { 200: jsonResponse(PassphraseStatus, 'Protected'), ...problems(400, 401, 403, 404, 409, 429) },
});

const removePassphrase = createRoute({
  method: 'post',
  path: '/v1/portals/{id}/replay-passphrase/remove',
  operationId: 'removeReplayPassphrase',
  tags,
  summary: 'Remove the portal’s replay passphrase (MC-13)',
  description:
    'Recordings made afterwards are not protected. Earlier ones stay bound to the passphrase that ' +
    'protected them: their key is retired, not deleted.',
  security: bearer,
  request: { params, body: jsonBody(RemovePassphraseRequest) },
  responses: {
    200: jsonResponse(PassphraseStatus, 'Not protected'),
    ...problems(400, 401, 403, 404, 409, 429),
  },
});

type KeyRow = Pick<Selectable<ReplayKeysTable>, 'id' | 'created_at' | 'changed_at'>;
const statusOf = (portalId: string, key: KeyRow | undefined) => ({
  portalId,
  protected: key !== undefined,
  replayKeyId: key?.id ?? null,
  setAt: key ? new Date(key.created_at).toISOString() : null,
  changedAt: key?.changed_at ? new Date(key.changed_at).toISOString() : null,
});

/** A portal's replay passphrase (MC-13): its status, setting or changing it, removing it. */
export function registerPassphraseRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  async function managedPortal(principal: Principal, portalId: string) {
    const { actor } = principal;
    if (!mayManageReplayPassphrase(actor, actor.organizationId)) {
      throw ProblemError.forbidden('Only company managers manage the replay passphrase.');
    }
    const portal = await db
      .selectFrom('portals')
      .select('id')
      .where('id', '=', portalId)
      .where('organization_id', '=', actor.organizationId)
      .executeTakeFirst();
    if (!portal) throw ProblemError.notFound('No portal with this id.');
    return portal.id;
  }

  const liveKey = (portalId: string) =>
    db
      .selectFrom('replay_keys')
      .selectAll()
      .where('portal_id', '=', portalId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();

  async function confirm(principal: Principal, password: string, address: string) {
    const { actor } = principal;
    if (actor.kind !== 'staff')
      throw ProblemError.forbidden('Only company managers manage the replay passphrase.');
    const user = await db
      .selectFrom('users')
      .select(['id', 'email', 'password_hash', 'pending_password'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    await confirmOwnPassword(
      services,
      { ...user, organizationId: actor.organizationId },
      password,
      address,
      'Your account password is wrong.',
    );
  }

  app.openapi(getPassphrase, async (c) => {
    const portalId = await managedPortal(c.get('principal'), c.req.valid('param').id);
    return c.json(statusOf(portalId, await liveKey(portalId)), 200);
  });

  app.openapi(setPassphrase, async (c) => {
    const principal = c.get('principal');
    const portalId = await managedPortal(principal, c.req.valid('param').id);
    const { password, passphrase, currentPassphrase } = c.req.valid('json');
    await confirm(principal, password, clientIp(c));
    const now = services.clock();
    const current = await liveKey(portalId);
    if (current) {
      if (currentPassphrase === undefined) {
        throw ProblemError.badRequest('Changing the replay passphrase needs the current one.', [
          { path: 'body.currentPassphrase', message: 'Required: the portal has a passphrase' },
        ]);
      }
      const attempt = await services.signIns.admit({
        kind: 'replay-passphrase',
        clientAddress: clientIp(c),
        identifier: current.id,
        organizationId: current.organization_id,
        subject: `replay-key:${current.id}`,
      });
      const resealed = await resealReplayKey(
        { sealedPrivateKey: current.sealed_private_key, kdf: current.kdf },
        currentPassphrase,
        passphrase,
        services.config.replayKdfLogN,
      );
      if (!resealed) {
        await services.signIns.failed(attempt);
        throw new ProblemError(403, 'wrong-passphrase', 'The current replay passphrase is wrong.');
      }
      await services.signIns.succeeded(attempt);
      const updated = await db
        .updateTable('replay_keys')
        .set({
          sealed_private_key: resealed.sealedPrivateKey,
          kdf: JSON.stringify(resealed.kdf),
          changed_at: now,
        })
        .where('id', '=', current.id)
        .where('sealed_private_key', '=', current.sealed_private_key)
        .where('retired_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!updated)
        throw ProblemError.conflict('passphrase-state', 'The passphrase changed meanwhile; try again.');
      return c.json(statusOf(portalId, updated), 200);
    }
    const key = await createReplayKey(passphrase, services.config.replayKdfLogN);
    try {
      const inserted = await db
        .insertInto('replay_keys')
        .values({
          id: randomUUID(),
          organization_id: principal.actor.organizationId,
          portal_id: portalId,
          public_key: key.publicKey,
          sealed_private_key: key.sealedPrivateKey,
          kdf: JSON.stringify(key.kdf),
          created_by: principal.actor.kind === 'staff' ? principal.actor.userId : '',
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return c.json(statusOf(portalId, inserted), 200);
    } catch (error) {
      if (await liveKey(portalId)) {
        throw ProblemError.conflict('passphrase-state', 'A passphrase was set meanwhile; change it instead.');
      }
      throw error;
    }
  });

  app.openapi(removePassphrase, async (c) => {
    const principal = c.get('principal');
    const portalId = await managedPortal(principal, c.req.valid('param').id);
    const { password } = c.req.valid('json');
    await confirm(principal, password, clientIp(c));
    const retired = await db
      .updateTable('replay_keys')
      .set({ retired_at: services.clock() })
      .where('portal_id', '=', portalId)
      .where('retired_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!retired) throw ProblemError.conflict('passphrase-state', 'The portal has no replay passphrase.');
    return c.json(statusOf(portalId, undefined), 200);
  });
}
