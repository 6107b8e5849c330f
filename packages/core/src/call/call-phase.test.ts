import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStore } from '../store/store.js';
import {
  type CallPhase,
  type CallPhaseEvent,
  callPhaseMachine,
  callPhaseTransitions,
  transitionCallPhase,
} from './call-phase.js';
import { ConnectionState } from './media-transport.js';

const idle: CallPhase = { phase: 'idle' };
const starting: CallPhase = { phase: 'starting' };
const connecting: CallPhase = { phase: 'in-call', callId: 'c1', connection: 'connecting' };
const connected: CallPhase = { phase: 'in-call', callId: 'c1', connection: 'connected' };
const reconnecting: CallPhase = { phase: 'in-call', callId: 'c1', connection: 'reconnecting' };
const hungUp: CallPhase = { phase: 'ended', callId: 'c1', reason: 'hung-up' };
const abandoned: CallPhase = { phase: 'ended', callId: 'c1', reason: 'abandoned' };
const failed: CallPhase = { phase: 'failed', reason: 'Camera or microphone unavailable' };

/** One state of every phase. */
const phases: CallPhase[] = [idle, starting, connected, hungUp, failed];
/** One event of every type. */
const events: CallPhaseEvent[] = [
  { type: 'start' },
  { type: 'joined', callId: 'c1', connection: 'connecting' },
  { type: 'connection-changed', connection: 'reconnecting' },
  { type: 'ended', reason: 'hung-up' },
  { type: 'failed', reason: 'refused' },
];

const next = (state: CallPhase, event: CallPhaseEvent) => {
  const r = transitionCallPhase(state, event);
  if (!r.ok) throw new Error(r.rejection.reason);
  expect(r.effects).toEqual([]);
  return r.state;
};

describe('the call phase machine (VS-8, VS-9)', () => {
  it('VS-8: start moves an idle, ended or failed call to starting (a call after a reopen, a retry)', () => {
    for (const from of [idle, hungUp, abandoned, failed])
      expect(next(from, { type: 'start' })).toEqual(starting);
  });

  it('VS-8: joined moves a starting call into the call with the transport’s connection', () => {
    expect(next(starting, { type: 'joined', callId: 'c1', connection: 'connecting' })).toEqual(connecting);
    expect(next(starting, { type: 'joined', callId: 'c2', connection: 'connected' })).toEqual({
      phase: 'in-call',
      callId: 'c2',
      connection: 'connected',
    });
  });

  it('VS-9: the connection goes connected → reconnecting after a drop → connected, in the same call', () => {
    const a = next(connecting, { type: 'connection-changed', connection: 'connected' });
    expect(a).toEqual(connected);
    const b = next(a, { type: 'connection-changed', connection: 'reconnecting' });
    expect(b).toEqual(reconnecting);
    expect(next(b, { type: 'connection-changed', connection: 'connected' })).toEqual(connected);
  });

  it('VS-9: a connection change to the connection the call has returns the same state object', () => {
    expect(next(connected, { type: 'connection-changed', connection: 'connected' })).toBe(connected);
  });

  it('VS-9: ended keeps the call id and why: hung up, abandoned (one side gone for the grace period) or unknown', () => {
    expect(next(connected, { type: 'ended', reason: 'hung-up' })).toEqual(hungUp);
    expect(next(reconnecting, { type: 'ended', reason: 'abandoned' })).toEqual(abandoned);
    expect(next(connected, { type: 'ended' })).toEqual({ phase: 'ended', callId: 'c1' });
  });

  it('VS-8: failed ends a starting call with the reason', () => {
    expect(next(starting, { type: 'failed', reason: 'Not signed in' })).toEqual({
      phase: 'failed',
      reason: 'Not signed in',
    });
  });

  it('VS-8, VS-9: impossible transitions are refused as invalid-transition, every one of them', () => {
    for (const state of phases) {
      for (const event of events) {
        const accepted: readonly string[] = callPhaseTransitions[event.type];
        const r = transitionCallPhase(state, event);
        expect(r.ok, `${event.type} in ${state.phase}`).toBe(accepted.includes(state.phase));
        if (!r.ok) {
          expect(r.rejection).toEqual({
            code: 'invalid-transition',
            reason: `Cannot '${event.type}' a call that is '${state.phase}'.`,
          });
        }
      }
    }
  });

  it('VS-8, VS-9: named refusals — a second start, a join or end before starting, a second end, a late failure', () => {
    const refused = (state: CallPhase, event: CallPhaseEvent) =>
      expect(transitionCallPhase(state, event).ok, `${event.type} in ${state.phase}`).toBe(false);
    refused(starting, { type: 'start' });
    refused(connected, { type: 'start' });
    refused(idle, { type: 'joined', callId: 'c1', connection: 'connecting' });
    refused(connected, { type: 'joined', callId: 'c2', connection: 'connecting' });
    refused(idle, { type: 'ended' });
    refused(starting, { type: 'ended' });
    refused(hungUp, { type: 'ended', reason: 'abandoned' });
    refused(hungUp, { type: 'connection-changed', connection: 'connected' });
    refused(connected, { type: 'failed', reason: 'late' });
    refused(failed, { type: 'failed', reason: 'again' });
  });

  it('VS-8, VS-9: through the store, the phase moves only on accepted events and a refusal emits nothing', () => {
    const store = createStore(callPhaseMachine, idle);
    const seen: CallPhase[] = [];
    store.state$.subscribe((p) => seen.push(p));
    expect(store.send({ type: 'start' }).ok).toBe(true);
    expect(store.send({ type: 'start' }).ok).toBe(false);
    expect(store.can({ type: 'ended' })).toBe(false);
    store.send({ type: 'joined', callId: 'c1', connection: 'connecting' });
    store.send({ type: 'connection-changed', connection: 'connected' });
    store.send({ type: 'connection-changed', connection: 'connected' });
    store.send({ type: 'ended', reason: 'hung-up' });
    store.send({ type: 'connection-changed', connection: 'reconnecting' });
    expect(seen).toEqual([idle, starting, connecting, connected, hungUp]);
  });
});

