import { Feature } from '../schemas/enums.js';
import { teamLineage } from '../session/teams.js';
import type { TeamWithFeatures } from './features.js';

/**
 * Settings a team sets for its agents and an agent may override (MC-5, SI-6): every feature switch
 * plus "log sessions for reporting".
 */
export const AgentSetting = { ...Feature, logSessions: 'logSessions' } as const;
/** One of {@link AgentSetting}. */
export type AgentSetting = (typeof AgentSetting)[keyof typeof AgentSetting];

/** Every agent setting, features first, in declaration order. */
export const allAgentSettings: readonly AgentSetting[] = Object.values(AgentSetting);

/** Values set at one level (a team or an agent); a missing key means "inherit from above". */
export type AgentSettingValues = Partial<Record<AgentSetting, boolean>>;

/** A team node with its feature switches and its "log sessions" default. */
export interface TeamWithSettings extends TeamWithFeatures {
  logSessions?: boolean | undefined;
}

/** Where an effective value came from: the agent's own override, a team up the tree, or the default. */
export type SettingSource = 'agent' | 'team' | 'default';

/** An effective value with its provenance; `teamId` names the team when `source` is `team`. */
export interface SourcedSetting {
  value: boolean;
  source: SettingSource;
  teamId?: string;
}

/** Effective value of every agent setting with where it came from. */
export type AgentSettingSources = Record<AgentSetting, SourcedSetting>;

/** Default of every setting when nobody sets it: features on (as `agentFeatures`), logging on (SI-6). */
export const agentSettingDefaults: Readonly<Record<AgentSetting, boolean>> = Object.fromEntries(
  allAgentSettings.map((s) => [s, true]),
) as Record<AgentSetting, boolean>;

function teamValue(team: TeamWithSettings | undefined, setting: AgentSetting): boolean | undefined {
  if (!team) return undefined;
  return setting === 'logSessions' ? team.logSessions : team.features?.[setting];
}

/**
 * The effective agent settings with their provenance (MC-5): the agent's override if set, else the
 * nearest team up the tree (the agent's own team first) that sets it, else the default. For the
 * features this is exactly `agentFeatures`'s rule, told with where each value came from — what an
 * administrator needs to see why a tool is off. Pass `teamId` without overrides to get what a
 * team's agents inherit.
 * @example
 * const teams = [{ id: 'field', parentId: null, features: { mirror: false } }];
 * agentSettingSources({ teamId: 'field' }, teams).mirror; // { value: false, source: 'team', teamId: 'field' }
 */
export function agentSettingSources(
  user: { teamId: string | null; overrides?: AgentSettingValues | undefined },
  teams: readonly TeamWithSettings[],
): AgentSettingSources {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const lineage = user.teamId === null ? [] : teamLineage(user.teamId, teams).map((id) => byId.get(id));
  const result = {} as AgentSettingSources;
  for (const setting of allAgentSettings) {
    const own = user.overrides?.[setting];
    if (own !== undefined) {
      result[setting] = { value: own, source: 'agent' };
      continue;
    }
    const from = lineage.find((t) => teamValue(t, setting) !== undefined);
    const inherited = teamValue(from, setting);
    result[setting] =
      from && inherited !== undefined
        ? { value: inherited, source: 'team', teamId: from.id }
        : { value: agentSettingDefaults[setting], source: 'default' };
  }
  return result;
}

/**
 * Splits a settings document as stored (`{ features: {…}, logSessions }`) into flat values; only
 * booleans of known settings count, anything else (including `null`) means "inherit".
 * @example
 * settingValuesOf({ features: { chat: false }, logSessions: true }); // { chat: false, logSessions: true }
 */
export function settingValuesOf(stored: unknown): AgentSettingValues {
  const out: AgentSettingValues = {};
  if (!stored || typeof stored !== 'object') return out;
  const features = (stored as { features?: unknown }).features;
  if (features && typeof features === 'object') {
    for (const f of Object.values(Feature)) {
      const v = (features as Record<string, unknown>)[f];
      if (typeof v === 'boolean') out[f] = v;
    }
  }
  const log = (stored as { logSessions?: unknown }).logSessions;
  if (typeof log === 'boolean') out.logSessions = log;
  return out;
}

/**
 * The stored form of flat setting values: feature switches under `features`, `logSessions` beside
 * them; unset (`null`/missing) values are left out.
 * @example
 * storedSettingsOf({ chat: false, logSessions: null }); // { features: { chat: false } }
 */
export function storedSettingsOf(values: Partial<Record<AgentSetting, boolean | null>>): {
  features: Partial<Record<Feature, boolean>>;
  logSessions?: boolean;
} {
  const features: Partial<Record<Feature, boolean>> = {};
  for (const f of Object.values(Feature)) {
    const v = values[f];
    if (typeof v === 'boolean') features[f] = v;
  }
  const log = values.logSessions;
  return typeof log === 'boolean' ? { features, logSessions: log } : { features };
}
