import type { Services } from '../context.js';
import type { Summarizer } from '../summarizers/index.js';
import { runOneJob } from './job.js';

/**
 * Runs summary jobs in the background (SI-7): right after a session completes (`kick`) and on a
 * timer, so jobs left by a restart or waiting for a retry are picked up. One loop per process;
 * several processes share the work through the jobs' leases.
 */
export class SummaryWorker {
  #running: Promise<void> | undefined;
  #again = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(
    private readonly services: Services,
    private readonly summarizer: Summarizer,
    private readonly options: { leaseMs: number; pollMs: number },
  ) {}

  /**
   * Starts the timer and looks for jobs a restart left behind at once (`pollMs` 0: neither — tests
   * and tools that only build the app drive jobs themselves; completions still kick).
   */
  start(): void {
    if (this.options.pollMs <= 0) return;
    this.#timer = setInterval(() => this.kick(), this.options.pollMs);
    this.#timer.unref();
    this.kick();
  }

  /** Stops the timer and ignores later kicks (shutdown; a test that runs another worker). */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  /** Looks for due jobs now, in the background. */
  kick(): void {
    if (this.services.shutdown.aborted || this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Runs every job due now and waits for them (tests; a graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#loop();
  }

  async #loop(): Promise<void> {
    try {
      while (
        !this.services.shutdown.aborted &&
        (await runOneJob(this.services, this.summarizer, this.options))
      ) {
        // next job
      }
    } catch (error) {
      if (!this.services.shutdown.aborted) console.error('summary job failed', error);
    }
  }
}
