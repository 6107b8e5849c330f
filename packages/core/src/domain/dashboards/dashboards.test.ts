import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import { dashboardAccess, serviceLevel, serviceLevelStart } from './dashboards.js';

const now = new Date('2026-03-02T10:00:00Z');
const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);

describe('serviceLevel (MC-7)', () => {
  it('counts confirmations within the threshold as met, later ones as missed', () => {
    const level = serviceLevel(
      [
        { createdAt: at(600), confirmedAt: at(570), waiting: false }, // 30 s: met
        { createdAt: at(600), confirmedAt: at(540), waiting: false }, // 60 s: met (inclusive)
        { createdAt: at(600), confirmedAt: at(500), waiting: false }, // 100 s: missed
      ],
      60,
      now,
    );
    expect(level).toEqual({ met: 2, missed: 1, pending: 0, share: 2 / 3 });
  });
  it('a waiting request is pending inside the threshold and missed past it', () => {
    const level = serviceLevel(
      [
        { createdAt: at(30), confirmedAt: null, waiting: true },
        { createdAt: at(90), confirmedAt: null, waiting: true },
      ],
      60,
      now,
    );
    expect(level).toEqual({ met: 0, missed: 1, pending: 1, share: 0 });
  });
  it('a customer giving up inside the threshold counts neither way; after it, missed', () => {
    const level = serviceLevel(
      [
        { createdAt: at(300), confirmedAt: null, waiting: false, endedAt: at(280) },
        { createdAt: at(300), confirmedAt: null, waiting: false, endedAt: at(100) },
      ],
      60,
      now,
    );
    expect(level).toEqual({ met: 0, missed: 1, pending: 0, share: 0 });
  });
  it('nothing decided: no share', () => {
    expect(serviceLevel([], 60, now).share).toBeNull();
  });
  it('periods: the last hour, today (UTC), the last week', () => {
    expect(serviceLevelStart('hour', now).toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(serviceLevelStart('today', now).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(serviceLevelStart('week', now).toISOString()).toBe('2026-02-23T10:00:00.000Z');
  });
});

describe('dashboardAccess (MC-7)', () => {
  const manager = (
    userId: string,
    role: 'company-manager' | 'team-manager' | 'agent' = 'team-manager',
  ): Actor => ({
    kind: 'staff',
    organizationId: 'o1',
    userId,
    role,
    teamId: null,
    managedTeamIds: [],
  });
  const d = { organizationId: 'o1', ownerId: 'a', sharedWith: ['b'], sharedWithOrganization: false };
  it('the owner owns it; managers it is shared with view it; other managers have none', () => {
    expect(dashboardAccess(manager('a'), d)).toBe('own');
    expect(dashboardAccess(manager('b'), d)).toBe('view');
    expect(dashboardAccess(manager('c'), d)).toBe('none');
    expect(dashboardAccess(manager('c'), { ...d, sharedWithOrganization: true })).toBe('view');
  });
  it('agents and other organizations never, even when shared organization-wide', () => {
    const everyone = { ...d, sharedWithOrganization: true, sharedWith: ['x'] };
    expect(dashboardAccess(manager('x', 'agent'), everyone)).toBe('none');
    expect(dashboardAccess({ ...manager('a'), organizationId: 'o2' } as Actor, everyone)).toBe('none');
  });
});
