import type { Services } from '../context.js';
import { type DeliveryOptions, deliverDue, pruneDeliveries } from './deliver.js';
import { fanOut } from './fanout.js';

/** How long delivered and failed deliveries stay listed. */
export const RETENTION_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
/**
 * The least time between the starts of two runs: a burst of changes, each waking the worker, is
 * fanned out in a few transactions instead of one (with its reads) per change, which on a single
 * connection (PGlite) would take turns with the writes themselves.
 */
export const RUN_GAP_MS = 100;

/**
 * Sends webhooks in the background (SI-12): fans the outbox out into deliveries, then POSTs what is
 * due, woken by every committed change (the outbox notifier) and by a timer for retries and for
 * deliveries a restart left (their leases end). One loop per process; replicas share the work
 * through the cursor's row lock and the deliveries' leases.
 */
export class WebhookWorker {
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #lastPrune = 0;
  #lastStart = Number.NEGATIVE_INFINITY;
  #runs = 0;
  #later: NodeJS.Timeout | undefined;
  readonly #stop = new AbortController();

  constructor(
    private readonly services: Services,
    private readonly options: DeliveryOptions & { pollMs: number },
  ) {}

  /** Starts waking on changes and every `pollMs` (`pollMs` 0: never — tests drive it with {@link drain}). */
  start(): void {
    if (this.options.pollMs <= 0) return;
    const { notifier } = this.services.handle;
    const signal = AbortSignal.any([this.#stop.signal, this.services.shutdown]);
    void (async () => {
      this.kick();
      while (!signal.aborted) {
        await notifier.wait(this.options.pollMs, signal);
        if (!signal.aborted) this.kick();
      }
    })();
  }

  stop(): void {
    this.#stopped = true;
    this.#stop.abort();
    clearTimeout(this.#later);
  }

  /** How many runs woken by {@link kick} have started (diagnostics). */
  get runs(): number {
    return this.#runs;
  }

  /** Looks for work now (or {@link RUN_GAP_MS} after the last run began), in the background. */
  kick(): void {
    if (this.services.shutdown.aborted || this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    const wait = this.#lastStart + RUN_GAP_MS - performance.now();
    if (wait > 0) {
      this.#later ??= setTimeout(() => {
        this.#later = undefined;
        this.kick();
      }, wait);
      return;
    }
    this.#lastStart = performance.now();
    this.#runs++;
    this.#running = this.#loop().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Fans out and delivers everything due now, and waits (tests; a graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#loop(true);
    // A run that a kick's timer started meanwhile may have claimed some of what was due first:
    // drained means its attempts are recorded too (a read after it found a delivery still pending).
    while (this.#running) await this.#running;
  }

  async #loop(rethrow = false): Promise<void> {
    try {
      await fanOut(this.services);
      while (!this.services.shutdown.aborted && (await deliverDue(this.services, this.options)) > 0) {
        // next round: a delivery due again at once, or more than one batch
      }
      const now = this.services.clock().getTime();
      if (now - this.#lastPrune >= PRUNE_EVERY_MS) {
        this.#lastPrune = now;
        await pruneDeliveries(this.services.handle.db, new Date(now - RETENTION_MS));
      }
    } catch (error) {
      if (rethrow) throw error;
      if (!this.services.shutdown.aborted) console.error('webhook delivery failed', error);
    }
  }
}
