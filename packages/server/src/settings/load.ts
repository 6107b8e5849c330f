import {
  type AgentSettingValues,
  type FeatureSettings,
  settingValuesOf,
  type TeamWithSettings,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** A staff user's own settings as the rules need them. */
export interface UserSettingsContext {
  id: string;
  role: string;
  teamId: string | null;
  /** Feature overrides only: the input of the domain's `agentFeatures` / `effectiveFeatures`. */
  featureOverrides: FeatureSettings;
  /** Every override, features and `logSessions`: the input of `agentSettingSources`. */
  overrides: AgentSettingValues;
  settingsVersion: number;
}

/** The organization's live teams with their settings, and one user's overrides. */
export interface FeatureContextData {
  teams: TeamWithSettings[];
  /** `undefined` when the user is not a live user of the organization. */
  user: UserSettingsContext | undefined;
}

function featuresOf(values: AgentSettingValues): FeatureSettings {
  const { logSessions: _, ...features } = values;
  return features;
}

/** A team's stored settings document as a domain team node. */
export function teamNodeOf(row: {
  id: string;
  parentId: string | null;
  settings: unknown;
}): TeamWithSettings {
  const values = settingValuesOf(row.settings);
  return {
    id: row.id,
    parentId: row.parentId,
    features: featuresOf(values),
    ...(values.logSessions !== undefined ? { logSessions: values.logSessions } : {}),
  };
}

/**
 * What computing a staff member's effective settings needs, in one round trip (MC-5, SI-6): the
 * organization's live teams with their settings (`teams.settings.features`, `teams.settings.logSessions`)
 * and the user's own overrides (`users.settings`). Feed `teams` and `user.featureOverrides` to the
 * domain's `effectiveFeatures` / `capabilitiesFor`, or `user.overrides` to `agentSettingSources`.
 * @example
 * const { teams, user } = await loadFeatureContext(db, 'org_demo', 'user_agent');
 * effectiveFeatures({ teamId: user.teamId, featureOverrides: user.featureOverrides }, teams, portal);
 */
export async function loadFeatureContext(
  db: Kysely<Database>,
  organizationId: string,
  userId: string | null,
): Promise<FeatureContextData> {
  const { rows } = await sql<{
    teams: { id: string; parentId: string | null; settings: unknown }[] | null;
    user: { id: string; role: string; teamId: string | null; settings: unknown; version: number } | null;
  }>`select
      (select json_agg(json_build_object('id', t.id, 'parentId', t.parent_id, 'settings', t.settings) order by t.id)
        from teams t where t.organization_id = ${organizationId} and t.deleted_at is null) as teams,
      (select json_build_object('id', u.id, 'role', u.role, 'teamId', u.team_id, 'settings', u.settings,
          'version', u.settings_version)
        from users u where u.id = ${userId} and u.organization_id = ${organizationId}
          and u.deleted_at is null) as "user"`.execute(db);
  const row = rows[0];
  const teams = (row?.teams ?? []).map(teamNodeOf);
  const u = row?.user;
  if (!u) return { teams, user: undefined };
  const overrides = settingValuesOf(u.settings);
  return {
    teams,
    user: {
      id: u.id,
      role: u.role,
      teamId: u.teamId,
      featureOverrides: featuresOf(overrides),
      overrides,
      settingsVersion: u.version,
    },
  };
}
