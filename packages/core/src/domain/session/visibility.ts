import type { Actor, SessionScope } from './access.js';
import { type TeamNode, teamLineage } from './teams.js';

/**
 * Which sessions an actor may see (VS-7, SI-12), as conditions a store can turn into a query: every
 * condition present must hold. It is derived from the same rules as {@link canViewSession} — the
 * property tests hold the two equal — so a list filtered by the database shows exactly the sessions
 * `canViewSession` allows one by one.
 */
export interface SessionVisibility {
  /** Only sessions of this organization. */
  readonly organizationId: string;
  /** Sees no session at all (API managers, the system, a foreign actor kind). */
  readonly none?: true;
  /** Only sessions of this device (a customer). */
  readonly deviceId?: string;
  /** Only sessions held by one of these teams (the managed teams and every team below them). */
  readonly teamIds?: readonly string[];
  /** Only sessions of these portals (an integration token limited to portals). */
  readonly portalIds?: readonly string[];
  /** Only this session (a token exchanged for one summary, or an invited customer's). */
  readonly sessionId?: string;
  /** An agent: sessions assigned to them, or not assigned to anyone while held by their team. */
  readonly agent?: { readonly userId: string; readonly teamId: string | null };
}

/** The managed teams and every team below them in the tree (MC-3). */
function teamsWithin(managed: readonly string[], teams: readonly TeamNode[]): string[] {
  const within = new Set(managed);
  for (const t of teams) if (teamLineage(t.id, teams).some((id) => managed.includes(id))) within.add(t.id);
  return [...within];
}

/**
 * The sessions `actor` may see, as conditions (see {@link SessionVisibility}).
 * @example
 * sessionVisibility({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, []); // { organizationId: 'o1', deviceId: 'd1' }
 */
export function sessionVisibility(actor: Actor, teams: readonly TeamNode[]): SessionVisibility {
  if (actor.kind === 'system') return { organizationId: '', none: true };
  if (actor.kind === 'customer') {
    return {
      organizationId: actor.organizationId,
      deviceId: actor.deviceId,
      ...(actor.sessionId !== undefined ? { sessionId: actor.sessionId } : {}),
    };
  }
  if (actor.kind === 'integration') {
    return {
      organizationId: actor.organizationId,
      ...(actor.sessionId != null ? { sessionId: actor.sessionId } : {}),
      ...(actor.portalIds !== null ? { portalIds: actor.portalIds } : {}),
      ...(actor.teamIds !== null ? { teamIds: teamsWithin(actor.teamIds, teams) } : {}),
    };
  }
  switch (actor.role) {
    case 'company-manager':
      return { organizationId: actor.organizationId };
    case 'team-manager':
      return { organizationId: actor.organizationId, teamIds: teamsWithin(actor.managedTeamIds, teams) };
    case 'agent':
      return { organizationId: actor.organizationId, agent: { userId: actor.userId, teamId: actor.teamId } };
    case 'api-manager':
      return { organizationId: actor.organizationId, none: true };
  }
}

/**
 * Whether a session meets the conditions — the in-memory twin of the store's query, for tests and
 * for callers holding one session.
 * @example
 * matchesVisibility(sessionVisibility(actor, teams), scope) === canViewSession(actor, scope, teams); // always
 */
export function matchesVisibility(v: SessionVisibility, s: SessionScope): boolean {
  if (v.none || s.organizationId !== v.organizationId) return false;
  if (v.deviceId !== undefined && s.deviceId !== v.deviceId) return false;
  if (v.sessionId !== undefined && s.id !== v.sessionId) return false;
  if (v.portalIds !== undefined && (s.portalId === undefined || !v.portalIds.includes(s.portalId)))
    return false;
  if (v.teamIds !== undefined && (s.teamId === null || !v.teamIds.includes(s.teamId))) return false;
  if (v.agent !== undefined) {
    const assigned = s.assigneeIds.includes(v.agent.userId);
    const teamQueue = s.assigneeIds.length === 0 && v.agent.teamId !== null && s.teamId === v.agent.teamId;
    if (!assigned && !teamQueue) return false;
  }
  return true;
}
