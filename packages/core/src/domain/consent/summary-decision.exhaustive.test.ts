import { describe, expect, it } from 'vitest';
import type { DevicePolicy } from '../schemas/device.js';
import {
  type CustomerSummaryAnswer,
  explainSummaryDecision,
  type SummaryDecision,
  type SummaryDecisionInput,
} from './summary-decision.js';

/*
 * Every combination of organization settings × portal × device (managed, policy, access control) ×
 * staff switch × customer answer, checked against an oracle written from SPEC SI-1…SI-6 alone (not
 * from the table in summary-decision.ts). The session's direction follows the device, as the server
 * derives it: a managed device is incoming, any other device outgoing (SI-1, SI-3 clarification).
 */

type Access = SummaryDecisionInput['device']['summaryAccess'];

/** What SPEC SI-1…SI-6 say, phrased as "is it allowed at all?", then "does the device's user get a say?". */
function oracle(x: SummaryDecisionInput): SummaryDecision {
  const policy = x.device.managed ? x.device.policy : undefined;
  const policyTurnsOn = policy?.summaries === true;
  // SI-1, SI-2, SI-4: the organization's switch, the direction's switch and its scope.
  const inScope =
    x.direction === 'outgoing'
      ? x.ai.outgoing.enabled && (x.ai.outgoing.scope === 'all' || x.portal?.summariesEnabled === true)
      : x.ai.incoming.enabled && (x.ai.incoming.scope === 'all-devices' || policyTurnsOn);
  // SI-6: the staff member's "log sessions for reporting" must be on.
  if (!x.ai.summariesEnabled || !inScope || !x.staff.logSessions) return 'do-not-summarize';
  // SI-4: an enforced policy decides; the device user cannot turn it off (or on).
  if (policy?.enforced) return policyTurnsOn ? 'summarize' : 'do-not-summarize';
  const userSaidNo = x.device.summaryAccess === 'denied' || x.customerAnswer === 'deny';
  // SI-4: managed devices whose policy turns summaries on, and incoming sessions, are not prompted;
  // the device user may still say no while the policy is not enforced.
  if (policyTurnsOn || x.direction === 'incoming') return userSaidNo ? 'do-not-summarize' : 'summarize';
  // SI-3: outgoing: allowed → never asked; denied → never; after confirmation → asked every session.
  if (x.device.summaryAccess === 'allowed') return 'summarize';
  if (x.device.summaryAccess === 'denied') return 'do-not-summarize';
  if (x.customerAnswer === 'allow') return 'summarize';
  if (x.customerAnswer === 'deny') return 'do-not-summarize';
  return 'ask';
}

const bools = [false, true] as const;
const policies: (DevicePolicy | undefined)[] = [
  undefined,
  ...bools.flatMap((summaries) => bools.map((enforced) => ({ summaries, enforced }))),
];
const accesses: Access[] = ['allowed', 'denied', 'after-confirmation'];
const answers: (CustomerSummaryAnswer | null)[] = [null, 'allow', 'deny'];
const portals: SummaryDecisionInput['portal'][] = [
  undefined,
  { summariesEnabled: false },
  { summariesEnabled: true },
];

function* allInputs(): Generator<SummaryDecisionInput> {
  for (const summariesEnabled of bools)
    for (const outEnabled of bools)
      for (const outScope of ['all', 'selected-portals'] as const)
        for (const inEnabled of bools)
          for (const inScope of ['all-devices', 'policy-devices'] as const)
            for (const portal of portals)
              for (const managed of bools)
                for (const policy of policies)
                  for (const summaryAccess of accesses)
                    for (const logSessions of bools)
                      for (const customerAnswer of answers)
                        yield {
                          ai: {
                            summariesEnabled,
                            outgoing: { enabled: outEnabled, scope: outScope },
                            incoming: { enabled: inEnabled, scope: inScope },
                          },
                          direction: managed ? 'incoming' : 'outgoing',
                          portal,
                          device: { managed, policy, summaryAccess },
                          staff: { logSessions },
                          customerAnswer,
                        };
}

const ALL = [...allInputs()];
const SUMMARIZE_REASONS = new Set([
  'policy-enforced',
  'policy',
  'device-allowed',
  'customer-allowed',
  'incoming-device',
]);

describe('summary decision over every combination (SI-1…SI-6)', () => {
  it(`all ${ALL.length} combinations agree with the oracle written from the SPEC`, () => {
    expect(ALL).toHaveLength(2 ** 5 * 3 * 2 * 5 * 3 * 2 * 3);
    const mismatches = ALL.filter((x) => explainSummaryDecision(x).decision !== oracle(x)).map((x) =>
      JSON.stringify({ input: x, table: explainSummaryDecision(x), oracle: oracle(x) }),
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('every reason fits its decision: ask ⇔ awaiting-customer, summarize only with a reason to', () => {
    for (const x of ALL) {
      const { decision, reason } = explainSummaryDecision(x);
      expect(decision === 'ask', reason).toBe(reason === 'awaiting-customer');
      expect(decision === 'summarize', reason).toBe(SUMMARIZE_REASONS.has(reason));
    }
  });

  it('the reason names the first thing that stops it: organization, direction, portal, staff', () => {
    for (const x of ALL) {
      const { reason } = explainSummaryDecision(x);
      if (!x.ai.summariesEnabled) expect(reason).toBe('ai-disabled');
      else if (x.direction === 'outgoing' && !x.ai.outgoing.enabled) expect(reason).toBe('outgoing-disabled');
      else if (x.direction === 'incoming' && !x.ai.incoming.enabled) expect(reason).toBe('incoming-disabled');
      else if (
        x.direction === 'outgoing' &&
        x.ai.outgoing.scope === 'selected-portals' &&
        !x.portal?.summariesEnabled
      )
        expect(reason).toBe('portal-not-selected');
      else if (!x.staff.logSessions) expect(reason).toBe('user-not-logging');
    }
  });

  it('nobody is asked who is not prompted: managed devices (incoming) and policy devices never get ask', () => {
    for (const x of ALL.filter((i) => i.device.managed)) {
      expect(explainSummaryDecision(x).decision).not.toBe('ask');
    }
  });

  it('the customer’s answer matters only when asking: with allowed/denied access it changes nothing outgoing', () => {
    for (const x of ALL.filter((i) => !i.device.managed && i.device.summaryAccess !== 'after-confirmation')) {
      const without = explainSummaryDecision({ ...x, customerAnswer: null });
      expect(explainSummaryDecision(x)).toEqual(without);
    }
  });

  it('an enforced policy cannot be overridden by the device user (access or answer)', () => {
    for (const x of ALL.filter((i) => i.device.managed && i.device.policy?.enforced)) {
      const decisions = new Set(
        accesses.flatMap((summaryAccess) =>
          answers.map(
            (customerAnswer) =>
              explainSummaryDecision({ ...x, device: { ...x.device, summaryAccess }, customerAnswer })
                .decision,
          ),
        ),
      );
      expect(decisions.size).toBe(1);
    }
  });
});
