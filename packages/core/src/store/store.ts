import { BehaviorSubject, distinctUntilChanged, map, type Observable, Subject } from 'rxjs';
import type { Machine, MachineResult } from '../domain/shared/result.js';

/** Options of {@link createStore}. */
export interface StoreOptions<S, E, F> {
  /**
   * Runs each effect after the new state is committed, so `store.getSnapshot()` inside it already
   * returns the new state. A handler may `send` again; that event is handled at once (committed and
   * its effects run) before the remaining effects of the first one.
   */
  onEffect?: (effect: F, store: Store<S, E, F>) => void;
}

/** A machine wrapped in rxjs: the observable state behind every controller and web component. */
export interface Store<S, E, F> {
  /** The current state, then every change; replays the current state to new subscribers. */
  readonly state$: Observable<S>;
  /** Every effect, emitted after the state that caused it has been committed. */
  readonly effects$: Observable<F>;
  /** The current state. */
  getSnapshot(): S;
  /** Applies an event; returns the machine's result. A rejection changes nothing and emits nothing. */
  send(event: E): MachineResult<S, F>;
  /** A derived value that emits only when it changes under `equals` (default `Object.is`). */
  select<T>(selector: (state: S) => T, equals?: (a: T, b: T) => boolean): Observable<T>;
  /** Whether the machine would accept the event now (no state change). */
  can(event: E): boolean;
  /** Completes `state$` and `effects$`; later `send` calls are refused. */
  stop(): void;
}

/**
 * Wraps a pure machine in a small rxjs store (DC-2): `send` runs the transition, commits the new
 * state, emits it on `state$` (only when it is a different object), then runs the effects.
 * @example
 * const store = createStore(sessionMachine(actor, { teams }), session, {
 *   onEffect: (effect) => { if (effect.type === 'call-started') joinCall(effect.callId); },
 * });
 * store.select((s) => s.status).subscribe(render);
 * store.send({ type: 'confirm' });
 */
export function createStore<S, E, F>(
  machine: Machine<S, E, F>,
  initial: S,
  options: StoreOptions<S, E, F> = {},
): Store<S, E, F> {
  const subject = new BehaviorSubject<S>(initial);
  const effects = new Subject<F>();
  const state$ = subject.pipe(distinctUntilChanged());
  let stopped = false;

  const store: Store<S, E, F> = {
    state$,
    effects$: effects.asObservable(),
    getSnapshot: () => subject.getValue(),
    send(event) {
      if (stopped) {
        return {
          ok: false,
          rejection: { code: 'invalid-transition', reason: 'The store has been stopped.' },
        };
      }
      const result = machine.transition(subject.getValue(), event);
      if (!result.ok) return result;
      if (result.state !== subject.getValue()) subject.next(result.state);
      for (const effect of result.effects) {
        effects.next(effect);
        options.onEffect?.(effect, store);
      }
      return result;
    },
    select: (selector, equals = Object.is) => state$.pipe(map(selector), distinctUntilChanged(equals)),
    can: (event) => !stopped && machine.transition(subject.getValue(), event).ok,
    stop() {
      stopped = true;
      subject.complete();
      effects.complete();
    },
  };
  return store;
}
