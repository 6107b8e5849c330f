import type { Selectable } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import type { OutboxTable } from '../db/schema.js';

/** One outbox row as the event stream reads it. */
export type OutboxRow = Selectable<OutboxTable>;

/** A shared answer and when (performance.now()) it was asked for. */
export interface Shared<T> {
  answer: Promise<T>;
  askedAt: number;
}

/** How recent a shared answer must be. */
export interface Freshness {
  /**
   * Only an answer asked for at or after this time (`performance.now()`) will do: a stream polling
   * after a heartbeat passes the time of its last read, in case a notification was lost. Streams
   * polling at once still share one read.
   */
  askedSince?: number | undefined;
}

/** Rows per read; a stream reads again at once after a full page. */
export const OUTBOX_PAGE = 100;

/**
 * The process's one reader of the outbox for event streams (event fan-out, VS-3, MC-7): the fan-out's
 * loop (events/fanout.ts) and streams catching up with it. Readers of an organization that ask for
 * the rows after the same cursor share one query, and anything else loaded on a wake (teams,
 * permissions, who a token belongs to) is loaded once per wake through {@link OutboxFeed.shared}. Everything shared belongs to one notifier generation: a notification
 * drops it before the first stream wakes, so a stream that wakes after a change never gets an answer
 * read before it; a query still running then keeps serving only the readers of its own generation.
 * @example
 * const feed = new OutboxFeed(handle);
 * const rows = await feed.after(organizationId, cursor);
 */
export class OutboxFeed {
  readonly #handle: DatabaseHandle;
  #shared = new Map<string, Shared<unknown>>();
  readonly #unsubscribe: () => void;

  constructor(handle: DatabaseHandle) {
    this.#handle = handle;
    this.#unsubscribe = handle.notifier.onWake(() => {
      this.#shared = new Map();
    });
  }

  /**
   * The organization's rows after `cursor`, by id, at most {@link OUTBOX_PAGE}, shared with every
   * stream asking the same in this notifier generation.
   */
  after(organizationId: string, cursor: string, freshness: Freshness = {}): Promise<OutboxRow[]> {
    const key = `outbox\u0000${organizationId}\u0000${cursor}`;
    return this.shared(
      key,
      async (generation, askedAt) => {
        const rows = await this.#handle.db
          .selectFrom('outbox')
          .selectAll()
          .where('organization_id', '=', organizationId)
          .where('id', '>', cursor)
          .orderBy('id')
          .limit(OUTBOX_PAGE)
          .execute();
        // A short page read within one generation is everything up to its last row: whatever is
        // committed later notifies, starting a new generation. Streams moving past that row need
        // not ask again until then.
        const last = rows.at(-1);
        if (last && rows.length < OUTBOX_PAGE && this.#shared === generation) {
          const next = `outbox\u0000${organizationId}\u0000${last.id}`;
          if (!generation.has(next)) generation.set(next, { answer: Promise.resolve([]), askedAt });
        }
        return rows;
      },
      freshness,
    );
  }

  /**
   * Loads `key` once per notifier generation, shared by every stream that asks before the next
   * notification (and, with `askedSince`, after that time). A failure is not kept.
   */
  shared<T>(
    key: string,
    load: (generation: Map<string, Shared<unknown>>, askedAt: number) => Promise<T>,
    freshness: Freshness = {},
  ): Promise<T> {
    const generation = this.#shared;
    const cached = generation.get(key) as Shared<T> | undefined;
    if (cached && (freshness.askedSince === undefined || cached.askedAt >= freshness.askedSince)) {
      return cached.answer;
    }
    const askedAt = performance.now();
    const entry: Shared<T> = { answer: load(generation, askedAt), askedAt };
    generation.set(key, entry);
    entry.answer.catch(() => {
      if (generation.get(key) === entry) generation.delete(key);
    });
    return entry.answer;
  }

  /** Stops observing the notifier. */
  close(): void {
    this.#unsubscribe();
  }
}
