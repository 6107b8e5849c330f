import type { Machine, MachineResult } from '../domain/shared/result.js';
import { createStore, type Store } from '../store/store.js';
import type { ConnectionState } from './media-transport.js';

/** Why a call ended: someone hung up, or one side was gone for the grace period (VS-9). */
export type CallEndReason = 'hung-up' | 'abandoned';

/** Where a call stands from the page's point of view. */
export type CallPhase =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'in-call'; callId: string; connection: ConnectionState }
  | {
      phase: 'ended';
      callId: string;
      /** Someone hung up, or one side was gone for the grace period (VS-9). */
      reason?: CallEndReason;
    }
  | { phase: 'failed'; reason: string };

/**
 * What happens to a call on this side (VS-8, VS-9):
 * - `start`: this side starts the call or joins the one running (again after an end or a failure);
 * - `joined`: the media joined the call the server named, with the transport's connection;
 * - `connection-changed`: the transport connected, reconnects after a drop, …;
 * - `ended`: someone hung up, or the server ended the call as abandoned;
 * - `failed`: the call could not start (refused by the server, no camera or microphone, …).
 */
export type CallPhaseEvent =
  | { type: 'start' }
  | { type: 'joined'; callId: string; connection: ConnectionState }
  | { type: 'connection-changed'; connection: ConnectionState }
  | { type: 'ended'; reason?: CallEndReason }
  | { type: 'failed'; reason: string };

/** Result of {@link transitionCallPhase}; a call's phase has no effects. */
export type CallPhaseResult = MachineResult<CallPhase, never>;

/**
 * The phases each event is accepted in. A refused event (`invalid-transition`) changes nothing: a
 * second `start` while starting or in a call, a connection change outside a call, an end that
 * comes again or before the call was joined.
 */
export const callPhaseTransitions = {
  start: ['idle', 'ended', 'failed'],
  joined: ['starting'],
  'connection-changed': ['in-call'],
  ended: ['in-call'],
  failed: ['starting'],
} as const satisfies Record<CallPhaseEvent['type'], readonly CallPhase['phase'][]>;

const done = (state: CallPhase): CallPhaseResult => ({ ok: true, state, effects: [] });

/**
 * The call's phase on this side (VS-8, VS-9) as one pure function: `idle` → `starting` → `in-call`
 * (connected, reconnecting, …) → `ended` (hung up or abandoned), or `failed` while starting; a
 * new `start` follows an end or a failure. A connection change to the state the call already has
 * returns the same state object.
 * @example
 * const r = transitionCallPhase({ phase: 'starting' }, { type: 'joined', callId, connection: 'connecting' });
 * if (r.ok) render(r.state); // { phase: 'in-call', callId, connection: 'connecting' }
 */
export function transitionCallPhase(state: CallPhase, event: CallPhaseEvent): CallPhaseResult {
  const accepted: readonly string[] = callPhaseTransitions[event.type];
  if (!accepted.includes(state.phase)) {
    // The rejection is written out rather than made by `reject`: sharing that module with the page's
    // code would split it into a chunk of its own on the page that never calls.
    const reason = `Cannot '${event.type}' a call that is '${state.phase}'.`;
    return { ok: false, rejection: { code: 'invalid-transition', reason } };
  }
  switch (event.type) {
    case 'start':
      return done({ phase: 'starting' });
    case 'joined':
      return done({ phase: 'in-call', callId: event.callId, connection: event.connection });
    case 'failed':
      return done({ phase: 'failed', reason: event.reason });
  }
  // `connection-changed` and `ended` are accepted only in a call.
  const call = state as Extract<CallPhase, { phase: 'in-call' }>;
  if (event.type === 'ended')
    return done({ phase: 'ended', callId: call.callId, ...(event.reason ? { reason: event.reason } : {}) });
  return done(call.connection === event.connection ? call : { ...call, connection: event.connection });
}

/**
 * The call's phase as a {@link Machine}, for `createStore`.
 * @example
 * const phase = createStore(callPhaseMachine, { phase: 'idle' } as CallPhase);
 * phase.send({ type: 'start' });
 */
export const callPhaseMachine: Machine<CallPhase, CallPhaseEvent, never> = {
  transition: transitionCallPhase,
};

/** The call's phase in a store: moved only by {@link callPhaseMachine}. */
export type CallPhaseStore = Store<CallPhase, CallPhaseEvent, never>;

/**
 * A store of the call's phase from `initial` (default `idle`); the call session drives its public
 * `phase$` through it.
 * @example
 * const phase = createCallPhaseStore();
 * phase.send({ type: 'start' }); // ok: starting
 * phase.send({ type: 'start' }); // refused: already starting
 */
export function createCallPhaseStore(initial: CallPhase = { phase: 'idle' }): CallPhaseStore {
  return createStore(callPhaseMachine, initial);
}
