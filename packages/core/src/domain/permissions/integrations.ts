import type { Actor, SessionScope } from '../session/access.js';
import { isWithinManagedTeams, type TeamNode } from '../session/teams.js';

/**
 * What an integration token may do (SI-12): read sessions, read or edit summaries, manage webhooks.
 * A token holds only the scopes it was created with; `summaries:write` includes reading them.
 */
export const IntegrationScope = {
  sessionsRead: 'sessions:read',
  summariesRead: 'summaries:read',
  summariesWrite: 'summaries:write',
  webhooksManage: 'webhooks:manage',
} as const;
/** One of {@link IntegrationScope}. */
export type IntegrationScope = (typeof IntegrationScope)[keyof typeof IntegrationScope];
/** Every integration scope, in declaration order. */
export const integrationScopes: readonly IntegrationScope[] = Object.values(IntegrationScope);
/** Scopes a short-lived token for one summary may carry (exchanged by a host app's backend). */
export const exchangeableScopes: readonly IntegrationScope[] = ['summaries:read', 'summaries:write'];

/** The integration actor (a CRM's token), narrowed from {@link Actor}. */
export type IntegrationActor = Extract<Actor, { kind: 'integration' }>;

/**
 * Whether the actor is an integration token holding `scope` (`summaries:write` implies
 * `summaries:read`). False for staff and customers: their rights come from roles.
 * @example
 * hasIntegrationScope(actor, IntegrationScope.summariesRead);
 */
export function hasIntegrationScope(actor: Actor, scope: IntegrationScope): boolean {
  if (actor.kind !== 'integration') return false;
  if (actor.scopes.includes(scope)) return true;
  return scope === 'summaries:read' && actor.scopes.includes('summaries:write');
}

/**
 * Whether an integration token reaches a session: same organization; inside its portal limit (if
 * any); inside its team limit, sub-teams included (if any; a session held by no team is outside a
 * team limit); and, for a token exchanged for one summary, that summary's session. A scope without
 * `portalId` (or `id` for a one-session token) is outside every limit: unknown means no.
 * @example
 * integrationReaches(actor, { organizationId: 'o1', portalId: 'p1', teamId: null, id: 's1' }, teams);
 */
export function integrationReaches(
  actor: IntegrationActor,
  session: Pick<SessionScope, 'organizationId' | 'teamId' | 'portalId' | 'id'>,
  teams: readonly TeamNode[],
): boolean {
  if (actor.organizationId !== session.organizationId) return false;
  if (actor.sessionId != null && actor.sessionId !== session.id) return false;
  if (actor.portalIds !== null) {
    if (session.portalId === undefined || !actor.portalIds.includes(session.portalId)) return false;
  }
  if (actor.teamIds !== null && !isWithinManagedTeams(session.teamId, actor.teamIds, teams)) return false;
  return true;
}
