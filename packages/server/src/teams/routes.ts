import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { versionEtag } from '../http/etag.js';
import { idempotency } from '../http/idempotency.js';
import {
  bearer,
  IdempotencyKeyHeader,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  problems,
} from '../openapi/common.js';
import { ProblemError } from '../problems/problem.js';
import { requireStaff } from './access.js';
import { assertMayMoveInto, moveAgent } from './move.js';
import {
  AddMemberRequest,
  CreateTeamRequest,
  DeleteTeamQuery,
  DeleteTeamResult,
  MemberMoved,
  PatchTeamRequest,
  TeamIdParams,
  TeamList,
  TeamListQuery,
  TeamSchema,
} from './schemas.js';
import { createTeam, deleteTeam, updateTeam } from './service.js';
import { findTeam, findTeams, teamToWire } from './store.js';

const tags = ['teams'];

const listTeams = createRoute({
  method: 'get',
  path: '/v1/teams',
  operationId: 'listTeams',
  tags,
  summary: 'The organization’s team tree (every staff member; MC-3)',
  security: bearer,
  request: { query: TeamListQuery },
  responses: {
    200: jsonResponse(TeamList, 'Teams, ordered by name; `parentId` builds the tree'),
    ...problems(400, 401, 403),
  },
});

const createTeamRoute = createRoute({
  method: 'post',
  path: '/v1/teams',
  operationId: 'createTeam',
  tags,
  summary: 'Create a team or sub-team (company managers and API keys; MC-1, MC-3)',
  security: bearer,
  request: { headers: IdempotencyKeyHeader, body: jsonBody(CreateTeamRequest) },
  responses: { 201: jsonResponse(TeamSchema, 'The new team'), ...problems(400, 401, 403, 409, 413, 422) },
});

const getTeam = createRoute({
  method: 'get',
  path: '/v1/teams/{id}',
  operationId: 'getTeam',
  tags,
  summary: 'One team',
  security: bearer,
  request: { params: TeamIdParams },
  responses: {
    200: jsonResponse(TeamSchema, 'The team (ETag header carries its version)'),
    ...problems(401, 403, 404),
  },
});

const patchTeam = createRoute({
  method: 'patch',
  path: '/v1/teams/{id}',
  operationId: 'updateTeam',
  tags,
  summary: 'Rename a team, move it in the tree or choose its managers',
  description:
    'Renaming: company managers, API keys, team managers with `team.settings` within their teams. New parent: company managers and API keys; a parent that is the team or one of its sub-teams is refused (409 `team-cycle`), as is nesting deeper than 10 levels (409 `team-too-deep`). `managerIds`: company managers.',
  security: bearer,
  request: { params: TeamIdParams, headers: IfMatchHeader, body: jsonBody(PatchTeamRequest) },
  responses: {
    200: jsonResponse(TeamSchema, 'The team after the change'),
    ...problems(400, 401, 403, 404, 409, 412, 413),
  },
});

const deleteTeamRoute = createRoute({
  method: 'delete',
  path: '/v1/teams/{id}',
  operationId: 'deleteTeam',
  tags,
  summary: 'Delete a team; its agents, sub-teams, devices and open sessions move to another team (MC-3)',
  description:
    'The receiving team is `moveTo`, else the parent; a root team needs `moveTo` (409 `team-delete-needs-target`). Nothing but the team is deleted; closed sessions keep naming it for reports.',
  security: bearer,
  request: { params: TeamIdParams, query: DeleteTeamQuery, headers: IfMatchHeader },
  responses: {
    200: jsonResponse(DeleteTeamResult, 'What moved where'),
    ...problems(400, 401, 403, 404, 409, 412),
  },
});

const addMember = createRoute({
  method: 'post',
  path: '/v1/teams/{id}/members',
  operationId: 'addTeamMember',
  tags,
  summary: 'Move an agent into this team (MC-3)',
  description:
    'Company managers and API keys move any agent; team managers need `agents.move` and move agents only between teams they manage. The same as `PATCH /v1/users/{id}` with a new `teamId`.',
  security: bearer,
  request: { params: TeamIdParams, body: jsonBody(AddMemberRequest) },
  responses: {
    200: jsonResponse(MemberMoved, 'Where the agent is now'),
    ...problems(400, 401, 403, 404, 409, 413),
  },
});

/** `/v1/teams`: the team tree, its changes, deletion with moves, and moving agents in. */
export function registerTeamRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  const { db } = services.handle;

  app.openapi(listTeams, async (c) => {
    const actor = requireStaff(c.get('principal').actor);
    const includeDeleted = c.req.valid('query').includeDeleted === 'true';
    if (includeDeleted && actor.role !== 'company-manager') {
      throw ProblemError.forbidden('Only company managers list deleted teams.');
    }
    const rows = await findTeams(db, actor.organizationId, { includeDeleted });
    return c.json({ items: rows.map(teamToWire) }, 200);
  });

  app.use('/v1/teams', async (c, next) =>
    c.req.method === 'POST' ? idempotency(services)(c, next) : next(),
  );
  app.openapi(createTeamRoute, async (c) => {
    const row = await createTeam(services, c.get('principal'), c.req.valid('json'));
    return c.json(teamToWire(row), 201, { ETag: versionEtag(row.version), Location: `/v1/teams/${row.id}` });
  });

  app.openapi(getTeam, async (c) => {
    const { actor } = c.get('principal');
    const row = await findTeam(db, actor.organizationId, c.req.valid('param').id);
    if (!row) throw ProblemError.notFound('No team with this id.');
    requireStaff(actor);
    return c.json(teamToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(patchTeam, async (c) => {
    const row = await updateTeam(
      services,
      c.get('principal'),
      c.req.valid('param').id,
      () => c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(teamToWire(row), 200, { ETag: versionEtag(row.version) });
  });

  app.openapi(deleteTeamRoute, async (c) => {
    const result = await deleteTeam(
      services,
      c.get('principal'),
      c.req.valid('param').id,
      c.req.valid('query').moveTo,
      c.req.valid('header')['if-match'],
    );
    return c.json(result, 200);
  });

  app.openapi(addMember, async (c) => {
    const principal = c.get('principal');
    const toTeamId = c.req.valid('param').id;
    await assertMayMoveInto(services, principal, toTeamId);
    const result = await moveAgent(services, principal, c.req.valid('json').userId, toTeamId);
    return c.json(result, 200);
  });
}
