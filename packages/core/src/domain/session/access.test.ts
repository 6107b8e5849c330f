import { describe, expect, it } from 'vitest';
import { type Actor, canActAsStaff, canViewSession } from './access.js';
import { type TeamNode, teamLineage } from './teams.js';

const teams: TeamNode[] = [
  { id: 'root', parentId: null },
  { id: 'support', parentId: 'root' },
  { id: 'field', parentId: 'support' },
  { id: 'sales', parentId: 'root' },
];
const session = { organizationId: 'o1', deviceId: 'd1', teamId: 'field', assigneeIds: [] as string[] };
const staff = (patch: Partial<Extract<Actor, { kind: 'staff' }>>): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role: 'agent',
  teamId: 'field',
  managedTeamIds: [],
  ...patch,
});

describe('who may act on a session (VS-7)', () => {
  it('VS-7: a company manager of the same organization may act on any session', () => {
    expect(canActAsStaff(staff({ role: 'company-manager', teamId: null }), session, teams)).toBe(true);
  });

  it('VS-7: a team manager may act on sessions of a managed team or of its sub-teams', () => {
    expect(canActAsStaff(staff({ role: 'team-manager', managedTeamIds: ['field'] }), session, teams)).toBe(
      true,
    );
    expect(canActAsStaff(staff({ role: 'team-manager', managedTeamIds: ['root'] }), session, teams)).toBe(
      true,
    );
    expect(canActAsStaff(staff({ role: 'team-manager', managedTeamIds: ['sales'] }), session, teams)).toBe(
      false,
    );
  });

  it('VS-7: a team manager cannot act on a session without a team', () => {
    const manager = staff({ role: 'team-manager', managedTeamIds: ['root'] });
    expect(canActAsStaff(manager, { ...session, teamId: null }, teams)).toBe(false);
  });

  it('VS-7: an assigned agent may act; an unassigned agent of the team may not once someone is assigned', () => {
    const assigned = { ...session, assigneeIds: ['u1'] };
    expect(canActAsStaff(staff({ teamId: 'sales' }), assigned, teams)).toBe(true);
    expect(canActAsStaff(staff({ userId: 'u2' }), assigned, teams)).toBe(false);
  });

  it('VS-3, VS-7: while nobody is assigned, the agents of the session team may act', () => {
    expect(canActAsStaff(staff({}), session, teams)).toBe(true);
    expect(canActAsStaff(staff({ teamId: 'support' }), session, teams)).toBe(false);
  });

  it('VS-7: an API manager and anyone from another organization may not act', () => {
    expect(canActAsStaff(staff({ role: 'api-manager' }), session, teams)).toBe(false);
    expect(canActAsStaff(staff({ role: 'company-manager', organizationId: 'o2' }), session, teams)).toBe(
      false,
    );
  });

  it('VS-15: the customer of the device may view the session; other customers may not', () => {
    expect(canViewSession({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, session, teams)).toBe(
      true,
    );
    expect(canViewSession({ kind: 'customer', organizationId: 'o1', deviceId: 'd2' }, session, teams)).toBe(
      false,
    );
    expect(canViewSession({ kind: 'system' }, session, teams)).toBe(false);
  });

  it('VS-5: an invited customer sees only the session of the invitation, not the device’s others', () => {
    const invited = { kind: 'customer' as const, organizationId: 'o1', deviceId: 'd1' };
    expect(canViewSession({ ...invited, sessionId: 's1' }, { ...session, id: 's1' }, teams)).toBe(true);
    expect(canViewSession({ ...invited, sessionId: 's1' }, { ...session, id: 's2' }, teams)).toBe(false);
    expect(
      canViewSession({ ...invited, sessionId: 's1' }, { ...session, deviceId: 'd2', id: 's1' }, teams),
    ).toBe(false);
  });

  it('MC-3: the lineage of a team ends at the root, even if the tree has a cycle', () => {
    expect(teamLineage('field', teams)).toEqual(['field', 'support', 'root']);
    const cyclic: TeamNode[] = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(teamLineage('a', cyclic)).toEqual(['a', 'b']);
  });
});
