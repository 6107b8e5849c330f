import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import { REPORT_RETENTION_DAYS, reportPeriodProblem, reportScope } from './reports.js';

const teams = [
  { id: 'root', parentId: null },
  { id: 'sub', parentId: 'root' },
  { id: 'other', parentId: null },
];
const staff = (
  role: 'company-manager' | 'team-manager' | 'agent' | 'api-manager',
  rights: string[] = [],
): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role,
  teamId: 'sub',
  managedTeamIds: role === 'team-manager' ? ['root'] : [],
  rights,
});

describe('who runs reports over what (MC-9, MC-1)', () => {
  it('company managers: the organization', () => {
    expect(reportScope(staff('company-manager'), teams)).toEqual({ organizationId: 'o1' });
  });
  it('team managers with reports.run: their teams and those below; without it: nothing', () => {
    expect(reportScope(staff('team-manager', ['reports.run']), teams)).toEqual({
      organizationId: 'o1',
      teamIds: ['root', 'sub'],
    });
    expect(reportScope(staff('team-manager'), teams)).toBeUndefined();
  });
  it('agents granted reports.run: their own sessions; others, API managers, customers, tokens: nothing', () => {
    expect(reportScope(staff('agent', ['reports.run']), teams)).toEqual({
      organizationId: 'o1',
      agentId: 'u1',
    });
    expect(reportScope(staff('agent'), teams)).toBeUndefined();
    expect(reportScope(staff('api-manager', ['reports.run']), teams)).toBeUndefined();
    expect(reportScope({ kind: 'customer', organizationId: 'o1', deviceId: 'd' }, teams)).toBeUndefined();
    expect(reportScope({ kind: 'system' }, teams)).toBeUndefined();
  });
});

describe('report periods (MC-9, MC-14)', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  it(`accepts periods within the last ${REPORT_RETENTION_DAYS} days`, () => {
    expect(reportPeriodProblem(daysAgo(90), now, now)).toBeUndefined();
    expect(reportPeriodProblem(daysAgo(30), daysAgo(1), now)).toBeUndefined();
  });
  it('refuses a period reaching further back, and one that ends before it starts', () => {
    expect(reportPeriodProblem(daysAgo(91), now, now)).toBe('retention');
    expect(reportPeriodProblem(daysAgo(1), daysAgo(2), now)).toBe('order');
    expect(reportPeriodProblem(now, now, now)).toBe('order');
  });
});
