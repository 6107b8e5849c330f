import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../schemas/consent.js';
import {
  customerSummaryAnswer,
  explainSummaryDecision,
  resolveSummaryDecision,
  type SummaryDecisionInput,
} from './summary-decision.js';

const base: SummaryDecisionInput = {
  ai: {
    summariesEnabled: true,
    outgoing: { enabled: true, scope: 'all' },
    incoming: { enabled: true, scope: 'all-devices' },
  },
  direction: 'outgoing',
  portal: { summariesEnabled: true },
  device: { managed: false, summaryAccess: 'after-confirmation' },
  staff: { logSessions: true },
  customerAnswer: null,
};
const with_ = (patch: Partial<SummaryDecisionInput>): SummaryDecisionInput => ({ ...base, ...patch });
const ai = (patch: Partial<SummaryDecisionInput['ai']>) => ({ ...base.ai, ...patch });
const managed = (
  summaries: boolean,
  enforced: boolean,
  access: 'allowed' | 'denied' | 'after-confirmation' = 'after-confirmation',
) => ({
  managed: true,
  policy: { summaries, enforced },
  summaryAccess: access,
});

describe('summary decision table (SI-1..SI-4, SI-6; seeds 000 and 002)', () => {
  it('SI-1: with AI summaries off for the organization nothing is summarized', () => {
    expect(explainSummaryDecision(with_({ ai: ai({ summariesEnabled: false }) }))).toEqual({
      decision: 'do-not-summarize',
      reason: 'ai-disabled',
    });
  });

  it('SI-1: outgoing and incoming switches are independent', () => {
    const outOff = ai({ outgoing: { enabled: false, scope: 'all' } });
    expect(explainSummaryDecision(with_({ ai: outOff })).reason).toBe('outgoing-disabled');
    expect(resolveSummaryDecision(with_({ ai: outOff, direction: 'incoming' }))).toBe('summarize');
    const inOff = ai({ incoming: { enabled: false, scope: 'all-devices' } });
    expect(explainSummaryDecision(with_({ ai: inOff, direction: 'incoming' })).reason).toBe(
      'incoming-disabled',
    );
    expect(resolveSummaryDecision(with_({ ai: inOff }))).toBe('ask');
  });

  it('SI-2: with scope selected-portals, only portals with summaries enabled are summarized', () => {
    const selected = ai({ outgoing: { enabled: true, scope: 'selected-portals' } });
    expect(explainSummaryDecision(with_({ ai: selected, portal: { summariesEnabled: false } })).reason).toBe(
      'portal-not-selected',
    );
    expect(explainSummaryDecision(with_({ ai: selected, portal: undefined })).reason).toBe(
      'portal-not-selected',
    );
    expect(resolveSummaryDecision(with_({ ai: selected, portal: { summariesEnabled: true } }))).toBe('ask');
  });

  it('SI-2: with scope all, the portal setting does not matter', () => {
    expect(resolveSummaryDecision(with_({ portal: { summariesEnabled: false } }))).toBe('ask');
  });

  it('SI-6: a staff member who does not log sessions is never summarized, in either direction', () => {
    expect(explainSummaryDecision(with_({ staff: { logSessions: false } })).reason).toBe('user-not-logging');
    const incoming = with_({
      direction: 'incoming',
      staff: { logSessions: false },
      device: managed(true, true),
    });
    expect(resolveSummaryDecision(incoming)).toBe('do-not-summarize');
  });

  it('SI-3: outgoing, access allowed: summarized without asking', () => {
    const device = { managed: false, summaryAccess: 'allowed' as const };
    expect(explainSummaryDecision(with_({ device }))).toEqual({
      decision: 'summarize',
      reason: 'device-allowed',
    });
  });

  it('SI-3: outgoing, access denied: never summarized, whatever the answer', () => {
    const device = { managed: false, summaryAccess: 'denied' as const };
    expect(explainSummaryDecision(with_({ device, customerAnswer: 'allow' }))).toEqual({
      decision: 'do-not-summarize',
      reason: 'device-denied',
    });
  });

  it('SI-3: outgoing, after confirmation: ask until the customer answers', () => {
    expect(explainSummaryDecision(base)).toEqual({ decision: 'ask', reason: 'awaiting-customer' });
    expect(resolveSummaryDecision(with_({ customerAnswer: 'allow' }))).toBe('summarize');
    expect(resolveSummaryDecision(with_({ customerAnswer: 'deny' }))).toBe('do-not-summarize');
  });

  it('SI-4: outgoing to a managed device whose policy turns summaries on: not prompted', () => {
    expect(explainSummaryDecision(with_({ device: managed(true, false) }))).toEqual({
      decision: 'summarize',
      reason: 'policy',
    });
  });

  it('SI-4: incoming with scope policy-devices needs a managed device with a summaries policy', () => {
    const policyOnly = ai({ incoming: { enabled: true, scope: 'policy-devices' } });
    const incoming = (device: SummaryDecisionInput['device']) =>
      explainSummaryDecision(with_({ ai: policyOnly, direction: 'incoming', device }));
    expect(incoming({ managed: false, summaryAccess: 'allowed' }).reason).toBe('no-policy');
    expect(incoming({ managed: true, summaryAccess: 'allowed' }).reason).toBe('no-policy');
    expect(incoming(managed(false, false)).reason).toBe('no-policy');
    expect(
      incoming({ managed: false, policy: { summaries: true, enforced: true }, summaryAccess: 'allowed' })
        .reason,
    ).toBe('no-policy');
    expect(incoming(managed(true, false))).toEqual({ decision: 'summarize', reason: 'policy' });
  });

  it('SI-4: an enforced policy cannot be turned off by the device user', () => {
    const device = managed(true, true, 'denied');
    for (const direction of ['incoming', 'outgoing'] as const) {
      expect(explainSummaryDecision(with_({ direction, device, customerAnswer: 'deny' }))).toEqual({
        decision: 'summarize',
        reason: 'policy-enforced',
      });
    }
  });

  it('SI-4: an enforced policy with summaries off means no summary', () => {
    expect(explainSummaryDecision(with_({ device: managed(false, true, 'allowed') }))).toEqual({
      decision: 'do-not-summarize',
      reason: 'policy-disabled',
    });
  });

  it('SI-4: a policy that is not enforced can be turned off by the device user', () => {
    expect(
      resolveSummaryDecision(with_({ direction: 'incoming', device: managed(true, false, 'denied') })),
    ).toBe('do-not-summarize');
    expect(resolveSummaryDecision(with_({ device: managed(true, false), customerAnswer: 'deny' }))).toBe(
      'do-not-summarize',
    );
  });

  it('SI-4: incoming with scope all-devices summarizes every device of the organization without prompting', () => {
    const incoming = with_({
      direction: 'incoming',
      device: { managed: false, summaryAccess: 'after-confirmation' },
    });
    expect(explainSummaryDecision(incoming)).toEqual({ decision: 'summarize', reason: 'incoming-device' });
    const refused = with_({ direction: 'incoming', device: { managed: false, summaryAccess: 'denied' } });
    expect(resolveSummaryDecision(refused)).toBe('do-not-summarize');
  });

  it('SI-3: the latest summary consent record of the session is the customer answer', () => {
    const records: ConsentRecord[] = [
      { sessionId: 's1', kind: 'summary', decision: 'granted', by: 'd1', at: '2026-01-01T10:00:00Z' },
      { sessionId: 's1', kind: 'recording', decision: 'denied', by: 'd1', at: '2026-01-01T10:05:00Z' },
      { sessionId: 's2', kind: 'summary', decision: 'denied', by: 'd1', at: '2026-01-01T10:06:00Z' },
    ];
    expect(customerSummaryAnswer(records, 's1')).toBe('allow');
    expect(customerSummaryAnswer(records, 's2')).toBe('deny');
    expect(customerSummaryAnswer(records, 's3')).toBeNull();
    const revoked: ConsentRecord = { ...records[0]!, decision: 'revoked', at: '2026-01-01T11:00:00Z' };
    expect(customerSummaryAnswer([...records, revoked], 's1')).toBe('deny');
  });
});
