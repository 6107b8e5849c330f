import { describe, expect, it } from 'vitest';
import type { Actor, SessionScope } from '../session/access.js';
import { mayMonitorCall } from './monitoring.js';

const teams = [
  { id: 'field', parentId: null },
  { id: 'heating', parentId: 'field' },
  { id: 'sales', parentId: null },
];
const session: SessionScope = {
  organizationId: 'o1',
  deviceId: 'd1',
  teamId: 'heating',
  assigneeIds: ['agent1'],
  portalId: 'p1',
  id: 's1',
};
const staff = (
  role: 'company-manager' | 'team-manager' | 'agent' | 'api-manager',
  extra: Partial<Actor> = {},
): Actor =>
  ({
    kind: 'staff',
    organizationId: 'o1',
    userId: 'u1',
    role,
    teamId: null,
    managedTeamIds: role === 'team-manager' ? ['field'] : [],
    rights: [],
    ...extra,
  }) as Actor;

describe('who may monitor a call silently (MC-8)', () => {
  it('company managers, and team managers above the session’s team', () => {
    expect(mayMonitorCall(staff('company-manager'), session, teams)).toBe(true);
    expect(mayMonitorCall(staff('team-manager'), session, teams)).toBe(true);
    expect(
      mayMonitorCall(staff('team-manager', { managedTeamIds: ['sales'] } as Partial<Actor>), session, teams),
    ).toBe(false);
  });
  it('never the session’s own assignee, agents, API keys, customers or another organization', () => {
    expect(
      mayMonitorCall(staff('company-manager', { userId: 'agent1' } as Partial<Actor>), session, teams),
    ).toBe(false);
    expect(mayMonitorCall(staff('agent', { teamId: 'heating' } as Partial<Actor>), session, teams)).toBe(
      false,
    );
    expect(mayMonitorCall(staff('api-manager'), session, teams)).toBe(false);
    expect(mayMonitorCall({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, session, teams)).toBe(
      false,
    );
    expect(
      mayMonitorCall(staff('company-manager', { organizationId: 'o2' } as Partial<Actor>), session, teams),
    ).toBe(false);
  });
});
