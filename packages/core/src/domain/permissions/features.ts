import type { FeatureSettings } from '../schemas/common.js';
import { Feature } from '../schemas/enums.js';
import type { PortalFeatures } from '../schemas/portal.js';
import { type TeamNode, teamLineage } from '../session/teams.js';

/** A team node with its own feature settings (MC-5). */
export interface TeamWithFeatures extends TeamNode {
  features?: FeatureSettings | undefined;
}

/** Every feature switched on or off. */
export type FeatureMap = Record<Feature, boolean>;

/** Every feature, in declaration order. */
export const allFeatures = Object.values(Feature);

/**
 * The agent's own feature switches (MC-5): the agent's override if set, else the nearest team up
 * the tree (the agent's team first) that sets the feature, else on.
 * @example
 * agentFeatures({ teamId: 'field', featureOverrides: { mirror: false } }, teams).mirror; // false
 */
export function agentFeatures(
  user: { teamId: string | null; featureOverrides?: FeatureSettings | undefined },
  teams: readonly TeamWithFeatures[],
): FeatureMap {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const lineage = user.teamId === null ? [] : teamLineage(user.teamId, teams).map((id) => byId.get(id));
  const result = {} as FeatureMap;
  for (const feature of allFeatures) {
    const override = user.featureOverrides?.[feature];
    const inherited = lineage.find((t) => t?.features?.[feature] !== undefined)?.features?.[feature];
    result[feature] = override ?? inherited ?? true;
  }
  return result;
}

/**
 * Whether the portal enables a feature (`recording` is the portal's `recordingEnabled`).
 * @example
 * portalFeatureEnabled(portal.features, 'drawing');
 */
export function portalFeatureEnabled(
  features: Pick<
    PortalFeatures,
    'recordingEnabled' | 'drawing' | 'screenshots' | 'markers' | 'mirror' | 'chat'
  >,
  feature: Feature,
): boolean {
  return feature === 'recording' ? features.recordingEnabled : features[feature];
}

/**
 * Features available to an agent in a portal (MC-5): enabled for the portal AND for the agent (team
 * settings inherited down the tree, overridden per agent).
 * @example
 * effectiveFeatures(user, teams, portal).markers; // true only if portal and agent both allow markers
 */
export function effectiveFeatures(
  user: { teamId: string | null; featureOverrides?: FeatureSettings | undefined },
  teams: readonly TeamWithFeatures[],
  portal: { features: Parameters<typeof portalFeatureEnabled>[0] },
): FeatureMap {
  const own = agentFeatures(user, teams);
  const result = {} as FeatureMap;
  for (const feature of allFeatures)
    result[feature] = own[feature] && portalFeatureEnabled(portal.features, feature);
  return result;
}
