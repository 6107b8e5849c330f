import {
  agentSettingSources,
  type CustomerSummaryAnswer,
  type DevicePolicy,
  explainSummaryDecision,
  type SummaryDecisionExplained,
  type SummaryDecisionInput,
} from '@sightline/core/domain';
import { type Kysely, sql } from 'kysely';
import type { AiSettings, Database } from '../db/schema.js';
import { loadFeatureContext } from '../settings/load.js';

interface DecisionRow {
  organizationId: string;
  deviceId: string;
  assigneeIds: string[];
  teamId: string | null;
  ai: AiSettings;
  portalSummaries: string | null;
  managed: boolean;
  policy: DevicePolicy | null;
  summaryAccess: 'allowed' | 'denied' | 'after-confirmation';
  answer: 'granted' | 'denied' | 'revoked' | null;
}

/**
 * Direction of a session for AI purposes (SI-1, SI-4 clarification): a session with one of the
 * organization's managed devices is `incoming`; any other customer device is `outgoing`.
 */
export function directionOf(device: { managed: boolean }): SummaryDecisionInput['direction'] {
  return device.managed ? 'incoming' : 'outgoing';
}

/**
 * Whether the staff holding a session log it for reporting (SI-6): every holder's effective
 * `logSessions` (own override, else the nearest team, else on) must be on. A session its team holds
 * (nobody assigned) follows what the team's agents inherit.
 */
async function staffLogs(
  db: Kysely<Database>,
  organizationId: string,
  assigneeIds: string[],
  teamId: string | null,
): Promise<boolean> {
  if (assigneeIds.length === 0) {
    const { teams } = await loadFeatureContext(db, organizationId, null);
    return agentSettingSources({ teamId }, teams).logSessions.value;
  }
  for (const id of assigneeIds) {
    const { teams, user } = await loadFeatureContext(db, organizationId, id);
    // A holder deleted since still counts with their team's rule; a missing row with the default.
    const sources = agentSettingSources({ teamId: user?.teamId ?? null, overrides: user?.overrides }, teams);
    if (!sources.logSessions.value) return false;
  }
  return true;
}

/**
 * The summary decision for one session with everything it depends on (SI-1…SI-4, SI-6): the
 * organization's AI settings, the portal's `summaries` mode, the device (managed, policy, access
 * control), the holders' "log sessions" switch and the customer's latest answer. `override` lets a
 * caller ask "what if the customer answered …" before the answer is stored.
 * @example
 * const { decision, reason } = await decideSummary(db, sessionId);
 */
export async function decideSummary(
  db: Kysely<Database>,
  sessionId: string,
  override: { customerAnswer?: CustomerSummaryAnswer | null } = {},
): Promise<SummaryDecisionExplained> {
  const { rows } = await sql<DecisionRow>`select
      s.organization_id as "organizationId", s.device_id as "deviceId", s.assignee_ids as "assigneeIds",
      s.team_id as "teamId",
      o.ai_settings as ai, p.features->>'summaries' as "portalSummaries",
      d.managed, d.policy, d.summary_access as "summaryAccess",
      (select c.decision from consents c where c.session_id = s.id and c.kind = 'summary'
        order by c.id desc limit 1) as answer
    from sessions s
      join organizations o on o.id = s.organization_id
      join devices d on d.id = s.device_id
      join portals p on p.id = s.portal_id
    where s.id = ${sessionId}`.execute(db);
  const row = rows[0];
  if (!row) throw new Error(`no session ${sessionId}`);
  const answer =
    override.customerAnswer !== undefined
      ? override.customerAnswer
      : row.answer === null
        ? null
        : row.answer === 'granted'
          ? 'allow'
          : 'deny';
  return explainSummaryDecision({
    ai: row.ai,
    direction: directionOf(row),
    portal: { summariesEnabled: row.portalSummaries === 'on' || row.portalSummaries === 'required' },
    device: { managed: row.managed, policy: row.policy ?? undefined, summaryAccess: row.summaryAccess },
    staff: { logSessions: await staffLogs(db, row.organizationId, row.assigneeIds, row.teamId) },
    customerAnswer: answer,
  });
}

/**
 * Whether the customer of a device is to be asked the summary question (SI-3): the decision as far
 * as it is known before staff pick the session up (their switch assumed on) comes out as `ask`.
 * Managed devices under a policy are never asked.
 * @example
 * if (await customerIsAsked(db, deviceId)) showAllowDontAllow();
 */
export async function customerIsAsked(db: Kysely<Database>, deviceId: string): Promise<boolean> {
  const { rows } = await sql<
    Omit<DecisionRow, 'assigneeIds' | 'teamId' | 'answer' | 'organizationId' | 'deviceId'>
  >`select
      o.ai_settings as ai, p.features->>'summaries' as "portalSummaries",
      d.managed, d.policy, d.summary_access as "summaryAccess"
    from devices d
      join organizations o on o.id = d.organization_id
      join portals p on p.id = d.portal_id
    where d.id = ${deviceId}`.execute(db);
  const row = rows[0];
  if (!row) return false;
  return (
    explainSummaryDecision({
      ai: row.ai,
      direction: directionOf(row),
      portal: { summariesEnabled: row.portalSummaries === 'on' || row.portalSummaries === 'required' },
      device: { managed: row.managed, policy: row.policy ?? undefined, summaryAccess: row.summaryAccess },
      staff: { logSessions: true },
      customerAnswer: null,
    }).decision === 'ask'
  );
}
