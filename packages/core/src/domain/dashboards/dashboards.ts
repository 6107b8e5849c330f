import type { Actor } from '../session/access.js';

/** The kinds of monitor a dashboard holds (MC-7). */
export const MonitorType = {
  incoming: 'incoming',
  agents: 'agents',
  queues: 'queues',
  activeSessions: 'active-sessions',
  serviceLevel: 'service-level',
} as const;
/** One of {@link MonitorType}. */
export type MonitorType = (typeof MonitorType)[keyof typeof MonitorType];
/** Every monitor type, in declaration order. */
export const monitorTypes: readonly MonitorType[] = Object.values(MonitorType);

/** A live dashboard stream ends after this long and waits for someone to resume it (MC-7). */
export const DASHBOARD_STREAM_MS = 12 * 60 * 60 * 1000;

/** Most monitors one dashboard holds; most managers one is shared with. */
export const DASHBOARD_MAX_MONITORS = 24;
export const DASHBOARD_MAX_SHARES = 100;

/** Service-level periods: the last hour, the current day (UTC) or the last 7 days. */
export const ServiceLevelPeriod = { hour: 'hour', today: 'today', week: 'week' } as const;
/** One of {@link ServiceLevelPeriod}. */
export type ServiceLevelPeriod = (typeof ServiceLevelPeriod)[keyof typeof ServiceLevelPeriod];
export const serviceLevelPeriods: readonly ServiceLevelPeriod[] = Object.values(ServiceLevelPeriod);

/** Who may keep dashboards: managers (company and team managers), nobody else. */
export function mayKeepDashboards(actor: Actor): actor is Extract<Actor, { kind: 'staff' }> {
  return actor.kind === 'staff' && (actor.role === 'company-manager' || actor.role === 'team-manager');
}

/** The parts of a dashboard that decide who sees it. */
export interface DashboardAudience {
  readonly organizationId: string;
  readonly ownerId: string;
  /** Managers it is shared with. */
  readonly sharedWith: readonly string[];
  /** Shared with every manager of the organization. */
  readonly sharedWithOrganization: boolean;
}

/** What an actor may do with a dashboard: nothing, view it (shared), or everything (the owner's). */
export type DashboardAccess = 'none' | 'view' | 'own';

/**
 * A manager's access to a dashboard (MC-7): its owner edits and deletes it; managers it is shared
 * with (by name or organization-wide) view it. What each monitor then shows is scoped to the viewer,
 * not to the owner: sharing never widens what anyone sees.
 * @example
 * dashboardAccess(teamManager, { organizationId: 'o1', ownerId: 'cm', sharedWith: [], sharedWithOrganization: true }); // 'view'
 */
export function dashboardAccess(actor: Actor, d: DashboardAudience): DashboardAccess {
  if (!mayKeepDashboards(actor) || actor.organizationId !== d.organizationId) return 'none';
  if (actor.userId === d.ownerId) return 'own';
  if (d.sharedWithOrganization || d.sharedWith.includes(actor.userId)) return 'view';
  return 'none';
}

/** When a service-level period starts, for `now`. */
export function serviceLevelStart(period: ServiceLevelPeriod, now: Date): Date {
  switch (period) {
    case 'hour':
      return new Date(now.getTime() - 3_600_000);
    case 'today':
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    case 'week':
      return new Date(now.getTime() - 7 * 86_400_000);
  }
}

/** A request as the service level counts it. */
export interface ServiceLevelRequest {
  readonly createdAt: Date;
  /** When staff confirmed it; null while it waits or when it ended unconfirmed. */
  readonly confirmedAt: Date | null;
  /** Still waiting for staff (status `requested`). */
  readonly waiting: boolean;
  /** When it ended without a confirmation (cancelled by the customer, closed); null otherwise. */
  readonly endedAt?: Date | null;
}

/** A service level: requests answered in time over all that are decided. */
export interface ServiceLevel {
  /** Confirmed within the threshold. */
  readonly met: number;
  /** Confirmed later, or not confirmed although the threshold has passed (waiting or given up). */
  readonly missed: number;
  /** Still waiting, within the threshold: not decided yet. */
  readonly pending: number;
  /** `met / (met + missed)`, or null when nothing is decided. */
  readonly share: number | null;
}

/**
 * The service level of requests (MC-7): the share confirmed within `thresholdSeconds` of being
 * requested. A request still waiting inside the threshold is pending; past it (or ended without a
 * confirmation after it) it is missed; one that ended unconfirmed inside the threshold (the
 * customer gave up at once) counts neither way.
 * @example
 * serviceLevel([{ createdAt, confirmedAt: plus20s, waiting: false }], 60, now); // { met: 1, missed: 0, pending: 0, share: 1 }
 */
export function serviceLevel(
  requests: readonly ServiceLevelRequest[],
  thresholdSeconds: number,
  now: Date,
): ServiceLevel {
  const limit = thresholdSeconds * 1000;
  let met = 0;
  let missed = 0;
  let pending = 0;
  for (const r of requests) {
    const created = r.createdAt.getTime();
    if (r.confirmedAt !== null) {
      if (r.confirmedAt.getTime() - created <= limit) met++;
      else missed++;
    } else if (r.waiting) {
      if (now.getTime() - created > limit) missed++;
      else pending++;
    } else {
      // Ended unconfirmed: it waited in vain past the threshold (missed), or the customer gave up
      // inside it (neither). Without an end time, the threshold since it came in decides.
      const ended = r.endedAt?.getTime() ?? now.getTime();
      if (ended - created > limit) missed++;
    }
  }
  const decided = met + missed;
  return { met, missed, pending, share: decided === 0 ? null : met / decided };
}