const connection = fc.constantFrom(...Object.values(ConnectionState));
const event: fc.Arbitrary<CallPhaseEvent> = fc.oneof(
  fc.constant({ type: 'start' as const }),
  fc.record({ type: fc.constant('joined' as const), callId: fc.constantFrom('c1', 'c2'), connection }),
  fc.record({ type: fc.constant('connection-changed' as const), connection }),
  fc.oneof(
    fc.constant({ type: 'ended' as const }),
    fc.record({
      type: fc.constant('ended' as const),
      reason: fc.constantFrom('hung-up' as const, 'abandoned' as const),
    }),
  ),
  fc.record({ type: fc.constant('failed' as const), reason: fc.string() }),
);

describe('the call phase machine over any sequence of events (VS-8, VS-9) — property', () => {
  it('VS-8, VS-9: refusals change nothing, each accepted event lands in its phase, and an end keeps the joined call’s id', () => {
    const lands: Record<CallPhaseEvent['type'], CallPhase['phase']> = {
      start: 'starting',
      joined: 'in-call',
      'connection-changed': 'in-call',
      ended: 'ended',
      failed: 'failed',
    };
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (steps) => {
        let state: CallPhase = idle;
        let joinedCall: string | undefined;
        for (const e of steps) {
          const r = transitionCallPhase(state, e);
          const accepted: readonly string[] = callPhaseTransitions[e.type];
          expect(r.ok).toBe(accepted.includes(state.phase));
          if (!r.ok) continue;
          expect(r.state.phase).toBe(lands[e.type]);
          if (e.type === 'joined') joinedCall = e.callId;
          if (r.state.phase === 'in-call' || r.state.phase === 'ended')
            expect(r.state.callId).toBe(joinedCall);
          state = r.state;
        }
      }),
    );
  });
});
