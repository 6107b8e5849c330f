/**
 * Work started after the response has gone out (a reset request's lookup and mail, a delivery),
 * tracked so a test or a shutdown can wait for it. A failure is logged, never thrown at a caller
 * that has already been answered.
 */
export class BackgroundWork {
  readonly #pending = new Set<Promise<void>>();

  /** Starts `work` now, in the background. */
  run(label: string, work: () => Promise<unknown>): void {
    const promise = work().then(
      () => undefined,
      (error: unknown) => console.error(`${label} failed`, error),
    );
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }

  /** Resolves when everything started so far, and anything it started in turn, has finished. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}
