import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { BusinessHours, CreditLedgerEntry, Device, Organization, Portal, User } from './index.js';

describe('wire schemas', () => {
  it('SI-10: an organization defaults to AI off and English summaries', () => {
    const org = z.parse(Organization, {
      id: 'o1',
      name: 'Acme',
      plan: 'premium',
      licenceRenewsAt: '2027-01-01T00:00:00Z',
    });
    expect(org.ai).toEqual({
      summariesEnabled: false,
      outgoing: { enabled: false, scope: 'all' },
      incoming: { enabled: false, scope: 'all-devices' },
      summaryLanguage: 'en',
    });
  });

  it('SI-11: an unknown plan is a typed error, not a crash', () => {
    const r = z.safeParse(Organization, {
      id: 'o1',
      name: 'Acme',
      plan: 'gold',
      licenceRenewsAt: '2027-01-01T00:00:00Z',
    });
    expect(r.success).toBe(false);
  });

  it('MC-3: an agent must belong to a team; a manager need not', () => {
    const base = { id: 'u1', organizationId: 'o1', email: 'a@example.com', displayName: 'Ana' };
    expect(z.safeParse(User, { ...base, role: 'agent' }).success).toBe(false);
    expect(z.safeParse(User, { ...base, role: 'agent', teamId: 't1' }).success).toBe(true);
    const manager = z.parse(User, { ...base, role: 'company-manager' });
    expect(manager).toMatchObject({
      teamId: null,
      managedTeamIds: [],
      logSessions: true,
      featureOverrides: {},
    });
  });

  it('MC-6: a portal needs at least one sub-portal', () => {
    const base = { id: 'p1', organizationId: 'o1', name: 'Support', slug: 'support' };
    expect(z.safeParse(Portal, { ...base, subPortals: [] }).success).toBe(false);
    const portal = z.parse(Portal, { ...base, subPortals: [{ id: 's1', name: 'Main', slug: 'main' }] });
    expect(portal.features.requests).toBe('on');
    expect(portal.features.recording).toBe('off');
    expect(portal).toMatchObject({
      businessHours: null,
      holidays: [],
      outsideHours: 'refuse',
      timeZone: 'UTC',
    });
  });

  it('MC-6: business hours refuse overlapping or reversed intervals', () => {
    const ok = {
      mon: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '24:00' },
      ],
    };
    expect(z.safeParse(BusinessHours, ok).success).toBe(true);
    const overlap = {
      mon: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '14:00' },
      ],
    };
    expect(z.safeParse(BusinessHours, overlap).success).toBe(false);
    expect(z.safeParse(BusinessHours, { tue: [{ start: '12:00', end: '08:00' }] }).success).toBe(false);
    expect(z.safeParse(BusinessHours, { tue: [{ start: '24:00', end: '24:00' }] }).success).toBe(false);
    expect(z.safeParse(BusinessHours, { someday: [] }).success).toBe(false);
  });

  it('SI-3, SI-4: a device defaults to after-confirmation, and only managed devices carry a policy', () => {
    const base = { id: 'd1', organizationId: 'o1', name: 'Pump 7', teamId: 't1' };
    expect(z.parse(Device, base)).toMatchObject({ managed: false, summaryAccess: 'after-confirmation' });
    expect(z.safeParse(Device, { ...base, policy: { summaries: true } }).success).toBe(false);
    expect(z.parse(Device, { ...base, managed: true, policy: { summaries: true } }).policy).toEqual({
      summaries: true,
      enforced: false,
    });
  });

  it('SI-11: ledger entries are typed by kind and a debit is always one credit', () => {
    expect(
      z.safeParse(CreditLedgerEntry, {
        type: 'debit',
        amount: 1,
        at: '2026-01-01T00:00:00Z',
        sessionId: 's1',
      }).success,
    ).toBe(true);
    expect(
      z.safeParse(CreditLedgerEntry, {
        type: 'debit',
        amount: 2,
        at: '2026-01-01T00:00:00Z',
        sessionId: 's1',
      }).success,
    ).toBe(false);
    expect(
      z.safeParse(CreditLedgerEntry, {
        type: 'grant-monthly',
        amount: 5,
        at: '2026-01-01T00:00:00Z',
        period: '2026-13',
      }).success,
    ).toBe(false);
  });
});
