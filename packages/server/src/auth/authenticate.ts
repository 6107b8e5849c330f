import { timingSafeEqual } from 'node:crypto';
import { INVITATION_ENDS } from '@sightline/core/domain';
import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { AppEnv, Principal, Services } from '../context.js';
import type { UsersTable } from '../db/schema.js';
import { exchangedTokenPrincipal, integrationTokenPrincipal } from '../integrations/principal.js';
import { INTEGRATION_TOKEN_PREFIX } from '../integrations/service.js';
import { ProblemError } from '../problems/problem.js';
import { participantIdFor, sha256 } from './secrets.js';
import { type VerifiedClaims, verifyToken } from './tokens.js';

/** Prefix of API keys: `slk_<keyId>_<secret>`. */
export const API_KEY_PREFIX = 'slk_';

function staffPrincipalFrom(
  services: Services,
  user: {
    id: string;
    organization_id: string;
    role: UsersTable['role'];
    team_id: string | null;
    rights: string[];
    managed: string[] | null;
  },
): Principal {
  return {
    actor: {
      kind: 'staff',
      organizationId: user.organization_id,
      userId: user.id,
      role: user.role,
      teamId: user.team_id,
      managedTeamIds: user.managed ?? [],
      rights: Array.isArray(user.rights) ? user.rights : [],
    },
    subject: `user:${user.id}`,
    participantId: participantIdFor(services.rawSecret, `user:${user.id}`),
  };
}

