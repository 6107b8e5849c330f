import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import { allManagementRights, grantableRights, hasRight } from './management.js';

const staff = (
  role: 'company-manager' | 'team-manager' | 'api-manager' | 'agent',
  rights?: string[],
): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role,
  teamId: null,
  managedTeamIds: [],
  rights,
});

describe('management rights (MC-1, MC-2)', () => {
  it('company managers hold every right', () => {
    for (const right of allManagementRights) expect(hasRight(staff('company-manager'), right)).toBe(true);
  });
  it('team managers and agents hold exactly the rights granted to them', () => {
    expect(hasRight(staff('team-manager'), 'agents.move')).toBe(false);
    expect(hasRight(staff('team-manager', ['agents.move']), 'agents.move')).toBe(true);
    expect(hasRight(staff('team-manager', ['agents.move']), 'agents.add')).toBe(false);
    expect(hasRight(staff('agent', ['reports.run']), 'reports.run')).toBe(true);
  });
  it('API managers provision users only', () => {
    expect(hasRight(staff('api-manager'), 'agents.add')).toBe(true);
    expect(hasRight(staff('api-manager'), 'reports.run')).toBe(false);
    expect(hasRight(staff('api-manager'), 'team.settings')).toBe(false);
  });
  it('customers hold none', () => {
    const customer: Actor = { kind: 'customer', organizationId: 'o1', deviceId: 'd1' };
    for (const right of allManagementRights) expect(hasRight(customer, right)).toBe(false);
  });
  it('agents may be granted only the limited rights', () => {
    expect(grantableRights('agent')).toEqual(['reports.run', 'team.settings']);
    expect(grantableRights('team-manager')).toEqual(allManagementRights);
    expect(grantableRights('company-manager')).toEqual([]);
  });
});
