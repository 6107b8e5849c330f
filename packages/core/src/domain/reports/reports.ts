import { hasRight, ManagementRight } from '../permissions/management.js';
import type { Actor } from '../session/access.js';
import { SESSION_RETENTION_DAYS } from '../session/retention.js';
import { type TeamNode, teamLineage } from '../session/teams.js';

/** Session data behind reports is kept this long; older periods cannot be reported (MC-9, MC-14). */
export const REPORT_RETENTION_DAYS = SESSION_RETENTION_DAYS;

/** The reports there are (MC-9). */
export const ReportKind = {
  portalPerformance: 'portal-performance',
  agentPerformance: 'agent-performance',
  serviceMetrics: 'service-metrics',
  customerFeedback: 'customer-feedback',
} as const;
/** One of {@link ReportKind}. */
export type ReportKind = (typeof ReportKind)[keyof typeof ReportKind];
/** Every report kind, in declaration order. */
export const reportKinds: readonly ReportKind[] = Object.values(ReportKind);

/** Whose sessions a report may count: every condition present must hold. */
export interface ReportScope {
  readonly organizationId: string;
  /** Only sessions held by these teams (a team manager's teams and the ones below them). */
  readonly teamIds?: readonly string[];
  /** Only sessions this agent held (an agent granted reports on their own sessions). */
  readonly agentId?: string;
}

/**
 * Who may run reports over what (MC-9, MC-1): company managers over the organization; team
 * managers holding the `reports.run` right over the teams they manage and those below; agents
 * holding it over their own sessions. Anyone else may not (`undefined`).
 * @example
 * reportScope(companyManager, teams); // { organizationId: 'o1' }
 */
export function reportScope(actor: Actor, teams: readonly TeamNode[]): ReportScope | undefined {
  if (actor.kind !== 'staff' || !hasRight(actor, ManagementRight.reportsRun)) return undefined;
  switch (actor.role) {
    case 'company-manager':
      return { organizationId: actor.organizationId };
    case 'team-manager': {
      const managed = actor.managedTeamIds;
      const within = new Set(managed);
      for (const t of teams)
        if (teamLineage(t.id, teams).some((id) => managed.includes(id))) within.add(t.id);
      return { organizationId: actor.organizationId, teamIds: [...within] };
    }
    case 'agent':
      return { organizationId: actor.organizationId, agentId: actor.userId };
    case 'api-manager':
      return undefined;
  }
}

/** Why a report period is refused. */
export type ReportPeriodProblem = 'order' | 'retention';

/**
 * Checks a report period `[from, to)`: `from` must come before `to`, and no part of it may lie more
 * than {@link REPORT_RETENTION_DAYS} days before `now` — older session data is not kept.
 * @example
 * reportPeriodProblem(new Date('2026-01-01'), new Date('2026-02-01'), now); // 'retention' when now is in June
 */
export function reportPeriodProblem(from: Date, to: Date, now: Date): ReportPeriodProblem | undefined {
  if (from.getTime() >= to.getTime()) return 'order';
  if (from.getTime() < now.getTime() - REPORT_RETENTION_DAYS * 86_400_000) return 'retention';
  return undefined;
}
