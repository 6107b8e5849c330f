import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type OperationNode,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * What has been written, per table: a counter each that only grows. A reader takes a
 * {@link WriteGenerations.version} of the tables it reads before reading; the same version later
 * means nothing it read has changed since (the read cache's rule). A write the tracker cannot place
 * in a table (raw SQL) counts for every table.
 */
export class WriteGenerations {
  readonly #tables = new Map<string, number>();
  #all = 0;
  /** The sum of the tables' counters and the every-table counter: equal versions, nothing written. */
  version(tables: readonly string[]): number {
    let v = this.#all;
    for (const t of tables) v += this.#tables.get(t) ?? 0;
    return v;
  }
  /** Counts a write to `tables` (`'all'`: to any table). */
  bump(tables: readonly string[] | 'all'): void {
    if (tables === 'all') this.#all++;
    else for (const t of tables) this.#tables.set(t, (this.#tables.get(t) ?? 0) + 1);
  }
}

const READ_ONLY_SQL =
  /^\s*(select|show|explain|begin|start|commit|rollback|savepoint|release|listen|set|values)\b/i;

const RAW_WRITE = /^\s*(insert\s+into|update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)"?[\s(]/i;

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'TableNode')
    return (node as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
  if (node.kind === 'AliasNode') return tableName((node as unknown as { node: OperationNode }).node);
  return undefined;
}

/** A single INSERT, UPDATE, DELETE or MERGE (no WITH): its affected rows are all it wrote. */
function isPlainWrite(node: OperationNode): boolean {
  const any = node as unknown as Record<string, unknown>;
  if (any.with) return false;
  if (node.kind === 'RawNode') return RAW_WRITE.test((any.sqlFragments as string[]).join('?'));
  return ['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode'].includes(node.kind);
}

/** Tables a statement writes to, `'all'` when it cannot tell (raw SQL that is not a read), else none. */
export function tablesWritten(node: OperationNode): string[] | 'all' {
  const out = new Set<string>();
  let unknown = false;
  const visit = (n: OperationNode | undefined) => {
    if (!n) return;
    const any = n as unknown as Record<string, unknown>;
    const withNode = any.with as { expressions: { expression: OperationNode }[] } | undefined;
    for (const cte of withNode?.expressions ?? []) visit(cte.expression);
    switch (n.kind) {
      case 'InsertQueryNode':
      case 'MergeQueryNode': {
        const t = tableName(any.into as OperationNode);
        if (t) out.add(t);
        else unknown = true;
        break;
      }
      case 'UpdateQueryNode': {
        const t = tableName(any.table as OperationNode);
        if (t) out.add(t);
        else unknown = true;
        break;
      }
      case 'DeleteQueryNode': {
        const froms = (any.from as { froms: OperationNode[] }).froms.map(tableName);
        for (const t of froms) if (t) out.add(t);
        if (froms.some((t) => !t)) unknown = true;
        break;
      }
      case 'RawNode': {
        const text = (any.sqlFragments as string[]).join('?');
        if (READ_ONLY_SQL.test(text)) break;
        // One plain statement names the one table it writes (subqueries only read; a WITH may write).
        const table = RAW_WRITE.exec(text)?.[2];
        if (table) out.add(table);
        else unknown = true;
        break;
      }
      default:
        break;
    }
  };
  visit(node);
  return unknown ? 'all' : [...out];
}

/**
 * The SQL (no parameters) that tells other replicas `tables` (or every table) were written, or
 * `undefined` when there are none to tell (PGlite: one process).
 */
export type Announce = ((tables: string[] | 'all') => string) | undefined;

class TrackedConnection implements DatabaseConnection {
  /** Tables written in the open transaction, reported again at its end. */
  pending: Set<string> | 'all' | undefined;
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    readonly generations: WriteGenerations,
    readonly announce: Announce,
  ) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const written = tablesWritten(compiled.query);
    let changed = true;
    try {
      const result = await this.inner.executeQuery<R>(compiled);
      // An insert, update or delete that touched no row changed nothing (a job's poll that found
      // no work); anything else (a WITH that writes, TRUNCATE) always counts.
      if (isPlainWrite(compiled.query) && result.numAffectedRows === 0n) changed = false;
      return result;
    } finally {
      if (changed && (written === 'all' || written.length > 0)) {
        // Counted when it ran (readers that started before it drop what they read) …
        this.generations.bump(written);
        if (this.inTransaction) {
          if (written === 'all' || this.pending === 'all') this.pending = 'all';
          else {
            this.pending ??= new Set();
            for (const t of written) this.pending.add(t);
          }
        } else if (this.announce) await this.inner.executeQuery(CompiledQuery.raw(this.announce(written)));
      }
    }
  }
  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
  /** … and again when its transaction ends, for readers that read while it was open. */
  take(): string[] | 'all' | undefined {
    const pending = this.pending;
    this.pending = undefined;
    this.inTransaction = false;
    if (pending === undefined || pending === 'all') return pending;
    return [...pending];
  }
}

class TrackedDriver implements Driver {
  constructor(
    readonly inner: Driver,
    readonly generations: WriteGenerations,
    readonly announce: Announce,
  ) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new TrackedConnection(await this.inner.acquireConnection(), this.generations, this.announce);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as TrackedConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection) {
    const c = connection as TrackedConnection;
    const pending = c.pending;
    try {
      // Told in the same round trip as COMMIT, and delivered exactly when it commits (NOTIFY is
      // transactional). Both dialects commit with a plain COMMIT.
      if (pending !== undefined && this.announce) {
        await c.inner.executeQuery(
          CompiledQuery.raw(`${this.announce(pending === 'all' ? 'all' : [...pending])}; commit`),
        );
      } else await this.inner.commitTransaction(c.inner);
    } finally {
      const written = c.take();
      if (written) this.generations.bump(written);
    }
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    const c = connection as TrackedConnection;
    try {
      await this.inner.rollbackTransaction(c.inner);
    } finally {
      const written = c.take();
      if (written) this.generations.bump(written);
    }
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection((connection as TrackedConnection).inner);
  }
  destroy() {
    return this.inner.destroy();
  }
}

/**
 * Wraps a dialect so every write through it is counted in `generations` (when it runs and when its
 * transaction ends) and announced with `announce` (in the transaction's COMMIT round trip; after
 * the statement when there is none).
 */
export function trackWrites(dialect: Dialect, generations: WriteGenerations, announce: Announce): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TrackedDriver(dialect.createDriver(), generations, announce),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
