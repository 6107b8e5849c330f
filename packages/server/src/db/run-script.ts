import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** Runs `;`-separated DDL one statement at a time (PGlite's extended protocol takes one per query). */
export async function runScript(db: Kysely<Database>, script: string): Promise<void> {
  for (const statement of script.split(';')) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}
