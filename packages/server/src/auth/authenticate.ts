import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import { participantIdFor, sha256 } from './secrets.js';
import { verifyToken } from './tokens.js';

/** Prefix of API keys: `slk_<keyId>_<secret>`. */
export const API_KEY_PREFIX = 'slk_';

async function staffPrincipal(services: Services, organizationId: string, userId: string) {
  const { db } = services.handle;
  // One round trip: the user and the teams they manage (hot path of every staff request).
  const user = await db
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.role',
      'users.team_id',
      eb.fn
        .coalesce(
          eb
            .selectFrom('team_managers')
            .select(sql<string[]>`json_agg(team_managers.team_id)`.as('ids'))
            .whereRef('team_managers.user_id', '=', 'users.id'),
          sql<string[]>`'[]'::json`,
        )
        .as('managed'),
    ])
    .where('users.id', '=', userId)
    .where('users.organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!user) return undefined;
  const principal: Principal = {
    actor: {
      kind: 'staff',
      organizationId,
      userId: user.id,
      role: user.role,
      teamId: user.team_id,
      managedTeamIds: user.managed ?? [],
    },
    subject: `user:${user.id}`,
    participantId: participantIdFor(services.rawSecret, `user:${user.id}`),
  };
  return principal;
}

/** Resolves the bearer token (JWT or API key) of a request into a principal, or `undefined`. */
export async function resolvePrincipal(
  services: Services,
  authorization: string | undefined,
): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token) return undefined;
  if (token.startsWith(API_KEY_PREFIX)) {
    const [keyId, secret] = token.slice(API_KEY_PREFIX.length).split('_', 2);
    if (!keyId || !secret) return undefined;
    const key = await services.handle.db
      .selectFrom('api_keys')
      .select(['organization_id', 'user_id', 'key_hash'])
      .where('id', '=', keyId)
      .executeTakeFirst();
    if (!key || key.key_hash !== sha256(secret)) return undefined;
    return staffPrincipal(services, key.organization_id, key.user_id);
  }
  const claims = await verifyToken(services, token);
  if (!claims) return undefined;
  if (claims.kind === 'user') return staffPrincipal(services, claims.org, claims.sub);
  const device = await services.handle.db
    .selectFrom('devices')
    .select('id')
    .where('id', '=', claims.device)
    .where('organization_id', '=', claims.org)
    .executeTakeFirst();
  if (!device) return undefined;
  return {
    actor: { kind: 'customer', organizationId: claims.org, deviceId: device.id },
    subject: `customer:${device.id}`,
    participantId: participantIdFor(services.rawSecret, `customer:${device.id}`),
  };
}

/** Requires a valid token; sets `principal` on the context, else answers 401. */
export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(services, c.req.header('authorization'));
    if (!principal) throw ProblemError.unauthorized();
    c.set('principal', principal);
    await next();
  };
}
