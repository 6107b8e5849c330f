import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './access.js';
import { type SessionEvent, type SessionState, transitionSession } from './machine.js';
import type { TeamNode } from './teams.js';

const teams: TeamNode[] = [
  { id: 'root', parentId: null },
  { id: 'field', parentId: 'root' },
];
const actors: Actor[] = [
  { kind: 'customer', organizationId: 'o1', deviceId: 'd1' },
  { kind: 'customer', organizationId: 'o1', deviceId: 'd2' },
  { kind: 'staff', organizationId: 'o1', userId: 'a1', role: 'agent', teamId: 'field', managedTeamIds: [] },
  {
    kind: 'staff',
    organizationId: 'o1',
    userId: 'm1',
    role: 'team-manager',
    teamId: null,
    managedTeamIds: ['root'],
  },
  {
    kind: 'staff',
    organizationId: 'o2',
    userId: 'x',
    role: 'company-manager',
    teamId: null,
    managedTeamIds: [],
  },
  { kind: 'system' },
];
const callId = fc.constantFrom('c1', 'c2', 'c3');
const event: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.constant({ type: 'confirm' as const }),
  fc.constant({ type: 'cancel' as const }),
  callId.map((id) => ({ type: 'start-call' as const, callId: id })),
  callId.map((id) => ({ type: 'end-call' as const, callId: id })),
  fc.constant({ type: 'close' as const }),
  fc.constant({ type: 'auto-close' as const }),
  fc.constant({ type: 'reopen' as const }),
);
const step = fc.record({ event, actor: fc.constantFrom(...actors) });
const initial: SessionState = {
  organizationId: 'o1',
  deviceId: 'd1',
  teamId: 'field',
  assigneeIds: [],
  status: 'requested',
  activeCallIds: [],
};

/** Walk the steps, calling `check(before, step, result)` for every one. */
function walk(
  steps: { event: SessionEvent; actor: Actor }[],
  check: (
    before: SessionState,
    s: { event: SessionEvent; actor: Actor },
    after: SessionState,
    ok: boolean,
  ) => void,
): void {
  let state = initial;
  for (const s of steps) {
    const result = transitionSession(state, s.event, s.actor, { teams });
    const after = result.ok ? result.state : state;
    check(state, s, after, result.ok);
    state = after;
  }
}

describe('session lifecycle properties (VS-6, VS-7)', () => {
  it('VS-6: nothing ever leaves cancelled', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        walk(steps, (before, _s, after) => {
          if (before.status === 'cancelled') expect(after.status).toBe('cancelled');
        });
      }),
    );
  });

  it('VS-6: running is entered only from confirmed, or stays running', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        walk(steps, (before, _s, after) => {
          if (after.status === 'running') expect(['confirmed', 'running']).toContain(before.status);
        });
      }),
    );
  });

  it('VS-6: a session is running exactly while it has active calls', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        walk(steps, (_before, _s, after) => {
          expect(after.status === 'running').toBe(after.activeCallIds.length > 0);
        });
      }),
    );
  });

  it('VS-6: a customer never reopens, and a refused event changes nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        walk(steps, (before, s, after, ok) => {
          if (s.actor.kind === 'customer' && s.event.type === 'reopen') expect(ok).toBe(false);
          if (!ok) expect(after).toBe(before);
        });
      }),
    );
  });

  it('VS-7: actors from another organization or device never change a session', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        walk(steps, (_before, s, _after, ok) => {
          const outsider =
            (s.actor.kind !== 'system' && s.actor.organizationId !== 'o1') ||
            (s.actor.kind === 'customer' && s.actor.deviceId !== 'd1');
          if (outsider) expect(ok).toBe(false);
        });
      }),
    );
  });
});
