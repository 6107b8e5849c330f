import { hasIntegrationScope } from '@sightline/core/domain';
import type { Principal } from '../context.js';
import { ProblemError } from '../problems/problem.js';
import type { EndpointRow } from './store.js';

/** Who manages an organization's webhooks, and within which portals (`null`: all). */
export interface WebhookManager {
  organizationId: string;
  /** `user:<id>` or `integration:<tokenId>`, recorded as the endpoint's creator. */
  by: string;
  /** A token limited to portals manages only endpoints filtered to those portals. */
  portalIds: readonly string[] | null;
}

/**
 * Company managers, and integration tokens holding `webhooks:manage` (SI-12). A token limited to
 * teams is refused: webhook events are not filtered by team, so it would see beyond its limit.
 */
export function requireWebhookManager(principal: Principal): WebhookManager {
  const { actor } = principal;
  if (actor.kind === 'staff' && actor.role === 'company-manager') {
    return { organizationId: actor.organizationId, by: principal.subject, portalIds: null };
  }
  if (actor.kind === 'integration' && hasIntegrationScope(actor, 'webhooks:manage')) {
    if (actor.teamIds !== null || actor.sessionId != null) {
      throw ProblemError.forbidden(
        'A token limited to teams or to one session cannot manage webhooks, whose events are not limited by team.',
      );
    }
    return {
      organizationId: actor.organizationId,
      by: `integration:${actor.tokenId}`,
      portalIds: actor.portalIds,
    };
  }
  throw ProblemError.forbidden(
    'Only company managers and integration tokens with the webhooks:manage scope manage webhooks.',
  );
}

/** Whether the manager reaches the endpoint: every portal, or its filter lies inside the manager's portals. */
export function managerReaches(manager: WebhookManager, endpoint: Pick<EndpointRow, 'portal_ids'>): boolean {
  if (manager.portalIds === null) return true;
  const limit = manager.portalIds;
  return endpoint.portal_ids?.every((p) => limit.includes(p)) ?? false;
}
