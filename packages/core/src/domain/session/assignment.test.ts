import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionStatus } from '../schemas/enums.js';
import type { Actor } from './access.js';
import { canActAsStaff } from './access.js';
import {
  type AssignableSession,
  type AssignmentCandidate,
  isEligibleAssignee,
  isResponsibleTeam,
  mayAssign,
  mayClaim,
} from './assignment.js';
import type { TeamNode } from './teams.js';

const teams: TeamNode[] = [
  { id: 'root', parentId: null },
  { id: 'support', parentId: 'root' },
  { id: 'field', parentId: 'support' },
  { id: 'heating', parentId: 'field' },
  { id: 'sales', parentId: 'root' },
];
const session: AssignableSession = {
  organizationId: 'o1',
  teamId: 'field',
  assigneeIds: [],
  status: 'requested',
};
const staff = (patch: Partial<Extract<Actor, { kind: 'staff' }>>): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'u1',
  role: 'agent',
  teamId: 'field',
  managedTeamIds: [],
  ...patch,
});
const agent = (patch: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  userId: 'a1',
  organizationId: 'o1',
  role: 'agent',
  teamId: 'field',
  deleted: false,
  ...patch,
});
const companyManager = staff({ userId: 'cm', role: 'company-manager', teamId: null });
const fieldManager = staff({ userId: 'tm', role: 'team-manager', teamId: null, managedTeamIds: ['support'] });

describe('responsible teams (VS-3)', () => {
  it('VS-3: the session’s team and every team below it are responsible; teams above or beside are not', () => {
    expect(isResponsibleTeam('field', 'field', teams)).toBe(true);
    expect(isResponsibleTeam('heating', 'field', teams)).toBe(true);
    expect(isResponsibleTeam('support', 'field', teams)).toBe(false);
    expect(isResponsibleTeam('sales', 'field', teams)).toBe(false);
    expect(isResponsibleTeam(null, 'field', teams)).toBe(false);
    expect(isResponsibleTeam('field', null, teams)).toBe(false);
  });

  it('VS-3: only live agents of a responsible team of the same organization may hold a session', () => {
    expect(isEligibleAssignee(agent(), session, teams)).toBe(true);
    expect(isEligibleAssignee(agent({ teamId: 'heating' }), session, teams)).toBe(true);
    expect(isEligibleAssignee(agent({ teamId: 'sales' }), session, teams)).toBe(false);
    expect(isEligibleAssignee(agent({ deleted: true }), session, teams)).toBe(false);
    expect(isEligibleAssignee(agent({ role: 'team-manager' }), session, teams)).toBe(false);
    expect(isEligibleAssignee(agent({ organizationId: 'o2' }), session, teams)).toBe(false);
    // Without a team, any agent of the organization who has a team.
    expect(isEligibleAssignee(agent({ teamId: 'sales' }), { ...session, teamId: null }, teams)).toBe(true);
  });
});

describe('assigning a session (VS-3, VS-7)', () => {
  it('VS-7: a company manager assigns to an agent of the team or below, and the agent then may act', () => {
    const r = mayAssign(companyManager, session, agent({ userId: 'a2', teamId: 'heating' }), teams);
    expect(r).toEqual({ ok: true, assigneeIds: ['a2'], changed: true });
    const after = { ...session, assigneeIds: ['a2'] };
    expect(canActAsStaff(staff({ userId: 'a2', teamId: 'heating' }), after, teams)).toBe(true);
    expect(canActAsStaff(staff({ userId: 'a3', teamId: 'field' }), after, teams)).toBe(false);
  });

  it('VS-7: a team manager assigns sessions of teams they manage or below, not others', () => {
    expect(mayAssign(fieldManager, session, agent(), teams).ok).toBe(true);
    const other = staff({ role: 'team-manager', teamId: null, managedTeamIds: ['sales'] });
    const r = mayAssign(other, session, agent(), teams);
    expect(r.ok || r.rejection.code).toBe('forbidden');
  });

  it('VS-7: agents, customers, API managers and other organizations may not assign', () => {
    for (const actor of [
      staff({}),
      staff({ role: 'api-manager', teamId: null }),
      { kind: 'customer', organizationId: 'o1', deviceId: 'd1' } as Actor,
      { ...companyManager, organizationId: 'o2' } as Actor,
    ]) {
      const r = mayAssign(actor, session, agent(), teams);
      expect(r.ok || r.rejection.code).toBe('forbidden');
    }
  });

  it('VS-3: refuses a target outside the responsible teams, a deleted user or a non-agent (not-eligible)', () => {
    for (const target of [
      agent({ teamId: 'sales' }),
      agent({ deleted: true }),
      agent({ role: 'company-manager' }),
    ]) {
      const r = mayAssign(companyManager, session, target, teams);
      expect(r.ok || r.rejection.code).toBe('not-eligible');
    }
  });

  it('VS-6: refuses while in a call and once the session is finished', () => {
    const running = mayAssign(companyManager, { ...session, status: 'running' }, agent(), teams);
    expect(running.ok || running.rejection.code).toBe('session-in-call');
    for (const status of ['closed', 'cancelled'] as const) {
      const r = mayAssign(companyManager, { ...session, status }, agent(), teams);
      expect(r.ok || r.rejection.code).toBe('session-finished');
    }
  });

  it('assigning the current holder again changes nothing; null gives the session back to the team', () => {
    const held = { ...session, assigneeIds: ['a1'] };
    expect(mayAssign(companyManager, held, agent(), teams)).toEqual({
      ok: true,
      assigneeIds: ['a1'],
      changed: false,
    });
    expect(mayAssign(companyManager, held, null, teams)).toEqual({
      ok: true,
      assigneeIds: [],
      changed: true,
    });
    expect(mayAssign(companyManager, session, null, teams)).toEqual({
      ok: true,
      assigneeIds: [],
      changed: false,
    });
  });
});

