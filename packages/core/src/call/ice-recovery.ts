import type { ReconnectPolicy } from './reconnect-policy.js';

/**
 * Decisions of the peer-to-peer transport's connection recovery (VS-9), pure so they are tested
 * without a browser. The transport feeds in what it observes and runs the timers itself.
 *
 * Two mechanisms:
 * - **ICE restart** once media was up: ICE `disconnected` (after a grace period) or `failed` leads to
 *   `restartIce()` on the same connection, retried with backoff until connected or out of attempts.
 * - **Setup watchdog** before media was ever up: a fresh connection that does not reach ICE
 *   `connected` within `setupTimeoutMs` is replaced by a new one (new incarnation, new hello) — by the
 *   initiator only, so the two sides never replace connections under each other.
 */

/** What the transport observes when ICE or signaling state changes. */
export interface IceObservation {
  /** The connection's ICE state (`disconnected` while a drop is simulated). */
  readonly ice: RTCIceConnectionState;
  /** An ICE restart's renegotiation is still under way (`reconnecting` and signaling not `stable`). */
  readonly renegotiating: boolean;
  /** This connection had media up before. */
  readonly everConnected: boolean;
  /** A restart is already scheduled. */
  readonly restartScheduled: boolean;
  /** Recovery already gave up. */
  readonly failed: boolean;
}

/** What to do about an {@link IceObservation}. */
export type IceDecision =
  | { readonly action: 'connected' }
  | { readonly action: 'restart'; readonly afterMs: number }
  | { readonly action: 'none' };

/**
 * Decide on an ICE or signaling state change. Before media was ever up nothing is restarted: the
 * setup watchdog owns that phase.
 * @example
 * onIceChange({ ice: 'disconnected', renegotiating: false, everConnected: true, restartScheduled: false, failed: false }, policy);
 * // { action: 'restart', afterMs: policy.disconnectedGraceMs }
 */
export function onIceChange(seen: IceObservation, policy: ReconnectPolicy): IceDecision {
  if ((seen.ice === 'connected' || seen.ice === 'completed') && !seen.renegotiating) {
    return { action: 'connected' };
  }
  if (
    (seen.ice === 'disconnected' || seen.ice === 'failed') &&
    seen.everConnected &&
    !seen.restartScheduled &&
    !seen.failed
  ) {
    return { action: 'restart', afterMs: seen.ice === 'failed' ? 0 : policy.disconnectedGraceMs };
  }
  return { action: 'none' };
}

/** What to do when a scheduled ICE restart is due. */
export type RestartDecision =
  | { readonly action: 'restart'; readonly checkAgainMs: number }
  | { readonly action: 'give-up'; readonly attempts: number };

/**
 * Decide whether restart number `attempt` (0-based) goes ahead, and when to check again if it does
 * not bring ICE back.
 * @example
 * onRestartDue(0, exponentialBackoff({ baseMs: 500 })); // { action: 'restart', checkAgainMs: 500 }
 */
export function onRestartDue(attempt: number, policy: ReconnectPolicy): RestartDecision {
  if (attempt >= policy.maxAttempts) return { action: 'give-up', attempts: attempt };
  return { action: 'restart', checkAgainMs: policy.delayMs(attempt) };
}

/** What to do when a connection has not reached ICE `connected` within `setupTimeoutMs`. */
export type SetupDecision =
  | { readonly action: 'wait' }
  | { readonly action: 'rebuild'; readonly afterMs: number }
  | { readonly action: 'give-up'; readonly rebuilds: number };

/**
 * Decide on a setup timeout. The initiator replaces the connection — at once the first time, then
 * after the policy's backoff (the old connection may still come up meanwhile) — and gives up after
 * `maxAttempts` replacements; the other side waits for the initiator's new hello.
 * @example
 * onSetupTimeout({ initiator: true, rebuilds: 0 }, policy); // { action: 'rebuild', afterMs: 0 }
 * onSetupTimeout({ initiator: false, rebuilds: 0 }, policy); // { action: 'wait' }
 */
export function onSetupTimeout(
  state: { readonly initiator: boolean; readonly rebuilds: number },
  policy: ReconnectPolicy,
): SetupDecision {
  if (!state.initiator) return { action: 'wait' };
  if (state.rebuilds >= policy.maxAttempts) return { action: 'give-up', rebuilds: state.rebuilds };
  return { action: 'rebuild', afterMs: state.rebuilds === 0 ? 0 : policy.delayMs(state.rebuilds - 1) };
}

/**
 * The connection state to show while a connection is being set up or replaced: `reconnecting` only
 * once media had been up during this call, `connecting` before.
 * @example
 * setupState(false); // 'connecting'
 */
export function setupState(everConnectedInCall: boolean): 'connecting' | 'reconnecting' {
  return everConnectedInCall ? 'reconnecting' : 'connecting';
}
