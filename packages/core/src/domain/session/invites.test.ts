import { describe, expect, it } from 'vitest';
import type { Actor } from './access.js';
import { invitable, mayInvite } from './invites.js';
import type { TeamNode } from './teams.js';

const teams: TeamNode[] = [{ id: 't1', parentId: null }];
const scope = { organizationId: 'o1', teamId: 't1', assigneeIds: ['u1'] };
const agent: Actor = {
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role: 'agent',
  teamId: 't1',
  managedTeamIds: [],
};

describe('invitations to one session (VS-5, VS-7)', () => {
  it('staff who may act on the session invite while it is open; finished sessions are reopened first', () => {
    for (const status of ['requested', 'confirmed', 'running'] as const) {
      expect(mayInvite(agent, { ...scope, status }, teams)).toBe(true);
    }
    for (const status of ['completed', 'closed', 'cancelled'] as const) {
      expect(invitable(status)).toBe(false);
      expect(mayInvite(agent, { ...scope, status }, teams)).toBe(false);
    }
  });

  it('customers, other agents and other organizations do not invite', () => {
    const open = { ...scope, status: 'confirmed' as const };
    expect(mayInvite({ kind: 'customer', organizationId: 'o1', deviceId: 'd1' }, open, teams)).toBe(false);
    expect(mayInvite({ ...agent, userId: 'u2' }, open, teams)).toBe(false);
    expect(mayInvite({ ...agent, organizationId: 'o2' }, open, teams)).toBe(false);
  });
});
