import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { teamLineage } from '@sightline/core/domain';
import { sql } from 'kysely';
import type { AppEnv, Services } from '../context.js';
import { versionEtag } from '../http/etag.js';
import { idempotency } from '../http/idempotency.js';
import { bearer, IdempotencyKeyHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { canSeeUser, requireStaffManager } from './access.js';
import {
  CreateUserRequest,
  PatchUserRequest,
  UserIdParams,
  UserListQuery,
  UserPage,
  UserSchema,
} from './schemas.js';
import { createUser, deleteUser, updateUser } from './service.js';
import { findUser, selectUsers, userToWire } from './store.js';

const IfMatch = z.object({
  'if-match': z.string().optional().openapi({
    description: 'ETag of the user as last read; a stale one is refused with 412.',
  }),
});

const listUsers = createRoute({
  method: 'get',
  path: '/v1/users',
  operationId: 'listUsers',
  tags: ['users'],
  summary: 'Users the caller manages, by screen name (managers and API keys, MC-1)',
  security: bearer,
  request: { query: UserListQuery },
  responses: { 200: jsonResponse(UserPage, 'A page of users'), ...problems(400, 401, 403) },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/v1/users',
  operationId: 'createUser',
  tags: ['users'],
  summary: 'Add a user: company or team manager (company managers), agent (MC-1, MC-4)',
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreateUserRequest) },
  responses: {
    201: jsonResponse(UserSchema, 'The new user (ETag header carries its version)'),
    ...problems(400, 401, 403, 404, 409, 413, 422),
  },
});

const getUser = createRoute({
  method: 'get',
  path: '/v1/users/{id}',
  operationId: 'getUser',
  tags: ['users'],
  summary: 'One user (deleted users are gone: 404)',
  security: bearer,
  request: { params: UserIdParams },
  responses: {
    200: jsonResponse(UserSchema, 'The user (ETag header carries its version)'),
    ...problems(401, 403, 404),
  },
});

const patchUser = createRoute({
  method: 'patch',
  path: '/v1/users/{id}',
  operationId: 'updateUser',
  tags: ['users'],
  summary: 'Change a user: names, email, password, team (moving an agent), role, rights, managed teams',
  security: bearer,
  request: { params: UserIdParams, headers: IfMatch, body: jsonBody(PatchUserRequest) },
  responses: {
    200: jsonResponse(UserSchema, 'The user after the change'),
    ...problems(400, 401, 403, 404, 409, 412, 413),
  },
});

const deleteUserRoute = createRoute({
  method: 'delete',
  path: '/v1/users/{id}',
  operationId: 'deleteUser',
  tags: ['users'],
  summary: 'Delete a user; their past sessions stay and show a deleted user (MC-4)',
  security: bearer,
  request: { params: UserIdParams, headers: IfMatch },
  responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409, 412) },
});

function decodeCursor(cursor: string | undefined): [string, string] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {}
  throw ProblemError.badRequest('The cursor is not valid.');
}

/** Teams a team manager reaches: the managed ones and every team below them. */
function reachableTeams(
  managed: readonly string[],
  teams: readonly { id: string; parentId: string | null }[],
) {
  return teams.filter((t) => teamLineage(t.id, teams).some((id) => managed.includes(id))).map((t) => t.id);
}

/** Users: listing with filters, creating, reading, changing, deleting (MC-1, MC-2, MC-4). */
export function registerUserRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listUsers, async (c) => {
    const actor = requireStaffManager(c.get('principal').actor);
    const query = c.req.valid('query');
    let q = selectUsers(db, actor.organizationId)
      .where('users.role', '<>', 'api-manager')
      .orderBy('users.display_name')
      .orderBy('users.id')
      .limit(query.limit + 1);
    if (actor.role === 'team-manager') {
      const reach = reachableTeams(actor.managedTeamIds, await services.teamsOf(actor.organizationId));
      q = q.where((eb) =>
        eb.or([
          eb('users.id', '=', actor.userId),
          ...(reach.length > 0
            ? [eb.and([eb('users.role', '=', 'agent'), eb('users.team_id', 'in', reach)])]
            : []),
        ]),
      );
    }
    if (query.role) q = q.where('users.role', '=', query.role);
    if (query.teamId) q = q.where('users.team_id', '=', query.teamId);
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      q = q.where(
        sql<boolean>`lower(users.email || ' ' || users.first_name || ' ' || users.last_name || ' ' || users.display_name) like ${like}`,
      );
    }
    const after = decodeCursor(query.cursor);
    if (after) q = q.where(sql<boolean>`(users.display_name, users.id) > (${after[0]}, ${after[1]})`);
    const rows = await q.execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.display_name, last.id])).toString('base64url')
        : null;
    return c.json(
      { items: page.map((r) => userToWire({ ...r, managed: r.managed ?? [] })), nextCursor },
      200,
    );
  });

  app.use('/v1/users', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createUserRoute, async (c) => {
    const row = await createUser(services, c.get('principal').actor, () => c.req.valid('json'));
    return c.json(userToWire(row), 201, { ETag: versionEtag(row.version), Location: `/v1/users/${row.id}` });
  });

  app.openapi(getUser, async (c) => {
    const { actor } = c.get('principal');
    if (actor.kind !== 'staff') throw ProblemError.forbidden('Only staff see users.');
    const row = await findUser(db, actor.organizationId, c.req.valid('param').id);
    if (!row || row.role === 'api-manager') throw ProblemError.notFound('No user with this id.');
    const teams = await services.teamsOf(actor.organizationId);
    if (!canSeeUser(actor, { id: row.id, role: row.role, teamId: row.team_id }, teams)) {
      throw ProblemError.forbidden('This user is outside the teams you manage.');
    }
    return c.json(userToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchUser, async (c) => {
    const row = await updateUser(
      services,
      c.get('principal').actor,
      c.req.valid('param').id,
      () => c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(userToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(deleteUserRoute, async (c) => {
    await deleteUser(
      services,
      c.get('principal').actor,
      c.req.valid('param').id,
      c.req.valid('header')['if-match'],
    );
    return c.body(null, 204);
  });
}
