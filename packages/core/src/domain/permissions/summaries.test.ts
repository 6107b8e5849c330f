import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import {
  allSummaryPermissions,
  defaultSummaryPermissions,
  maySummary,
  type SummaryPermission,
  type SummaryRolePermissions,
} from './summaries.js';

const staff = (role: 'company-manager' | 'team-manager' | 'agent' | 'api-manager'): Actor => ({
  kind: 'staff',
  organizationId: 'org_1',
  userId: `u_${role}`,
  role,
  teamId: null,
  managedTeamIds: [],
});
const customer: Actor = { kind: 'customer', organizationId: 'org_1', deviceId: 'dev_1' };

describe('summary permissions per role (SI-5)', () => {
  it('by default team managers view, edit and export; agents only view; nobody else changes settings', () => {
    const tm = staff('team-manager');
    const agent = staff('agent');
    const grants = defaultSummaryPermissions;
    expect(allSummaryPermissions.filter((p) => maySummary(tm, p, grants))).toEqual([
      'summaries.view',
      'summaries.edit',
      'summaries.export',
    ]);
    expect(allSummaryPermissions.filter((p) => maySummary(agent, p, grants))).toEqual(['summaries.view']);
  });

  it('company managers hold every permission whatever the table says; API managers and customers none', () => {
    for (const p of allSummaryPermissions) {
      expect(maySummary(staff('company-manager'), p, {})).toBe(true);
      expect(maySummary(staff('api-manager'), p, { 'team-manager': allSummaryPermissions })).toBe(false);
      expect(maySummary(customer, p, { agent: allSummaryPermissions })).toBe(false);
      expect(maySummary({ kind: 'system' }, p, { agent: allSummaryPermissions })).toBe(false);
    }
  });

  it('a role missing from the table holds nothing', () => {
    expect(maySummary(staff('agent'), 'summaries.view', { 'team-manager': ['summaries.view'] })).toBe(false);
  });

  it('for any table, a team manager or agent holds exactly what the table grants its role (property)', () => {
    const list = fc.subarray([...allSummaryPermissions]);
    fc.assert(
      fc.property(list, list, (tm, agent) => {
        const grants: SummaryRolePermissions = { 'team-manager': tm, agent };
        const held = (role: 'team-manager' | 'agent') =>
          allSummaryPermissions.filter((p: SummaryPermission) => maySummary(staff(role), p, grants));
        expect(held('team-manager')).toEqual(allSummaryPermissions.filter((p) => tm.includes(p)));
        expect(held('agent')).toEqual(allSummaryPermissions.filter((p) => agent.includes(p)));
      }),
    );
  });
});
