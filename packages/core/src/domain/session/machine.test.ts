import { describe, expect, it } from 'vitest';
import type { Actor } from './access.js';
import {
  allowedEvents,
  openSession,
  type SessionEvent,
  type SessionState,
  sessionTransitions,
  transitionSession,
} from './machine.js';
import type { TeamNode } from './teams.js';

const teams: TeamNode[] = [
  { id: 'root', parentId: null },
  { id: 'support', parentId: 'root' },
  { id: 'field', parentId: 'support' },
  { id: 'sales', parentId: 'root' },
];
const ctx = { teams };

const session = (patch: Partial<SessionState> = {}): SessionState => ({
  organizationId: 'o1',
  deviceId: 'd1',
  teamId: 'field',
  assigneeIds: ['agent-1'],
  status: 'requested',
  activeCallIds: [],
  ...patch,
});

const staff = (patch: Partial<Extract<Actor, { kind: 'staff' }>> = {}): Actor => ({
  kind: 'staff',
  organizationId: 'o1',
  userId: 'agent-1',
  role: 'agent',
  teamId: 'field',
  managedTeamIds: [],
  ...patch,
});
const agent = staff();
const customer: Actor = { kind: 'customer', organizationId: 'o1', deviceId: 'd1' };
const system: Actor = { kind: 'system' };

describe('session lifecycle (VS-6)', () => {
  it('VS-4: staff confirm a requested session', () => {
    const result = transitionSession(session(), { type: 'confirm' }, agent, ctx);
    expect(result).toEqual({
      ok: true,
      state: session({ status: 'confirmed' }),
      effects: [{ type: 'status-changed', from: 'requested', to: 'confirmed' }],
    });
  });

  it('VS-4: a customer cannot confirm their own request', () => {
    const result = transitionSession(session(), { type: 'confirm' }, customer, ctx);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'forbidden' } });
  });

  for (const status of ['requested', 'confirmed'] as const) {
    for (const actor of [agent, customer]) {
      it(`VS-6: a ${actor.kind} cancels a ${status} session, with the reason in the effect`, () => {
        const result = transitionSession(
          session({ status }),
          { type: 'cancel', reason: 'fixed' },
          actor,
          ctx,
        );
        expect(result).toEqual({
          ok: true,
          state: session({ status: 'cancelled' }),
          effects: [{ type: 'status-changed', from: status, to: 'cancelled', reason: 'fixed' }],
        });
      });
    }
  }

  for (const actor of [agent, customer]) {
    it(`VS-8: a ${actor.kind} starts the call of a confirmed session, which becomes running`, () => {
      const result = transitionSession(
        session({ status: 'confirmed' }),
        { type: 'start-call', callId: 'c1' },
        actor,
        ctx,
      );
      expect(result).toEqual({
        ok: true,
        state: session({ status: 'running', activeCallIds: ['c1'] }),
        effects: [
          { type: 'status-changed', from: 'confirmed', to: 'running' },
          { type: 'call-started', callId: 'c1' },
        ],
      });
    });
  }

  it('VS-8, VS-16: while a call runs, starting another is refused — the other side joins the running call', () => {
    const result = transitionSession(
      session({ status: 'running', activeCallIds: ['c1'] }),
      { type: 'start-call', callId: 'c2' },
      customer,
      ctx,
    );
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid-transition' } });
  });

  it('VS-6: starting a call that is already active is refused', () => {
    const result = transitionSession(
      session({ status: 'running', activeCallIds: ['c1'] }),
      { type: 'start-call', callId: 'c1' },
      agent,
      ctx,
    );
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid-transition' } });
  });

  it('VS-6: ending one of two calls keeps the session running', () => {
    const result = transitionSession(
      session({ status: 'running', activeCallIds: ['c1', 'c2'] }),
      { type: 'end-call', callId: 'c1' },
      agent,
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      state: session({ status: 'running', activeCallIds: ['c2'] }),
      effects: [{ type: 'call-ended', callId: 'c1' }],
    });
  });

  for (const actor of [agent, customer, system]) {
    it(`VS-6: the last call ending (by ${actor.kind}) completes the session and schedules auto-close`, () => {
      const result = transitionSession(
        session({ status: 'running', activeCallIds: ['c1'] }),
        { type: 'end-call', callId: 'c1' },
        actor,
        ctx,
      );
      expect(result).toEqual({
        ok: true,
        state: session({ status: 'completed', activeCallIds: [] }),
        effects: [
          { type: 'status-changed', from: 'running', to: 'completed' },
          { type: 'call-ended', callId: 'c1' },
          { type: 'schedule-auto-close' },
        ],
      });
    });
  }

  it('VS-6: ending a call that is not active is refused', () => {
    const result = transitionSession(
      session({ status: 'running', activeCallIds: ['c1'] }),
      { type: 'end-call', callId: 'zz' },
      agent,
      ctx,
    );
    expect(result).toMatchObject({ ok: false, rejection: { code: 'invalid-transition' } });
  });

  it('VS-6: staff close a completed session', () => {
    const result = transitionSession(session({ status: 'completed' }), { type: 'close' }, agent, ctx);
    expect(result).toEqual({
      ok: true,
      state: session({ status: 'closed' }),
      effects: [{ type: 'status-changed', from: 'completed', to: 'closed' }, { type: 'cancel-auto-close' }],
    });
  });

  it('VS-6: the system auto-closes a completed session', () => {
    const result = transitionSession(session({ status: 'completed' }), { type: 'auto-close' }, system, ctx);
    expect(result).toMatchObject({ ok: true, state: { status: 'closed' } });
  });

  it('VS-6: only the system sends auto-close, and only staff send close', () => {
    expect(
      transitionSession(session({ status: 'completed' }), { type: 'auto-close' }, agent, ctx),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
    expect(transitionSession(session({ status: 'completed' }), { type: 'close' }, system, ctx)).toMatchObject(
      {
        ok: false,
        rejection: { code: 'forbidden' },
      },
    );
    expect(
      transitionSession(session({ status: 'completed' }), { type: 'close' }, customer, ctx),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
  });

  for (const status of ['completed', 'closed'] as const) {
    it(`VS-6: staff reopen a ${status} session, which becomes confirmed for another call`, () => {
      const result = transitionSession(session({ status }), { type: 'reopen' }, agent, ctx);
      expect(result).toMatchObject({ ok: true, state: session({ status: 'confirmed' }) });
      if (result.ok)
        expect(result.effects[0]).toEqual({ type: 'status-changed', from: status, to: 'confirmed' });
    });

    it(`VS-6: a customer who tries to reopen a ${status} session is told to request anew`, () => {
      const result = transitionSession(session({ status }), { type: 'reopen' }, customer, ctx);
      expect(result).toEqual({
        ok: false,
        rejection: { code: 'forbidden', reason: expect.stringMatching(/request a new session/) },
      });
    });
  }

  const allEvents: SessionEvent[] = [
    { type: 'confirm' },
    { type: 'cancel' },
    { type: 'start-call', callId: 'new' },
    { type: 'end-call', callId: 'c1' },
    { type: 'close' },
    { type: 'auto-close' },
    { type: 'reopen' },
  ];
  for (const status of Object.keys(sessionTransitions) as (keyof typeof sessionTransitions)[]) {
    const accepted = Object.keys(sessionTransitions[status]);
    for (const event of allEvents.filter((e) => !accepted.includes(e.type))) {
      it(`VS-6: '${event.type}' on a ${status} session is refused as an invalid transition naming both`, () => {
        const actor = event.type === 'auto-close' ? system : agent;
        const state = session({ status, activeCallIds: status === 'running' ? ['c1'] : [] });
        const result = transitionSession(state, event, actor, ctx);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.rejection.code).toBe('invalid-transition');
          expect(result.rejection.reason).toContain(status);
          expect(result.rejection.reason).toContain(event.type);
        }
      });
    }
  }
});

