import { describe, expect, it } from 'vitest';
import type { Actor } from './access.js';
import { callHasEnded, mayRate, type RateableSession } from './rating.js';

const ended: RateableSession = {
  organizationId: 'o1',
  deviceId: 'd1',
  assigneeIds: ['u1', 'u2'],
  calls: [{ endedAt: '2025-01-01T10:00:00Z' }],
};
const staff = (userId: string, role: 'agent' | 'team-manager' | 'company-manager' = 'agent'): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId,
  role,
  teamId: null,
  managedTeamIds: [],
});
const customer = (deviceId: string, organizationId = 'o1'): Actor => ({
  kind: 'customer',
  organizationId,
  deviceId,
});

describe('mayRate (MC-15)', () => {
  it('lets the customer of the device and each holder rate after a call ended', () => {
    expect(mayRate(customer('d1'), ended)).toEqual({ ok: true, rater: { kind: 'customer', id: 'd1' } });
    expect(mayRate(staff('u1'), ended)).toEqual({ ok: true, rater: { kind: 'staff', id: 'u1' } });
    expect(mayRate(staff('u2'), ended)).toEqual({ ok: true, rater: { kind: 'staff', id: 'u2' } });
  });

  it('refuses everyone else, managers above the holders included, before looking at the calls', () => {
    const refused = [
      customer('d2'),
      customer('d1', 'o2'),
      staff('u3'),
      staff('boss', 'company-manager'),
      { ...staff('u1'), organizationId: 'o2' } as Actor,
      {
        kind: 'integration',
        organizationId: 'o1',
        tokenId: 't',
        scopes: ['sessions:read'],
        portalIds: null,
        teamIds: null,
      } as Actor,
      { kind: 'system' } as Actor,
    ];
    for (const actor of refused) {
      for (const calls of [ended.calls, []]) {
        const outcome = mayRate(actor, { ...ended, calls });
        expect(outcome.ok ? 'ok' : outcome.rejection.code).toBe('forbidden');
      }
    }
  });

  it('says not-yet while no call has ended (none yet, or one still running)', () => {
    for (const calls of [[], [{ endedAt: null }], [{}]]) {
      const outcome = mayRate(customer('d1'), { ...ended, calls });
      expect(outcome.ok ? 'ok' : outcome.rejection.code).toBe('not-yet');
    }
  });

  it('counts a session reopened after its call as ended: an earlier call ended', () => {
    expect(callHasEnded({ calls: [{ endedAt: new Date() }, { endedAt: null }] })).toBe(true);
    expect(callHasEnded({ calls: [{ endedAt: null }] })).toBe(false);
  });
});
