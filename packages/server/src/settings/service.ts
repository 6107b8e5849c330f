import {
  type AgentSetting,
  type AgentSettingSources,
  type AgentSettingValues,
  agentSettingSources,
  hasRight,
  isWithinManagedTeams,
  storedSettingsOf,
  type TeamNode,
} from '@sightline/core/domain';
import { sql } from 'kysely';
import type { Principal, Services } from '../context.js';
import { appendOrganizationEvent } from '../events/outbox.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import {
  assertMayReadTeamSettings,
  assertRightInScope,
  requireStaff,
  type Staff,
  withRights,
} from '../teams/access.js';
import { type FeatureContextData, loadFeatureContext, type UserSettingsContext } from './load.js';
import { type SettingValuesWire, valuesToWire } from './schemas.js';

export type SettingsInput = Partial<Record<AgentSetting, boolean | null | undefined>>;

export interface TeamSettingsView {
  teamId: string;
  settings: SettingValuesWire;
  effective: AgentSettingSources;
  version: number;
}

export interface UserSettingsView {
  userId: string;
  teamId: string | null;
  overrides: SettingValuesWire;
  effective: AgentSettingSources;
  version: number;
}

function onlySet(input: SettingsInput): AgentSettingValues {
  const out: AgentSettingValues = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'boolean') out[k as AgentSetting] = v;
  return out;
}

async function teamSettingsView(services: Services, organizationId: string, teamId: string) {
  // One snapshot for the settings and their version: read apart, a change committed between them
  // paired the old settings with the new version, and a PUT sent with that ETag passed `If-Match`
  // and overwrote the change it had never seen.
  const { context, team } = await services.handle.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => ({
      context: await loadFeatureContext(trx, organizationId, null),
      team: await trx
        .selectFrom('teams')
        .select(['id', 'settings_version'])
        .where('id', '=', teamId)
        .where('organization_id', '=', organizationId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    }));
  const node = context.teams.find((t) => t.id === teamId);
  if (!team || !node) throw ProblemError.notFound('No team with this id.');
  const { features = {}, logSessions } = node;
  const view: TeamSettingsView = {
    teamId,
    settings: valuesToWire({ ...features, ...(logSessions !== undefined ? { logSessions } : {}) }),
    effective: agentSettingSources({ teamId }, context.teams),
    version: team.settings_version,
  };
  return { view, tree: context.teams as readonly TeamNode[] };
}

/** `GET /v1/teams/{id}/settings`: see `assertMayReadTeamSettings` for who may read. */
export async function readTeamSettings(services: Services, principal: Principal, teamId: string) {
  const { actor } = principal;
  const { view, tree } = await teamSettingsView(services, actor.organizationId, teamId);
  assertMayReadTeamSettings(actor, teamId, tree);
  return view;
}

/**
 * `PUT /v1/teams/{id}/settings` (MC-5): replaces the team's defaults (a missing key or `null`
 * inherits). Company managers anywhere; team managers with `team.settings` within their teams;
 * agents granted `team.settings` for their own team.
 */
export async function writeTeamSettings(
  services: Services,
  principal: Principal,
  teamId: string,
  /** Read after the checks (authorization, existence, `If-Match`): http/deferred-input.ts. */
  input: () => SettingsInput,
  ifMatch: string | undefined,
): Promise<TeamSettingsView> {
  const actor = requireStaff(await withRights(services, principal.actor));
  const organizationId = actor.organizationId;
  const { view: before, tree } = await teamSettingsView(services, organizationId, teamId);
  if (actor.role === 'api-manager') throw apiKeyRefused();
  assertRightInScope(actor, 'team.settings', teamId, tree, 'Changing team settings');
  await services.handle.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('teams')
      .select('settings_version')
      .where('id', '=', teamId)
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No team with this id.');
    checkIfMatch(
      ifMatch,
      row.settings_version,
      'The team settings changed since you read it; read it again and retry.',
    );
    const values = onlySet(input());
    await trx
      .updateTable('teams')
      .set({
        settings: JSON.stringify(storedSettingsOf(values)),
        settings_version: sql`settings_version + 1`,
        updated_at: services.clock(),
      })
      .where('id', '=', teamId)
      .execute();
    await appendOrganizationEvent(trx, services.handle, {
      organizationId,
      type: 'team.settings.updated',
      teamId,
      data: { teamId, before: before.settings, after: valuesToWire(values), by: actor.userId },
    });
  });
  services.handle.notifier.notify();
  return (await teamSettingsView(services, organizationId, teamId)).view;
}

