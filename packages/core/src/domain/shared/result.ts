/**
 * Why a machine refused an event. `forbidden` maps to HTTP 403, `invalid-transition` to 409.
 * Refusals are values, never exceptions.
 * @example
 * if (!result.ok && result.rejection.code === 'forbidden') return problem(403, result.rejection.reason);
 */
export type Rejection = { code: 'forbidden' | 'invalid-transition'; reason: string };

/**
 * Outcome of a pure transition: the next state plus effects (data, run by the caller after the
 * state is committed), or a rejection that changes nothing.
 */
export type MachineResult<S, F> = { ok: true; state: S; effects: F[] } | { ok: false; rejection: Rejection };

/**
 * A pure state machine: `transition` has no I/O and never throws for an expected failure. Stores
 * (`createStore`) and the server both drive machines through this one shape.
 * @example
 * const toggle: Machine<boolean, 'flip', never> = { transition: (s) => ({ ok: true, state: !s, effects: [] }) };
 */
export interface Machine<S, E, F> {
  transition(state: S, event: E): MachineResult<S, F>;
}

/** Build a refusal value (never thrown). */
export function reject(code: Rejection['code'], reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { code, reason } };
}
