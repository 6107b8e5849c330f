/**
 * When to retry a dropped media connection, and when to give up (VS-9: a network drop must not end
 * the session). Pure: the transport asks it for delays and runs the timers itself.
 */
export interface ReconnectPolicy {
  /** Attempts before the connection is declared `failed`. */
  readonly maxAttempts: number;
  /** Delay before attempt `attempt` (0-based), in milliseconds. */
  delayMs(attempt: number): number;
  /**
   * How long ICE may sit in `disconnected` before a restart is tried. `disconnected` is often a
   * transient loss of a few consent checks that heals on its own, so restarting at once wastes a round trip.
   */
  readonly disconnectedGraceMs: number;
  /**
   * How long a new peer connection may take to reach ICE `connected` before the call's initiator
   * replaces it with a fresh one (VS-9: a connection whose ICE never gathers a candidate never recovers
   * on its own). Replacements back off with {@link delayMs} and count against {@link maxAttempts}.
   */
  readonly setupTimeoutMs: number;
}

/**
 * Exponential backoff: `baseMs · 2^attempt`, capped at `maxMs`, for `maxAttempts` attempts.
 * @example
 * const policy = exponentialBackoff({ baseMs: 500, maxMs: 8000, maxAttempts: 5 });
 * policy.delayMs(3); // 4000
 */
export function exponentialBackoff(
  options: {
    baseMs?: number;
    maxMs?: number;
    maxAttempts?: number;
    disconnectedGraceMs?: number;
    setupTimeoutMs?: number;
  } = {},
): ReconnectPolicy {
  const baseMs = options.baseMs ?? 500;
  const maxMs = options.maxMs ?? 8_000;
  return {
    maxAttempts: options.maxAttempts ?? 6,
    disconnectedGraceMs: options.disconnectedGraceMs ?? 2_000,
    setupTimeoutMs: options.setupTimeoutMs ?? 6_000,
    delayMs: (attempt) => Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt)),
  };
}
