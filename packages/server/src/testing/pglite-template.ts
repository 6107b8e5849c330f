import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { templatePaths } from '../../../../scripts/pglite-template.mjs';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrations.js';

/**
 * Makes the tests' migrated PGlite template (paths: scripts/pglite-template.mjs): a fresh in-memory
 * cluster, every migration through the server's own `migrate`, dumped as a tar and unpacked into a
 * data folder. Each is written aside and renamed, so test files in parallel never read half of one;
 * one made meanwhile by another process is kept.
 */
export async function makeTemplate(): Promise<void> {
  const { tar, dir } = templatePaths();
  if (!existsSync(tar)) {
    mkdirSync(dirname(tar), { recursive: true });
    const client = new PGlite();
    await client.waitReady;
    const handle = await openDatabase({ pglite: client });
    await migrate(handle.db);
    await handle.close();
    await client.exec('checkpoint');
    const dump = await client.dumpDataDir('none');
    await client.close();
    const aside = `${tar}.${process.pid}`;
    writeFileSync(aside, new Uint8Array(await dump.arrayBuffer()));
    renameSync(aside, tar);
    // Templates of other migrations or PGlite versions (and the initdb-only clusters kept before)
    // are no use any more: 80 MB each.
    for (const entry of readdirSync(dirname(tar)))
      if (!entry.startsWith(basename(dir)))
        rmSync(join(dirname(tar), entry), { recursive: true, force: true });
  }
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const aside = `${dir}.${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  const disk = new PGlite(aside, { loadDataDir: new Blob([readFileSync(tar)]) });
  await disk.waitReady;
  await disk.close();
  try {
    renameSync(aside, dir);
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
}

let tarBytes: Buffer | undefined;

/** The migrated template as a tar, for an in-memory PGlite's `loadDataDir`. */
export async function migratedTar(): Promise<Blob> {
  if (!tarBytes) {
    const { tar } = templatePaths();
    if (!existsSync(tar)) await makeTemplate();
    tarBytes = readFileSync(tar);
  }
  return new Blob([tarBytes]);
}

/** The migrated template's data folder: copy it to start a PGlite on disk already migrated. */
export async function migratedDataDir(): Promise<string> {
  const { dir } = templatePaths();
  if (!existsSync(join(dir, 'PG_VERSION'))) await makeTemplate();
  return dir;
}