/** The live (not deleted) user with the teams they manage, one round trip (hot path of every staff request). */
function liveUsers(services: Services) {
  return services.handle.db
    .selectFrom('users')
    .select((eb) => [
      'users.id',
      'users.organization_id',
      'users.role',
      'users.team_id',
      'users.rights',
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
    .where('users.deleted_at', 'is', null);
}

/** What a staff principal is read from: a write to any of them expires cached principals. */
const STAFF_TABLES = ['users', 'team_managers'] as const;

/** A live staff member's principal, from the read cache while no user or team manager was written. */
function staffPrincipal(services: Services, organizationId: string, userId: string) {
  return services.handle.cache.get(`principal:${organizationId}:${userId}`, STAFF_TABLES, async () => {
    const user = await liveUsers(services)
      .where('users.id', '=', userId)
      .where('users.organization_id', '=', organizationId)
      .executeTakeFirst();
    return user ? deepFreeze(staffPrincipalFrom(services, user)) : undefined;
  });
}

/** Cached principals are shared by every request holding them. */
function deepFreeze<T extends Principal>(principal: T): T {
  Object.freeze(principal.actor);
  const { actor } = principal;
  if (actor.kind === 'staff') {
    Object.freeze(actor.managedTeamIds);
    Object.freeze(actor.rights);
  }
  return Object.freeze(principal);
}

/** The actor of a live staff member, for work done on their behalf (a scheduled report's run). */
export async function staffActorOf(
  services: Services,
  organizationId: string,
  userId: string,
): Promise<Principal['actor'] | undefined> {
  return (await staffPrincipal(services, organizationId, userId))?.actor;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What an API key's principal is read from: a write to any of them expires cached keys. */
const API_KEY_TABLES = ['users', 'team_managers', 'api_keys'] as const;

/** How often `api_keys.last_used_at` is written at most (it is a hint, not an audit log). */
const LAST_USED_RESOLUTION_MS = 60_000;

async function apiKeyPrincipal(services: Services, token: string) {
  const [keyId, secret] = token.slice(API_KEY_PREFIX.length).split('_', 2);
  if (!keyId || !secret) return undefined;
  const now = services.clock();
  // One round trip: the key (live) joined with the user it acts as; from the read cache while none
  // of them was written. Its expiry and its secret are checked on every request.
  const row = await services.handle.cache.get(`api-key:${keyId}`, API_KEY_TABLES, () =>
    liveUsers(services)
      .innerJoin('api_keys', 'api_keys.user_id', 'users.id')
      .select(['api_keys.key_hash', 'api_keys.last_used_at', 'api_keys.expires_at'])
      .where('api_keys.id', '=', keyId)
      .whereRef('api_keys.organization_id', '=', 'users.organization_id')
      .where('api_keys.revoked_at', 'is', null)
      .executeTakeFirst()
      .then((r) => r && Object.freeze(r)),
  );
  if (!row || (row.expires_at !== null && new Date(row.expires_at) <= now)) return undefined;
  if (!sameHash(row.key_hash, sha256(secret))) return undefined;
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (now.getTime() - lastUsed > LAST_USED_RESOLUTION_MS) {
    await services.handle.db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', keyId)
      .execute();
  }
  const principal = staffPrincipalFrom(services, row);
  return row.expires_at ? { ...principal, expiresAt: new Date(row.expires_at) } : principal;
}

/** Resolves the bearer token (JWT, API key or integration token) of a request into a principal, or `undefined`. */
export async function resolvePrincipal(
  services: Services,
  authorization: string | undefined,
): Promise<Principal | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token) return undefined;
  if (token.startsWith(API_KEY_PREFIX)) return apiKeyPrincipal(services, token);
  if (token.startsWith(INTEGRATION_TOKEN_PREFIX)) return integrationTokenPrincipal(services, token);
  const claims = await verifyToken(services, token);
  if (!claims) return undefined;
  const principal = await jwtPrincipal(services, claims);
  if (!principal) return undefined;
  // The earlier of the token's own expiry and any the principal brought (an exchanged token's parent).
  const exp = new Date(claims.exp * 1000);
  return {
    ...principal,
    expiresAt: principal.expiresAt && principal.expiresAt < exp ? principal.expiresAt : exp,
  };
}

async function jwtPrincipal(services: Services, claims: VerifiedClaims): Promise<Principal | undefined> {
  if (claims.kind === 'user') return staffPrincipal(services, claims.org, claims.sub);
  if (claims.kind === 'integration') return exchangedTokenPrincipal(services, claims);
  // One round trip: the live device and the code the token was issued with, not revoked; an
  // invitation's code (VS-5) also needs its session neither closed nor cancelled. From the read
  // cache while none of them was written; the code's expiry is checked on every request.
  const found = await services.handle.cache.get(
    `customer:${claims.org}:${claims.device}:${claims.acc}`,
    CUSTOMER_TABLES,
    () =>
      services.handle.db
        .selectFrom('devices')
        .innerJoin('access_codes', 'access_codes.device_id', 'devices.id')
        .leftJoin('sessions', 'sessions.id', 'access_codes.session_id')
        .select(['devices.id', 'access_codes.session_id', 'access_codes.expires_at'])
        .where('devices.id', '=', claims.device)
        .where('devices.organization_id', '=', claims.org)
        .where('devices.deleted_at', 'is', null)
        .where('access_codes.id', '=', claims.acc)
        .where('access_codes.revoked_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('access_codes.session_id', 'is', null),
            eb('sessions.status', 'not in', [...INVITATION_ENDS]),
          ]),
        )
        .executeTakeFirst()
        .then((row) => row && Object.freeze(row)),
  );
  const device =
    found && (found.expires_at === null || new Date(found.expires_at) > services.clock()) ? found : undefined;
  if (!device) return undefined;
  return {
    actor: {
      kind: 'customer',
      organizationId: claims.org,
      deviceId: device.id,
      ...(device.session_id !== null ? { sessionId: device.session_id } : {}),
    },
    subject: `customer:${device.id}`,
    participantId: participantIdFor(services.rawSecret, `customer:${device.id}`),
  };
}

/** What a customer principal is read from: a write to any of them expires cached principals. */
const CUSTOMER_TABLES = ['devices', 'access_codes', 'sessions'] as const;

/** Requires a valid token; sets `principal` on the context, else answers 401. */
export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = await resolvePrincipal(services, c.req.header('authorization'));
    if (!principal) throw ProblemError.unauthorized();
    c.set('principal', principal);
    await next();
  };
}
