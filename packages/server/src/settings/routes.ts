import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, Services } from '../context.js';
import { versionEtag } from '../http/etag.js';
import { bearer, IfMatchHeader, jsonBody, jsonResponse, problems } from '../openapi/common.js';
import {
  PutTeamSettingsRequest,
  PutUserSettingsRequest,
  SettingsIdParams,
  TeamSettingsSchema,
  UserSettingsSchema,
} from './schemas.js';
import { readTeamSettings, readUserSettings, writeTeamSettings, writeUserSettings } from './service.js';

const getTeamSettings = createRoute({
  method: 'get',
  path: '/v1/teams/{id}/settings',
  operationId: 'getTeamSettings',
  tags: ['settings'],
  summary: 'A team’s defaults for its agents, and what they add up to (MC-5)',
  security: bearer,
  request: { params: SettingsIdParams },
  responses: {
    200: jsonResponse(TeamSettingsSchema, 'The team’s settings (ETag header carries their version)'),
    ...problems(401, 403, 404),
  },
});

const putTeamSettings = createRoute({
  method: 'put',
  path: '/v1/teams/{id}/settings',
  operationId: 'putTeamSettings',
  tags: ['settings'],
  summary: 'Replace a team’s defaults for its agents (MC-5)',
  description:
    'Company managers; team managers with `team.settings` within their teams; agents granted `team.settings` for their own team. A missing key or `null` inherits from the team above.',
  security: bearer,
  request: { params: SettingsIdParams, headers: IfMatchHeader, body: jsonBody(PutTeamSettingsRequest) },
  responses: {
    200: jsonResponse(TeamSettingsSchema, 'The team’s settings after the change'),
    ...problems(400, 401, 403, 404, 412, 413),
  },
});

const getUserSettings = createRoute({
  method: 'get',
  path: '/v1/users/{id}/settings',
  operationId: 'getUserSettings',
  tags: ['settings'],
  summary: 'A user’s own overrides and effective settings with where each came from (MC-5)',
  security: bearer,
  request: { params: SettingsIdParams },
  responses: {
    200: jsonResponse(
      UserSettingsSchema,
      'Overrides and effective settings (ETag header carries their version)',
    ),
    ...problems(401, 403, 404),
  },
});

const putUserSettings = createRoute({
  method: 'put',
  path: '/v1/users/{id}/settings',
  operationId: 'putUserSettings',
  tags: ['settings'],
  summary: 'Replace an agent’s overrides (MC-5)',
  description:
    'Company managers; team managers with `team.settings` for agents of their teams; agents granted `team.settings` for agents of their own team. A missing key or `null` inherits from the team.',
  security: bearer,
  request: { params: SettingsIdParams, headers: IfMatchHeader, body: jsonBody(PutUserSettingsRequest) },
  responses: {
    200: jsonResponse(UserSettingsSchema, 'Overrides and effective settings after the change'),
    ...problems(400, 401, 403, 404, 412, 413),
  },
});

/** Team defaults and per-agent overrides with the effective result (MC-5, SI-6). */
export function registerSettingsRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openapi(getTeamSettings, async (c) => {
    const view = await readTeamSettings(services, c.get('principal'), c.req.valid('param').id);
    return c.json(view, 200, { ETag: versionEtag(view.version) });
  });

  app.openapi(putTeamSettings, async (c) => {
    const view = await writeTeamSettings(
      services,
      c.get('principal'),
      c.req.valid('param').id,
      () => c.req.valid('json').settings,
      c.req.valid('header')['if-match'],
    );
    return c.json(view, 200, { ETag: versionEtag(view.version) });
  });

  app.openapi(getUserSettings, async (c) => {
    const view = await readUserSettings(services, c.get('principal'), c.req.valid('param').id);
    return c.json(view, 200, { ETag: versionEtag(view.version) });
  });

  app.openapi(putUserSettings, async (c) => {
    const view = await writeUserSettings(
      services,
      c.get('principal'),
      c.req.valid('param').id,
      () => c.req.valid('json').overrides,
      c.req.valid('header')['if-match'],
    );
    return c.json(view, 200, { ETag: versionEtag(view.version) });
  });
}
