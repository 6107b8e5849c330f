/**
 * Fixed-window request counter per key, in memory: each process limits on its own. For limits that
 * guard cost or a small disclosure, not a secret — organization bootstrap, password change, custom
 * code probing, reset mails (whose request answers before touching the database). Sign-ins, where
 * guessing is the threat, go through the shared, database-backed throttle in `throttling/`.
 */
export class Throttle {
  readonly #windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => number,
  ) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (this.#windows.size > 10_000) this.#sweep(now);
    if (window.count <= this.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.start >= this.windowMs) this.#windows.delete(key);
    }
  }
}
