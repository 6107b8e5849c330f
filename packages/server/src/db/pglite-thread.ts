import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorFields, Statement, WorkerOptions, WorkerReply, WorkerRequest } from './pglite-worker.js';

export type { Statement };

/** What {@link PGliteDialect} needs of PGlite: statements run in the order sent; rows, affected rows. */
export interface PGliteQueryable {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number | undefined }>;
  /**
   * Opens a transaction and runs its first statement in one round trip, where a round trip costs (a
   * worker thread): a transaction's BEGIN waits for its first statement instead of going alone.
   */
  beginWith?<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number | undefined }>;
  /**
   * Runs a transaction's last `statements` and its COMMIT in one round trip (after its BEGIN, with
   * `begin`): all or nothing, the first that fails rolls the transaction back and rejects.
   */
  commitWith?(statements: Statement[], begin: boolean): Promise<void>;
}

interface Pending {
  resolve(result: { rows: never[]; affectedRows?: number | undefined }): void;
  reject(error: Error): void;
  /**
   * The caller's parameters, per statement: a PGlite error names the failing statement's (`params`),
   * as given, not as cloned.
   */
  params: unknown[][];
}

/** Errors of requests that never reached the worker. */
const notSent = new WeakSet<Error>();

/** A PGlite error rebuilt on this thread: the same `message`, `code`, `detail`, `constraint`, … */
function rebuildError(fields: ErrorFields): Error {
  const error = new Error(fields.message);
  for (const [key, value] of Object.entries(fields)) {
    Object.defineProperty(error, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: key !== 'stack' && key !== 'message',
    });
  }
  return error;
}

/**
 * How to start the worker: the compiled `pglite-worker.js` directly, or, from source, a two-line
 * bootstrap that registers tsx in the worker first (on Node 20 a worker does not run the `--import`
 * hooks of its parent, so a `.ts` entry would not load even under tsx, nor under vitest).
 */
function startWorker(options: WorkerOptions): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './pglite-worker.ts' : './pglite-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: options });
  // tsx registers itself only on the main thread; a worker asks through its API (the ESM build's
  // `register`: the CommonJS build resolves its own hooks wrongly when called from a worker).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => register()).then(() => import(workerData.entry));`;
  return new Worker(bootstrap, { eval: true, workerData: { ...options, tsx, entry: entry.href } });
}

/**
 * PGlite on a worker thread (issue 13, MC-7): the same `query` as PGlite, but the statement runs on
 * the worker, so the event loop keeps serving (read-cache hits, streams, timers) meanwhile. One
 * message each way per statement (a transaction's last statements and its COMMIT: one for all).
 * The worker keeps the process alive only while a statement or the opening is pending, like an
 * in-thread PGlite that has nothing to do.
 * @example
 * const client = await PGliteThread.open('.data');
 * const { rows } = await client.query('select 1 as one');
 * await client.close();
 */
export class PGliteThread implements PGliteQueryable {
  /** The worker thread (tests end it to see a crash handled). */
  readonly worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;
  #closing: Promise<void> | undefined;
  #onClosed: (() => void) | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /**
   * Starts the worker and opens PGlite in `dataDir` (omitted → in memory). Rejects with PGlite's
   * error when it cannot open, or when the worker fails to start.
   */
  static open(dataDir?: string): Promise<PGliteThread> {
    const thread = new PGliteThread(startWorker({ dataDir }));
    return new Promise((resolve, reject) => {
      const onReply = (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          settle();
          thread.#listen();
          thread.worker.unref();
          resolve(thread);
        } else if (reply.kind === 'open-failed') {
          settle();
          void thread.worker.terminate();
          reject(rebuildError(reply.error));
        }
      };
      const onError = (error: Error) => {
        settle();
        void thread.worker.terminate();
        reject(
          new Error(`The embedded database's worker failed to start: ${error.message}`, { cause: error }),
        );
      };
      const onExit = (code: number) => onError(new Error(`exited with code ${code}`));
      const settle = () => {
        thread.worker.off('message', onReply).off('error', onError).off('exit', onExit);
      };
      thread.worker.on('message', onReply).on('error', onError).on('exit', onExit);
    });
  }

  #listen(): void {
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'closed') return this.#onClosed?.();
      if (reply.kind !== 'result' && reply.kind !== 'error') return;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#settled(reply.id);
      if (reply.kind === 'result')
        pending.resolve({ rows: reply.rows as never[], affectedRows: reply.affectedRows });
      else {
        const params = pending.params[reply.statement ?? 0];
        pending.reject(
          rebuildError('params' in reply.error && params ? { ...reply.error, params } : reply.error),
        );
      }
    });
    this.worker.on('error', (error) => this.#fail(error.message, error));
    this.worker.on('exit', (code) => this.#fail(`exited with code ${code}`));
  }

  /** Every pending and later statement rejects: the worker is gone, nothing would answer them. */
  #fail(reason: string, cause?: Error): void {
    if (this.#failure) return;
    this.#failure = new Error(
      this.#closing
        ? 'The embedded database is closed.'
        : `The embedded database's worker stopped: ${reason}`,
      cause ? { cause } : undefined,
    );
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
    this.#onClosed?.();
  }

  #settled(id: number): void {
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.worker.unref();
  }

  /** Runs one statement on the worker; resolves with PGlite's rows and affected rows, or rejects with its error. */
  query<R>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    return this.#send(sql, params, false);
  }

  /** BEGIN, then one statement, on the worker in one round trip (see {@link PGliteQueryable.beginWith}). */
  beginWith<R>(
    sql: string,
    params: unknown[] = [],
  ): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    return this.#send(sql, params, true);
  }

  /** The last statements of a transaction and its COMMIT (see {@link PGliteQueryable.commitWith}). */
  async commitWith(statements: Statement[], begin: boolean): Promise<void> {
    try {
      await this.#post(
        (id) => ({ kind: 'commit', id, statements, begin }),
        statements.map((s) => s.params),
      );
    } catch (error) {
      // Not sent (a parameter structured clone refuses): the worker's transaction is still open.
      if (notSent.has(error as Error) && !begin) await this.query('rollback').catch(() => {});
      throw error;
    }
  }

  #send<R>(
    sql: string,
    params: unknown[],
    begin: boolean,
  ): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    return this.#post((id) => ({ kind: 'query', id, sql, params, begin }), [params]);
  }

  #post<R>(
    request: (id: number) => WorkerRequest,
    params: unknown[][],
  ): Promise<{ rows: R[]; affectedRows?: number | undefined }> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#closing) return Promise.reject(new Error('The embedded database is closed.'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.worker.ref();
      this.#pending.set(id, { resolve, reject, params });
      try {
        this.worker.postMessage(request(id));
      } catch (error) {
        // A parameter structured clone refuses (a function, a symbol): this request fails, nothing else.
        this.#settled(id);
        const failure = error instanceof Error ? error : new Error(String(error));
        notSent.add(failure);
        reject(failure);
      }
    });
  }

  /** Closes PGlite on the worker (its data folder is consistent afterwards) and ends the worker. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (!this.#failure) {
        this.worker.ref();
        const closed = new Promise<void>((resolve) => {
          this.#onClosed = resolve;
        });
        this.worker.postMessage({ kind: 'close' } satisfies WorkerRequest);
        await closed;
      }
      await this.worker.terminate();
    })();
    return this.#closing;
  }
}
