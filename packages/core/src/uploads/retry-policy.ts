/** What to do after an upload attempt answered with `status` (0: no answer at all). */
export type AttemptOutcome = 'done' | 'retry' | 'give-up';

/**
 * 2xx is done. No answer, 408, 429 and 5xx are worth retrying (the network or the server may come
 * back); any other 4xx will not change by retrying (bad input, no permission, conflict), so it stops.
 * @example
 * classifyStatus(503); // 'retry'
 */
export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return 'done';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'give-up';
}

/**
 * Exponential backoff with full jitter, capped: attempt 1 waits up to 1 s, then 2, 4 … up to 5 min.
 * Pass `random` to make it deterministic in tests.
 * @example
 * const delay = uploadBackoff()(3); // somewhere in 0..4 s
 */
export function uploadBackoff(
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): (attempt: number) => number {
  const { baseMs = 1_000, maxMs = 300_000, random = Math.random } = options;
  return (attempt) => {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.max(baseMs / 4, Math.round(ceiling * random()));
  };
}
