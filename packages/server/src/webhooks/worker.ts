import type { Services } from '../context.js';
import { type DeliveryOptions, deliverDue, pruneDeliveries } from './deliver.js';
import { fanOut } from './fanout.js';

/** How long delivered and failed deliveries stay listed. */
export const RETENTION_MS = 30 * 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

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
  }

  /** Looks for work now, in the background. */
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

  /** Fans out and delivers everything due now, and waits (tests; a graceful shutdown). */
  async drain(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#loop(true);
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
