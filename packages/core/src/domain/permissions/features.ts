import type { FeatureSettings } from '../schemas/common.js';
import { Feature } from '../schemas/enums.js';
import type { PortalFeatures } from '../schemas/portal.js';
import type { PortalFeature } from '../schemas/portal-features.js';
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
 * Whether the portal lets a feature be used at all: `on` or `required` (MC-1). What a customer gets,
 * since customers have no team or agent settings.
 * @example
 * portalFeatureEnabled(portal.features, 'drawing');
 */
export function portalFeatureEnabled(features: PortalFeatures, feature: PortalFeature): boolean {
  return features[feature] !== 'off';
}

/**
 * Features available to an agent in a portal (MC-1, MC-5): a portal's `off` turns a feature off for
 * everyone, `required` turns it on whatever team and agent settings say, and `on` leaves it to the
 * agent's own settings (team settings inherited down the tree, overridden per agent).
 * @example
 * effectiveFeatures(user, teams, portal).markers; // false if the portal is off, true if required
 */
export function effectiveFeatures(
  user: { teamId: string | null; featureOverrides?: FeatureSettings | undefined },
  teams: readonly TeamWithFeatures[],
  portal: { features: PortalFeatures },
): FeatureMap {
  const own = agentFeatures(user, teams);
  const result = {} as FeatureMap;
  for (const feature of allFeatures) {
    const mode = portal.features[feature];
    result[feature] = mode === 'required' ? true : mode === 'on' ? own[feature] : false;
  }
  return result;
}

/**
 * A customer's features in a portal: whatever the portal lets be used (customers have no team or
 * agent settings).
 * @example
 * customerFeatures(portal).screenshots;
 */
export function customerFeatures(portal: { features: PortalFeatures }): FeatureMap {
  const result = {} as FeatureMap;
  for (const feature of allFeatures) result[feature] = portalFeatureEnabled(portal.features, feature);
  return result;
}
