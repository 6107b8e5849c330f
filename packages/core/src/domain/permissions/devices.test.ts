import { describe, expect, it } from 'vitest';
import type { Actor } from '../session/access.js';
import type { TeamNode } from '../session/teams.js';
import { mayAdministerDevices, mayEditDevice } from './devices.js';

const teams: TeamNode[] = [
  { id: 'field', parentId: null },
  { id: 'heating', parentId: 'field' },
  { id: 'sales', parentId: null },
];
const staff = (patch: Partial<Extract<Actor, { kind: 'staff' }>>): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role: 'team-manager',
  teamId: null,
  managedTeamIds: ['field'],
  rights: ['agents.edit'],
  ...patch,
});
const device = { organizationId: 'o1', teamId: 'heating' };

describe('who manages devices (MC-1, VS-1, SI-3)', () => {
  it('MC-1: only company managers of the organization register, re-home or delete devices', () => {
    expect(mayAdministerDevices(staff({ role: 'company-manager' }), 'o1')).toBe(true);
    expect(mayAdministerDevices(staff({ role: 'company-manager' }), 'o2')).toBe(false);
    expect(mayAdministerDevices(staff({}), 'o1')).toBe(false);
    expect(mayAdministerDevices(staff({ role: 'api-manager' }), 'o1')).toBe(false);
    expect(mayAdministerDevices({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, 'o1')).toBe(
      false,
    );
  });

  it('MC-1: team managers granted agents.edit edit devices of teams they manage or below', () => {
    expect(mayEditDevice(staff({}), device, teams)).toBe(true);
    expect(mayEditDevice(staff({ rights: [] }), device, teams)).toBe(false);
    expect(mayEditDevice(staff({ managedTeamIds: ['sales'] }), device, teams)).toBe(false);
    expect(mayEditDevice(staff({}), { ...device, teamId: null }, teams)).toBe(false);
    expect(mayEditDevice(staff({ role: 'company-manager', rights: [] }), device, teams)).toBe(true);
  });

  it('MC-1: agents (even with rights), API managers, customers and other organizations edit no device', () => {
    expect(mayEditDevice(staff({ role: 'agent', teamId: 'heating' }), device, teams)).toBe(false);
    expect(mayEditDevice(staff({ role: 'api-manager' }), device, teams)).toBe(false);
    expect(mayEditDevice({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, device, teams)).toBe(
      false,
    );
    expect(mayEditDevice(staff({ organizationId: 'o2' }), device, teams)).toBe(false);
  });
});
