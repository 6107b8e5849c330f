/**
 * The embedded database's own thread (issue 13, MC-7): a `node:worker_threads` entry that opens PGlite
 * and runs the statements {@link PGliteThread} sends, one message in and one message out each (a
 * transaction's last statements travel together with its COMMIT), so
 * the server's event loop never waits while PGlite's WASM runs a statement.
 *
 * Messages in: {@link WorkerRequest}. Messages out: {@link WorkerReply}. It imports nothing of the
 * server but PGlite, so it loads the same way from source (through tsx) and compiled.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** One statement and its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * What the main thread asks: run a statement (after a BEGIN, with `begin`); end a transaction by
 * running `statements` and COMMIT (after a BEGIN, with `begin`; all or nothing: the first that fails
 * rolls the transaction back); or close PGlite (the worker then ends).
 */
export type WorkerRequest =
  | { kind: 'query'; id: number; sql: string; params: unknown[]; begin: boolean }
  | { kind: 'commit'; id: number; statements: Statement[]; begin: boolean }
  | { kind: 'close' };

/** An error as plain fields (structured clone keeps only an Error's message and stack). */
export type ErrorFields = Record<string, unknown> & { message: string };

/** What the worker answers: opened, a statement's result or error, or closed. */
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'open-failed'; error: ErrorFields }
  | { kind: 'result'; id: number; rows: unknown[]; affectedRows: number | undefined }
  | { kind: 'error'; id: number; error: ErrorFields; statement?: number }
  | { kind: 'closed' };

/** What the worker is started with: PGlite's data folder, or none for an in-memory database. */
export interface WorkerOptions {
  dataDir: string | undefined;
}

/**
 * Every own field of `error` that survives structured clone (PGlite's `code`, `detail`,
 * `constraint`, `table`, … and `message`, `name`, `stack`), so the main thread can rebuild it.
 */
export function errorFields(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: ErrorFields = { message: error.message };
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    try {
      fields[key] = structuredClone(value);
    } catch {
      // A field that cannot cross threads (a function, say) is left out.
    }
  }
  if (fields.name === undefined) fields.name = error.name;
  return fields;
}

/**
 * A transaction's last statements and its COMMIT, in one round trip. The first statement that fails
 * rolls the transaction back and is named in the error (`statement`: its index); a failed COMMIT
 * has ended the transaction by itself.
 */
async function commit(
  client: PGlite,
  { id, statements, begin }: Extract<WorkerRequest, { kind: 'commit' }>,
): Promise<WorkerReply> {
  let index = -1;
  try {
    if (begin) await client.query('begin');
    for (index = 0; index < statements.length; index++) {
      const { sql, params } = statements[index]!;
      await client.query(sql, params);
    }
  } catch (error) {
    await client.query('rollback').catch(() => {});
    return { kind: 'error', id, error: errorFields(error), ...(index >= 0 ? { statement: index } : {}) };
  }
  try {
    await client.query('commit');
    return { kind: 'result', id, rows: [], affectedRows: undefined };
  } catch (error) {
    return { kind: 'error', id, error: errorFields(error) };
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker runs as a worker thread');
  const reply = (message: WorkerReply) => port.postMessage(message);
  const { dataDir } = workerData as WorkerOptions;
  let client: PGlite;
  try {
    client = dataDir ? new PGlite(dataDir) : new PGlite();
    await client.waitReady;
  } catch (error) {
    reply({ kind: 'open-failed', error: errorFields(error) });
    port.close();
    return;
  }
  port.on('message', async (request: WorkerRequest) => {
    if (request.kind === 'close') {
      await client.close().catch(() => {});
      reply({ kind: 'closed' });
      port.close();
      return;
    }
    const { id } = request;
    if (request.kind === 'commit') {
      reply(await commit(client, request));
      return;
    }
    try {
      // A transaction's BEGIN comes with its first statement (the main thread's driver sends
      // nothing else while a transaction holds the connection, so nothing runs between them).
      if (request.begin) await client.query('begin');
      const result = await client.query(request.sql, request.params);
      try {
        reply({ kind: 'result', id, rows: result.rows, affectedRows: result.affectedRows });
      } catch (error) {
        // A value in the rows that structured clone refuses: the statement ran, its answer cannot cross.
        reply({ kind: 'error', id, error: errorFields(error) });
      }
    } catch (error) {
      reply({ kind: 'error', id, error: errorFields(error) });
    }
  });
  reply({ kind: 'ready' });
}

await main();
