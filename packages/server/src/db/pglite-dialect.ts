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
import type { PGliteQueryable, Statement } from './pglite-thread.js';

/** Statements that may wait for their transaction's COMMIT (see {@link atCommit}). */
const deferrable = new WeakSet<CompiledQuery>();

/**
 * Marks `query` as one whose answer nobody waits for (an insert without `returning`): run inside a
 * transaction on PGlite's worker, it is sent with the COMMIT, one round trip less, and answers at
 * once with no rows. It still runs inside the transaction, after the statements sent before the
 * COMMIT, and the transaction fails (rolled back, nothing written) when it fails. Elsewhere (outside
 * a transaction, PGlite on this thread, PostgreSQL) it runs like any statement.
 * @example
 * await trx.executeQuery(atCommit(trx.insertInto('outbox').values(row).compile()));
 */
export function atCommit<Q extends CompiledQuery>(query: Q): Q {
  deferrable.add(query);
  return query;
}

/**
 * Kysely dialect for an embedded PGlite. PGlite is a single connection: a transaction holds it from
 * BEGIN to COMMIT and every other statement waits, which is what makes transactions real under
 * concurrent requests; statements outside transactions go out without waiting for each other's
 * answers (PGlite runs them in order). The client is PGlite itself (on this thread) or a
 * {@link PGliteThread} (PGlite on a worker thread, issue 13): only `query` is used.
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

/** One holder of the connection: a statement, or a transaction from BEGIN to its end (see above). */
class PGliteLease implements DatabaseConnection {
  /** A transaction was begun and its BEGIN not sent yet: it goes with the first statement. */
  #beginPending = false;
  /** Set while this lease's transaction holds the connection. */
  holding = false;
  /** Statements that go with the COMMIT ({@link atCommit}). */
  #atCommit: Statement[] = [];
  /** The transaction ended: a COMMIT that failed ended it, the ROLLBACK after it has nothing to do. */
  #ended = false;
  constructor(
    readonly client: PGliteQueryable,
    readonly driver: PGliteDriver,
  ) {}
  /** BEGIN now, or with the next statement where the client can (a worker: one round trip less). */
  async begin(): Promise<void> {
    this.#ended = false;
    if (this.client.beginWith) this.#beginPending = true;
    else await this.client.query('begin');
  }
  /**
   * COMMIT (with the statements kept for it) or ROLLBACK; a transaction that ran no statement never
   * began, so has nothing to end.
   */
  async end(statement: 'commit' | 'rollback'): Promise<void> {
    const begin = this.#beginPending;
    const tail = this.#atCommit;
    this.#beginPending = false;
    this.#atCommit = [];
    if (this.#ended) return;
    this.#ended = true;
    if (statement === 'commit' && tail.length > 0 && this.client.commitWith)
      return this.client.commitWith(tail, begin);
    if (begin) return;
    await this.client.query(statement);
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.holding && this.client.commitWith && deferrable.has(compiled)) {
      this.#atCommit.push({ sql: compiled.sql, params: [...compiled.parameters] });
      return { rows: [] };
    }
    // Checked and sent in one synchronous step: a BEGIN cannot slip in between.
    if (!this.holding) while (this.driver.held) await this.driver.held;
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
  readonly #client: PGliteQueryable;
  #held: Promise<void> | undefined;
  #free: (() => void) | undefined;
  constructor(client: PGliteQueryable) {
    this.#client = client;
  }
  async init(): Promise<void> {}
  /** Settles when the transaction that holds the connection ends; undefined while none does. */
  get held(): Promise<void> | undefined {
    return this.#held;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteLease(this.#client, this);
  }
  async releaseConnection(): Promise<void> {}
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const lease = connection as PGliteLease;
    // Statements sent before are answered before the BEGIN; later ones wait for this one's end.
    // Checked and taken in one synchronous step, so two transactions never both take it.
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => {
      this.#free = resolve;
    });
    lease.holding = true;
    await lease.begin();
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection as PGliteLease, 'commit');
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#end(connection as PGliteLease, 'rollback');
  }
  async #end(lease: PGliteLease, statement: 'commit' | 'rollback'): Promise<void> {
    try {
      await lease.end(statement);
    } finally {
      lease.holding = false;
      const free = this.#free;
      this.#held = undefined;
      this.#free = undefined;
      free?.();
    }
  }
  async destroy(): Promise<void> {}
}