describe('session authorization (VS-7)', () => {
  it('VS-7: an actor from another organization is forbidden', () => {
    const outsider = staff({ organizationId: 'o2', role: 'company-manager' });
    expect(transitionSession(session(), { type: 'confirm' }, outsider, ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
  });

  it('VS-7: a customer of another device is forbidden', () => {
    const other: Actor = { kind: 'customer', organizationId: 'o1', deviceId: 'd2' };
    expect(transitionSession(session(), { type: 'cancel' }, other, ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
  });

  it('VS-7: authorization is checked before the transition (403 before 409)', () => {
    const other = staff({ userId: 'agent-9', teamId: 'sales' });
    const result = transitionSession(session({ status: 'cancelled' }), { type: 'confirm' }, other, ctx);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'forbidden' } });
  });

  it('VS-7: an agent who is not assigned is forbidden', () => {
    const other = staff({ userId: 'agent-2' });
    expect(transitionSession(session(), { type: 'confirm' }, other, ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
  });

  it('VS-7: a team manager of an ancestor team may confirm', () => {
    const manager = staff({ userId: 'm1', role: 'team-manager', teamId: null, managedTeamIds: ['support'] });
    expect(transitionSession(session(), { type: 'confirm' }, manager, ctx).ok).toBe(true);
  });

  it('VS-7: an API manager never acts on sessions', () => {
    const api = staff({ userId: 'api', role: 'api-manager', teamId: null });
    expect(transitionSession(session(), { type: 'confirm' }, api, ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'forbidden' },
    });
  });
});

describe('allowed events and opening', () => {
  it('VS-8: on a confirmed session a customer may cancel or start the call', () => {
    expect(allowedEvents(session({ status: 'confirmed' }), customer, ctx)).toEqual(['cancel', 'start-call']);
  });

  it('VS-6: on a running session staff may end the active call (one call at a time)', () => {
    expect(allowedEvents(session({ status: 'running', activeCallIds: ['c1'] }), agent, ctx)).toEqual([
      'end-call',
    ]);
  });

  it('VS-6: nothing is allowed on a cancelled session', () => {
    expect(allowedEvents(session({ status: 'cancelled' }), agent, ctx)).toEqual([]);
  });

  it('VS-1, VS-3: a customer request opens as requested and notifies staff', () => {
    const opened = openSession(
      { organizationId: 'o1', deviceId: 'd1', teamId: 'field', assigneeIds: [] },
      'customer',
    );
    expect(opened.state.status).toBe('requested');
    expect(opened.effects).toEqual([
      { type: 'status-changed', from: null, to: 'requested' },
      { type: 'notify-staff' },
    ]);
  });

  it('VS-5: a session created by staff opens as confirmed', () => {
    const opened = openSession(
      { organizationId: 'o1', deviceId: 'd1', teamId: 'field', assigneeIds: [] },
      'staff',
    );
    expect(opened.state.status).toBe('confirmed');
  });
});
