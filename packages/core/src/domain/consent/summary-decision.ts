import type { ConsentRecord } from '../schemas/consent.js';
import type { DevicePolicy } from '../schemas/device.js';
import type { IncomingScope, OutgoingScope, SummaryAccess } from '../schemas/enums.js';

/** Outcome of {@link resolveSummaryDecision}: summarize, don't, or ask the customer first. */
export const SummaryDecision = {
  summarize: 'summarize',
  doNotSummarize: 'do-not-summarize',
  ask: 'ask',
} as const;
/** One of {@link SummaryDecision}. */
export type SummaryDecision = (typeof SummaryDecision)[keyof typeof SummaryDecision];

/**
 * Direction of a session for AI purposes (SI-1; seed 002 "conexões de saída / de entrada"):
 * `outgoing` — the organization's staff support any customer device; `incoming` — a session with one
 * of the organization's own (managed) devices.
 */
export type SummaryDirection = 'outgoing' | 'incoming';

/** The customer's answer to the summary question in this session, if any. */
export type CustomerSummaryAnswer = 'allow' | 'deny';

/** Everything the summary decision depends on. */
export interface SummaryDecisionInput {
  /** The organization's AI settings (SI-1, SI-2, SI-4). */
  ai: {
    summariesEnabled: boolean;
    outgoing: { enabled: boolean; scope: OutgoingScope };
    incoming: { enabled: boolean; scope: IncomingScope };
  };
  direction: SummaryDirection;
  /** The portal the session came through; needed when the outgoing scope is `selected-portals`. */
  portal?: { summariesEnabled: boolean } | undefined;
  device: { managed: boolean; policy?: DevicePolicy | undefined; summaryAccess: SummaryAccess };
  /** The staff member's "log sessions for reporting" switch (SI-6). */
  staff: { logSessions: boolean };
  /** What the customer answered this session (see {@link customerSummaryAnswer}). */
  customerAnswer?: CustomerSummaryAnswer | null | undefined;
}

/** Why the decision came out as it did; the UI turns it into a sentence. */
export type SummaryDecisionReason =
  | 'ai-disabled'
  | 'outgoing-disabled'
  | 'incoming-disabled'
  | 'portal-not-selected'
  | 'user-not-logging'
  | 'no-policy'
  | 'policy-enforced'
  | 'policy-disabled'
  | 'policy'
  | 'device-allowed'
  | 'device-denied'
  | 'customer-allowed'
  | 'customer-denied'
  | 'awaiting-customer'
  | 'incoming-device';

/** A decision with its reason. */
export interface SummaryDecisionExplained {
  decision: SummaryDecision;
  reason: SummaryDecisionReason;
}

const yes = (reason: SummaryDecisionReason): SummaryDecisionExplained => ({ decision: 'summarize', reason });
const no = (reason: SummaryDecisionReason): SummaryDecisionExplained => ({
  decision: 'do-not-summarize',
  reason,
});

/**
 * The summary decision with its reason. The table, from seed 000 (German, "Schritt 1",
 * "Zugriffskontrolleinstellungen", "Richtlinie") and seed 002 (Portuguese, "2º/3º Passo",
 * "Experiência do usuário remoto"):
 *
 * | # | condition (checked in this order)                                                   | result |
 * |---|-------------------------------------------------------------------------------------|--------|
 * | 1 | organization AI summaries off                                                        | no |
 * | 2 | the direction's switch off (outgoing / incoming, independent — SI-1)                | no |
 * | 3 | outgoing, scope `selected-portals`, portal without summaries (SI-2, seed 002)        | no |
 * | 4 | staff member's "log sessions for reporting" off (SI-6, seed 000/002 last section)   | no |
 * | 5 | incoming, scope `policy-devices`, device not managed or no policy with summaries on (SI-4) | no |
 * | 6 | managed device with a policy, summaries on, enforced (seed 000 "erzwingen")         | summarize |
 * | 7 | managed device with a policy, summaries off, enforced                               | no |
 * | 8 | managed device with a policy, summaries on: not prompted (SI-4); the device user may still turn it off (not enforced): access `denied` or answer deny → no | summarize |
 * | 9 | incoming otherwise: the remote side is not prompted (seed 002: "O lado remoto não tem nenhuma configuração para recusar"); a device user's `denied` is still honoured | summarize |
 * |10 | outgoing, access `allowed` ("Erlaubt": never asked again)                           | summarize |
 * |11 | outgoing, access `denied` ("Verweigert": never summarized)                          | no |
 * |12 | outgoing, `after-confirmation` (default, asked every session): answer allow / deny / none | summarize / no / ask |
 *
 * Credits (SI-11) are checked separately, when the summary is made (`debitForSession`).
 * @example
 * explainSummaryDecision(input); // { decision: 'ask', reason: 'awaiting-customer' }
 */