describe('claiming a session (VS-3)', () => {
  it('VS-3: an agent of the session’s team or below claims an unassigned request', () => {
    expect(mayClaim(staff({}), session, teams)).toEqual({ ok: true, assigneeIds: ['u1'], changed: true });
    expect(mayClaim(staff({ teamId: 'heating' }), session, teams).ok).toBe(true);
  });

  it('VS-3: agents of other teams, managers and customers may not claim', () => {
    for (const actor of [
      staff({ teamId: 'sales' }),
      staff({ teamId: 'support' }),
      staff({ teamId: null }),
      companyManager,
      fieldManager,
      { kind: 'customer', organizationId: 'o1', deviceId: 'd1' } as Actor,
    ]) {
      const r = mayClaim(actor, session, teams);
      expect(r.ok || r.rejection.code).toBe('forbidden');
    }
  });

  it('VS-3: a session someone holds cannot be claimed (409); one’s own claim again changes nothing', () => {
    const r = mayClaim(staff({}), { ...session, assigneeIds: ['u9'] }, teams);
    expect(r.ok || r.rejection.code).toBe('already-assigned');
    expect(mayClaim(staff({}), { ...session, assigneeIds: ['u1'] }, teams)).toEqual({
      ok: true,
      assigneeIds: ['u1'],
      changed: false,
    });
  });

  it('property: a successful assignment or claim always leaves exactly one eligible holder', () => {
    const teamIds = [...teams.map((t) => t.id), null];
    const arbSession = fc.record({
      organizationId: fc.constantFrom('o1', 'o2'),
      teamId: fc.constantFrom(...teamIds),
      assigneeIds: fc.subarray(['a1', 'a2', 'u1']),
      status: fc.constantFrom(...Object.values(SessionStatus)),
    });
    const arbActor = fc.record({
      kind: fc.constant('staff' as const),
      organizationId: fc.constantFrom('o1', 'o2'),
      userId: fc.constantFrom('u1', 'a1'),
      role: fc.constantFrom('company-manager', 'team-manager', 'agent', 'api-manager' as const),
      teamId: fc.constantFrom(...teamIds),
      managedTeamIds: fc.subarray(teams.map((t) => t.id)),
    });
    const arbTarget = fc.record({
      userId: fc.constantFrom('a1', 'a2'),
      organizationId: fc.constantFrom('o1', 'o2'),
      role: fc.constantFrom('agent', 'team-manager'),
      teamId: fc.constantFrom(...teamIds),
      deleted: fc.boolean(),
    });
    fc.assert(
      fc.property(arbActor, arbSession, arbTarget, (actor, s, target) => {
        const assigned = mayAssign(actor, s, target, teams);
        if (assigned.ok) {
          expect(assigned.assigneeIds).toEqual([target.userId]);
          expect(isEligibleAssignee(target, s, teams)).toBe(true);
          expect(['requested', 'confirmed', 'completed']).toContain(s.status);
          // The manager who assigned keeps acting on the session (managers above it).
          expect(canActAsStaff(actor, { ...s, assigneeIds: assigned.assigneeIds }, teams)).toBe(true);
        }
        const claimed = mayClaim(actor, s, teams);
        if (claimed.ok) {
          expect(actor.role).toBe('agent');
          expect(claimed.assigneeIds).toEqual([actor.userId]);
          expect(isResponsibleTeam(actor.teamId, s.teamId, teams)).toBe(true);
          if (claimed.changed) expect(s.assigneeIds).toEqual([]);
        }
      }),
    );
  });
});
