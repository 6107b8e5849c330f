import { describe, expect, it } from 'vitest';
import { type SessionState, sessionMachine } from '../domain/session/machine.js';
import type { Machine } from '../domain/shared/result.js';
import { createStore } from './store.js';

type Counter = { count: number; label: string };
type CounterEvent = { type: 'inc' } | { type: 'rename'; label: string } | { type: 'noop' } | { type: 'fail' };
type CounterEffect = { type: 'changed'; count: number };

const counter: Machine<Counter, CounterEvent, CounterEffect> = {
  transition(state, event) {
    switch (event.type) {
      case 'inc':
        return {
          ok: true,
          state: { ...state, count: state.count + 1 },
          effects: [{ type: 'changed', count: state.count + 1 }],
        };
      case 'rename':
        return { ok: true, state: { ...state, label: event.label }, effects: [] };
      case 'noop':
        return { ok: true, state, effects: [] };
      case 'fail':
        return { ok: false, rejection: { code: 'invalid-transition', reason: 'no' } };
    }
  },
};

describe('store (DC-2)', () => {
  it('DC-2: state$ replays the current state and emits only on a real change', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    const seen: number[] = [];
    store.state$.subscribe((s) => seen.push(s.count));
    store.send({ type: 'noop' });
    store.send({ type: 'fail' });
    store.send({ type: 'inc' });
    expect(seen).toEqual([0, 1]);
  });

  it('DC-2: select emits only when the selected value changes', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    const labels: string[] = [];
    store.select((s) => s.label).subscribe((l) => labels.push(l));
    store.send({ type: 'inc' });
    store.send({ type: 'rename', label: 'b' });
    store.send({ type: 'inc' });
    expect(labels).toEqual(['a', 'b']);
  });

  it('DC-2: select takes a custom equality', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    const parity: number[] = [];
    store
      .select(
        (s) => ({ even: s.count % 2 === 0 }),
        (x, y) => x.even === y.even,
      )
      .subscribe((p) => parity.push(p.even ? 0 : 1));
    store.send({ type: 'inc' });
    store.send({ type: 'inc' });
    store.send({ type: 'inc' });
    expect(parity).toEqual([0, 1, 0, 1]);
  });

  it('DC-2: effects run after the state is committed, and see the new snapshot', () => {
    const log: string[] = [];
    const store = createStore(
      counter,
      { count: 0, label: 'a' },
      {
        onEffect: (effect, s) => log.push(`effect ${effect.count} sees ${s.getSnapshot().count}`),
      },
    );
    store.state$.subscribe((s) => log.push(`state ${s.count}`));
    store.effects$.subscribe((e) => log.push(`effects$ ${e.count}`));
    store.send({ type: 'inc' });
    expect(log).toEqual(['state 0', 'state 1', 'effects$ 1', 'effect 1 sees 1']);
  });

  it('DC-2: a rejected event returns the rejection and changes nothing', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    const before = store.getSnapshot();
    expect(store.send({ type: 'fail' })).toEqual({
      ok: false,
      rejection: { code: 'invalid-transition', reason: 'no' },
    });
    expect(store.getSnapshot()).toBe(before);
  });

  it('DC-2: can() tells whether an event would be accepted, without changing state', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    expect(store.can({ type: 'inc' })).toBe(true);
    expect(store.can({ type: 'fail' })).toBe(false);
    expect(store.getSnapshot().count).toBe(0);
  });

  it('DC-2: an effect handler may send again, and the follow-up is committed at once', () => {
    const store = createStore(
      counter,
      { count: 0, label: 'a' },
      {
        onEffect: (effect, s) => {
          if (effect.count === 1) s.send({ type: 'inc' });
        },
      },
    );
    store.send({ type: 'inc' });
    expect(store.getSnapshot().count).toBe(2);
  });

  it('DC-2: a stopped store completes its streams and refuses events', () => {
    const store = createStore(counter, { count: 0, label: 'a' });
    let completed = false;
    store.state$.subscribe({ complete: () => (completed = true) });
    store.stop();
    expect(completed).toBe(true);
    expect(store.send({ type: 'inc' }).ok).toBe(false);
    expect(store.can({ type: 'inc' })).toBe(false);
  });

  it('VS-6, VS-8: a session store driven by a customer starts the call and reports the effect', () => {
    const session: SessionState = {
      organizationId: 'o1',
      deviceId: 'd1',
      teamId: 't1',
      assigneeIds: [],
      status: 'confirmed',
      activeCallIds: [],
    };
    const customer = { kind: 'customer', organizationId: 'o1', deviceId: 'd1' } as const;
    const store = createStore(sessionMachine(customer, { teams: [] }), session);
    const statuses: string[] = [];
    store.select((s) => s.status).subscribe((s) => statuses.push(s));
    const effects: string[] = [];
    store.effects$.subscribe((e) => effects.push(e.type));
    expect(store.can({ type: 'reopen' })).toBe(false);
    store.send({ type: 'start-call', callId: 'c1' });
    expect(statuses).toEqual(['confirmed', 'running']);
    expect(effects).toEqual(['status-changed', 'call-started']);
  });
});
