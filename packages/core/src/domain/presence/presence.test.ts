import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import type { TeamNode } from '../session/teams.js';
import { mayViewPresence, PRESENCE_TIMEOUT_MS, presenceOf } from './presence.js';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('presenceOf (MC-7)', () => {
  it('is offline without a console heard from within the timeout', () => {
    expect(presenceOf({ chosen: 'available', heartbeats: [], inCall: false }, now)).toBe('offline');
    expect(
      presenceOf({ chosen: 'available', heartbeats: [ago(PRESENCE_TIMEOUT_MS)], inCall: true }, now),
    ).toBe('offline');
  });
  it('one live tab among stale ones keeps the user online', () => {
    const heartbeats = [ago(PRESENCE_TIMEOUT_MS * 3), ago(PRESENCE_TIMEOUT_MS - 1)];
    expect(presenceOf({ chosen: 'available', heartbeats, inCall: false }, now)).toBe('available');
  });
  it('a running call makes them busy, even when they chose away', () => {
    expect(presenceOf({ chosen: 'away', heartbeats: [now], inCall: true }, now)).toBe('busy');
    expect(presenceOf({ chosen: 'away', heartbeats: [now], inCall: false }, now)).toBe('away');
  });
});

describe('mayViewPresence (MC-7)', () => {
  const teams: TeamNode[] = [
    { id: 'field', parentId: null },
    { id: 'heating', parentId: 'field' },
    { id: 'sales', parentId: null },
  ];
  const staff = (role: 'company-manager' | 'team-manager' | 'agent' | 'api-manager', more = {}): Actor => ({
    kind: 'staff',
    organizationId: 'o1',
    userId: 'me',
    role,
    teamId: null,
    managedTeamIds: [],
    ...more,
  });
  const heatingAgent = { organizationId: 'o1', userId: 'u2', teamId: 'heating' };

  it('company managers see everyone of their organization, nobody of another', () => {
    expect(mayViewPresence(staff('company-manager'), heatingAgent, teams)).toBe(true);
    expect(mayViewPresence(staff('company-manager'), { ...heatingAgent, organizationId: 'o2' }, teams)).toBe(
      false,
    );
  });
  it('team managers see their teams and those below, not other teams', () => {
    const tm = staff('team-manager', { managedTeamIds: ['field'] });
    expect(mayViewPresence(tm, heatingAgent, teams)).toBe(true);
    expect(mayViewPresence(tm, { ...heatingAgent, teamId: 'sales' }, teams)).toBe(false);
  });
  it('agents see their own team and themselves', () => {
    const agent = staff('agent', { teamId: 'heating' });
    expect(mayViewPresence(agent, heatingAgent, teams)).toBe(true);
    expect(mayViewPresence(agent, { ...heatingAgent, teamId: 'sales' }, teams)).toBe(false);
    expect(mayViewPresence(staff('agent'), { organizationId: 'o1', userId: 'me', teamId: null }, teams)).toBe(
      true,
    );
  });
  it('customers and API managers see nobody', () => {
    expect(
      mayViewPresence({ kind: 'customer', organizationId: 'o1', deviceId: 'd' }, heatingAgent, teams),
    ).toBe(false);
    expect(mayViewPresence(staff('api-manager'), heatingAgent, teams)).toBe(false);
  });
});