function apiKeyRefused(): ProblemError {
  return ProblemError.forbidden('API keys provision users and teams; settings are for managers (MC-1).');
}

async function userContext(services: Services, organizationId: string, userId: string) {
  const context = await loadFeatureContext(services.handle.db, organizationId, userId);
  if (!context.user || context.user.role === 'api-manager')
    throw ProblemError.notFound('No user with this id.');
  return context as FeatureContextData & { user: UserSettingsContext };
}

function userView(context: FeatureContextData & { user: UserSettingsContext }): UserSettingsView {
  const { user, teams } = context;
  return {
    userId: user.id,
    teamId: user.teamId,
    overrides: valuesToWire(user.overrides),
    effective: agentSettingSources({ teamId: user.teamId, overrides: user.overrides }, teams),
    version: user.settingsVersion,
  };
}

/**
 * Who may change a user's overrides: company managers anyone; team managers with `team.settings`
 * the agents of their teams; agents granted `team.settings` the agents of their own team.
 */
function assertMayWriteUser(actor: Staff, user: UserSettingsContext, tree: readonly TeamNode[]): void {
  if (actor.role === 'company-manager') return;
  if (actor.role === 'api-manager') throw apiKeyRefused();
  if (user.role !== 'agent')
    throw ProblemError.forbidden('Only company managers change the settings of managers.');
  assertRightInScope(actor, 'team.settings', user.teamId, tree, 'Changing an agent’s settings');
}

/** Readers: the user themselves, company managers, team managers for their teams' agents, and whoever may write. */
function assertMayReadUser(actor: Staff, user: UserSettingsContext, tree: readonly TeamNode[]): void {
  if (actor.userId === user.id || actor.role === 'company-manager') return;
  if (actor.role === 'api-manager') throw apiKeyRefused();
  if (user.role === 'agent') {
    if (actor.role === 'team-manager' && isWithinManagedTeams(user.teamId, actor.managedTeamIds, tree))
      return;
    if (actor.role === 'agent' && hasRight(actor, 'team.settings') && actor.teamId === user.teamId) return;
  }
  throw ProblemError.forbidden('You may read the settings of yourself and the agents you manage only.');
}

/** `GET /v1/users/{id}/settings`: overrides and the effective result with its provenance (MC-5). */
export async function readUserSettings(services: Services, principal: Principal, userId: string) {
  const actor = requireStaff(await withRights(services, principal.actor));
  const context = await userContext(services, actor.organizationId, userId);
  assertMayReadUser(actor, context.user, context.teams);
  return userView(context);
}

/** `PUT /v1/users/{id}/settings`: replaces the user's overrides (a missing key or `null` inherits). */
export async function writeUserSettings(
  services: Services,
  principal: Principal,
  userId: string,
  /** Read after the checks (authorization, existence, `If-Match`): http/deferred-input.ts. */
  input: () => SettingsInput,
  ifMatch: string | undefined,
): Promise<UserSettingsView> {
  const actor = requireStaff(await withRights(services, principal.actor));
  const organizationId = actor.organizationId;
  const before = await userContext(services, organizationId, userId);
  assertMayWriteUser(actor, before.user, before.teams);
  await services.handle.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['settings_version', 'team_id'])
      .where('id', '=', userId)
      .where('organization_id', '=', organizationId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw ProblemError.notFound('No user with this id.');
    // Moved meanwhile: the decision above was about another team.
    if (row.team_id !== before.user.teamId) {
      throw ProblemError.preconditionFailed(
        'The user moved to another team meanwhile; read the settings again.',
      );
    }
    checkIfMatch(
      ifMatch,
      row.settings_version,
      'The user settings changed since you read it; read it again and retry.',
    );
    const values = onlySet(input());
    await trx
      .updateTable('users')
      .set({
        settings: JSON.stringify(storedSettingsOf(values)),
        settings_version: sql`settings_version + 1`,
      })
      .where('id', '=', userId)
      .execute();
    await appendOrganizationEvent(trx, services.handle, {
      organizationId,
      type: 'user.settings.updated',
      teamId: row.team_id,
      data: {
        userId,
        before: valuesToWire(before.user.overrides),
        after: valuesToWire(values),
        by: actor.userId,
      },
    });
  });
  services.handle.notifier.notify();
  return userView(await userContext(services, organizationId, userId));
}
