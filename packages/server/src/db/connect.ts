import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { type PGliteQueryable, PGliteThread } from './pglite-thread.js';
import { ReadCache } from './read-cache.js';
import type { Database } from './schema.js';
import { trackWrites, WriteGenerations } from './write-tracking.js';

/**
 * Tables a replica's commit wrote (`<replica> <table,table…>` or `<replica> *`): for the others' read
 * caches, and to wake every replica's streams (issue 13: one notification per commit, sent with COMMIT).
 */
const WRITES_CHANNEL = 'sightline_writes';
/** Written tables that wake event streams: new events, call signals, a revoked integration token. */
const WAKING_TABLES = new Set(['outbox', 'signals', 'integration_tokens']);
/** This process among the replicas: its own notifications were counted when it wrote. */
const REPLICA = randomUUID();

/** Why {@link Notifier.wait} resolved. */
export type WakeReason = 'wake' | 'timeout' | 'abort';

/**
 * Wakes event streams when new outbox or signal rows exist. In-process by default; with a real
 * PostgreSQL, writers also `NOTIFY` so streams on other replicas wake too. Every notification starts
 * a new {@link Notifier.generation}: whatever was read before it may miss the change that caused it.
 */
export class Notifier {
  readonly #emitter = new EventEmitter();
  readonly #observers = new Set<() => void>();
  #generation = 0;
  constructor() {
    this.#emitter.setMaxListeners(0);
  }
  /** Counts notifications; a reader that remembers it before reading can tell whether it missed one. */
  get generation(): number {
    return this.#generation;
  }
  /** Starts a new generation: observers first (they drop what they cached), then waiting streams. */
  notify(): void {
    this.#generation++;
    for (const observer of this.#observers) observer();
    this.#emitter.emit('wake');
  }
  /**
   * Calls `listener` synchronously on every notification, before any waiting stream wakes, so a
   * shared cache is cleared before the first stream reads again. Returns the unsubscribe function.
   * @example
   * const stop = notifier.onWake(() => cache.clear());
   */
  onWake(listener: () => void): () => void {
    this.#observers.add(listener);
    return () => this.#observers.delete(listener);
  }
  /**
   * Resolves on the next notification, after `timeoutMs`, or when `signal` aborts. With `since` (a
   * {@link generation} read before the caller's last read), resolves at once with `wake` when a
   * notification came in between, so a change committed during that read is never slept through.
   */
  wait(timeoutMs: number, signal?: AbortSignal, since?: number): Promise<WakeReason> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve('abort');
      if (since !== undefined && since !== this.#generation) return resolve('wake');
      const done = (why: WakeReason) => {
        clearTimeout(timer);
        this.#emitter.off('wake', onWake);
        signal?.removeEventListener('abort', onAbort);
        resolve(why);
      };
      const onWake = () => done('wake');
      const onAbort = () => done('abort');
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      this.#emitter.on('wake', onWake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

const pgliteWrites = new WeakMap<PGliteQueryable, WriteGenerations>();
const postgresWrites = new Map<string, WriteGenerations>();

/** An open database: Kysely, the stream notifier and how to close both. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  notifier: Notifier;
  /** Hot reads kept until a table they read is written, here or on another replica (issue 13). */
  cache: ReadCache;
  /**
   * `pglite` (embedded) or `postgres`. On PostgreSQL, a commit that wrote the outbox, a call signal
   * or an integration token wakes the streams of every replica (this one included) when it commits.
   */
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** `postgres://…`: a real PostgreSQL. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; omitted → in memory. */
  dataDir?: string | undefined;
  /** Existing PGlite instance (tests share one per file); it runs on this thread. */
  pglite?: PGlite;
  /**
   * Where a PGlite the server opens itself (`dataDir` or in memory) runs: `worker` (default) on a
   * worker thread, so the event loop stays free while a statement runs (issue 13, MC-7); `main` on
   * this thread, as before.
   */
  pgliteThread?: 'worker' | 'main' | undefined;
  /** PostgreSQL schema to use (tests isolate files by schema). */
  searchPath?: string;
}

/**
 * Opens the database: PGlite in a folder (or in memory; on a worker thread by default, see
 * {@link OpenOptions.pgliteThread}), or PostgreSQL when `databaseUrl` is set.
 * @example
 * const { db, close } = await openDatabase({ dataDir: '.data' });
 */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  const notifier = new Notifier();
  if (options.databaseUrl) return openPostgres(options.databaseUrl, notifier, options.searchPath);
  const owned = !options.pglite;
  const client = options.pglite ? options.pglite : await openPGlite(options.dataDir, options.pgliteThread);
  await options.pglite?.waitReady;
  // Handles on one PGlite (tests open several) count writes together: it is one database.
  const generations = pgliteWrites.get(client) ?? new WriteGenerations();
  pgliteWrites.set(client, generations);
  const db = new Kysely<Database>({
    dialect: trackWrites(new PGliteDialect(client), generations, undefined),
  });
  return {
    db,
    notifier,
    cache: new ReadCache(generations),
    kind: 'pglite',
    async close() {
      if (owned) await client.close();
    },
  };
}

/** PGlite the server owns: on a worker thread unless `thread` is `main`. */
async function openPGlite(
  dataDir: string | undefined,
  thread: 'worker' | 'main' | undefined,
): Promise<PGliteQueryable & { close(): Promise<void> }> {
  if (thread !== 'main') return PGliteThread.open(dataDir);
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  return client;
}

async function openPostgres(url: string, notifier: Notifier, searchPath?: string): Promise<DatabaseHandle> {
  const options = searchPath ? `-c search_path=${searchPath.replace(/[^a-z0-9_]/gi, '')}` : undefined;
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(options ? { options } : {}) });
  const writesChannel = searchPath ? `${WRITES_CHANNEL}_${searchPath}` : WRITES_CHANNEL;
  const key = `${url} ${searchPath ?? ''}`;
  const tracked = postgresWrites.get(key) ?? new WriteGenerations();
  postgresWrites.set(key, tracked);
  // Other replicas learn which tables a commit wrote when it commits (NOTIFY is delivered at COMMIT).
  // Channel and payload are a sanitized name, a UUID and table names: no quoting needed beyond this.
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const dialect = trackWrites(
    new PostgresDialect({ pool }),
    tracked,
    (tables: string[] | 'all') =>
      `select pg_notify(${quote(writesChannel)}, ${quote(`${REPLICA} ${tables === 'all' ? '*' : tables.join(',')}`)})`,
  );
  const db = new Kysely<Database>({ dialect });
  // One dedicated connection listens, so writes on any replica wake this replica's streams and
  // expire what its read cache holds of the tables they wrote. The tables a commit wrote go out in
  // the COMMIT's own round trip (write-tracking.ts), so waking the streams costs a writer nothing.
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  listener.on('notification', (message) => {
    const [replica, list] = (message.payload ?? '').split(' ');
    const tables = !list || list === '*' ? 'all' : list.split(',');
    // This replica counted its own writes when it made them. Counted before the streams wake, so
    // what they read next is not taken from a stale cache entry.
    if (replica !== REPLICA) tracked.bump(tables);
    if (tables === 'all' || tables.some((t) => WAKING_TABLES.has(t))) notifier.notify();
  });
  listener.on('error', () => {});
  await listener.query(`listen "${writesChannel}"`);
  return {
    db,
    notifier,
    cache: new ReadCache(tracked),
    kind: 'postgres',
    async close() {
      await listener.end().catch(() => {});
      await db.destroy();
    },
  };
}
