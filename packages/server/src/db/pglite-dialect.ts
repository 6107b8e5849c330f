import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PGliteQueryable } from './pglite-thread.js';

/**
 * Kysely dialect for an embedded PGlite. PGlite is a single connection, so the driver hands it out
 * to one holder at a time: a transaction keeps it from BEGIN to COMMIT and other queries wait, which
 * is what makes transactions real under concurrent requests. The client is PGlite itself (on this
 * thread) or a {@link PGliteThread} (PGlite on a worker thread, issue 13): only `query` is used.
 */
export class PGliteDialect implements Dialect {
  constructor(readonly client: PGliteQueryable) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  /** A transaction was begun and its BEGIN not sent yet: it goes with the first statement. */
  #beginPending = false;
  constructor(readonly client: PGliteQueryable) {}
  /** BEGIN now, or with the next statement where the client can (a worker: one round trip less). */
  async begin(): Promise<void> {
    if (this.client.beginWith) this.#beginPending = true;
    else await this.client.query('begin');
  }
  /** COMMIT or ROLLBACK; a transaction that ran no statement never began, so has nothing to end. */
  async end(statement: 'commit' | 'rollback'): Promise<void> {
    if (this.#beginPending) {
      this.#beginPending = false;
      return;
    }
    await this.client.query(statement);
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const params = [...compiled.parameters];
    const begin = this.#beginPending;
    this.#beginPending = false;
    const result =
      begin && this.client.beginWith
        ? await this.client.beginWith<R>(compiled.sql, params)
        : await this.client.query<R>(compiled.sql, params);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries.');
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;
  constructor(client: PGliteQueryable) {
    this.#connection = new PGliteConnection(client);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    return this.#connection;
  }
  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    await (connection as PGliteConnection).begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('rollback');
  }
  async destroy(): Promise<void> {}
}
