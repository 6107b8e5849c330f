import type { Database } from './schema.js';
import type { WriteGenerations } from './write-tracking.js';

/** A table of the schema: what a cached read depends on. */
export type TableName = keyof Database & string;

interface Entry {
  version: number;
  value: Promise<unknown>;
  /** Roughly what it holds in memory, once read. */
  bytes: number;
}

/** What an entry is taken to hold when it does not say (a few rows). */
const DEFAULT_BYTES = 1024;

/**
 * Reads kept in memory until a table they read is written (hot read paths: who a token belongs to,
 * a session with its calls, the feature switches; issue 13). An entry is as good as the database:
 * it is used only while no write to its tables has run since its read began — in this process at
 * once, on other replicas when their write's notification arrives (PostgreSQL NOTIFY, delivered at
 * COMMIT). Concurrent misses of one key share one read. Never use it inside a transaction.
 * @example
 * const user = await cache.get(`user:${id}`, ['users'], () => loadUser(db, id));
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  /** The oldest entries go first when there are more than `maxEntries` or they hold more than `maxBytes`. */
  constructor(
    readonly generations: WriteGenerations,
    readonly maxEntries = 20_000,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /**
   * The value of `key` read while none of `tables` was written since, else `load()`'s (kept).
   * `weigh` tells what a value holds in bytes (serialized pages are large), for the memory bound.
   */
  get<T>(
    key: string,
    tables: readonly TableName[],
    load: () => Promise<T>,
    weigh: (value: T) => number = () => DEFAULT_BYTES,
  ): Promise<T> {
    const version = this.generations.version(tables);
    const hit = this.#entries.get(key);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const value = load();
    const entry: Entry = { version, value, bytes: 0 };
    this.#forget(key);
    this.#entries.set(key, entry);
    this.#evict();
    value.then(
      (v) => {
        if (this.#entries.get(key) !== entry) return;
        entry.bytes = weigh(v);
        this.#bytes += entry.bytes;
        this.#evict();
      },
      // A failed read is not kept; one that raced a write is dropped by the version check next time.
      () => this.#entries.get(key) === entry && this.#forget(key),
    );
    return value;
  }

  /** How many entries are kept, and roughly how many bytes they hold. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /** Forgets everything (tests, shutdown). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #forget(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  #evict(): void {
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) return;
      this.#forget(oldest);
    }
  }
}