export function explainSummaryDecision(input: SummaryDecisionInput): SummaryDecisionExplained {
  const { ai, direction, device, staff } = input;
  const answer = input.customerAnswer ?? null;
  if (!ai.summariesEnabled) return no('ai-disabled');
  if (direction === 'outgoing' && !ai.outgoing.enabled) return no('outgoing-disabled');
  if (direction === 'incoming' && !ai.incoming.enabled) return no('incoming-disabled');
  if (
    direction === 'outgoing' &&
    ai.outgoing.scope === 'selected-portals' &&
    !input.portal?.summariesEnabled
  ) {
    return no('portal-not-selected');
  }
  if (!staff.logSessions) return no('user-not-logging');

  const policy = device.managed ? device.policy : undefined;
  const policyOn = policy?.summaries === true;
  if (direction === 'incoming' && ai.incoming.scope === 'policy-devices' && !policyOn) return no('no-policy');
  if (policy?.enforced) return policyOn ? yes('policy-enforced') : no('policy-disabled');

  const deviceUserRefused = device.summaryAccess === 'denied' || answer === 'deny';
  if (policyOn) return deviceUserRefused ? no('device-denied') : yes('policy');
  if (direction === 'incoming') return deviceUserRefused ? no('device-denied') : yes('incoming-device');

  if (device.summaryAccess === 'allowed') return yes('device-allowed');
  if (device.summaryAccess === 'denied') return no('device-denied');
  if (answer === 'allow') return yes('customer-allowed');
  if (answer === 'deny') return no('customer-denied');
  return { decision: 'ask', reason: 'awaiting-customer' };
}

/**
 * Whether this session gets an AI summary: `summarize`, `do-not-summarize`, or `ask` the customer
 * first (SI-1..SI-4, SI-6). See {@link explainSummaryDecision} for the table and the reason.
 * @example
 * resolveSummaryDecision({
 *   ai: { summariesEnabled: true, outgoing: { enabled: true, scope: 'all' }, incoming: { enabled: false, scope: 'all-devices' } },
 *   direction: 'outgoing',
 *   device: { managed: false, summaryAccess: 'after-confirmation' },
 *   staff: { logSessions: true },
 * }); // 'ask'
 */
export function resolveSummaryDecision(input: SummaryDecisionInput): SummaryDecision {
  return explainSummaryDecision(input).decision;
}

/**
 * The customer's latest answer to the summary question in a session, from its consent records
 * (`granted` → allow; `denied` or `revoked` → deny), or null when they have not answered.
 * @example
 * customerSummaryAnswer(records, 's1'); // 'allow'
 */
export function customerSummaryAnswer(
  records: readonly ConsentRecord[],
  sessionId: string,
): CustomerSummaryAnswer | null {
  let latest: ConsentRecord | undefined;
  for (const r of records) {
    if (r.sessionId !== sessionId || r.kind !== 'summary') continue;
    if (!latest || Date.parse(r.at) >= Date.parse(latest.at)) latest = r;
  }
  if (!latest) return null;
  return latest.decision === 'granted' ? 'allow' : 'deny';
}
