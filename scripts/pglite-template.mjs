// Where the tests' migrated PGlite cluster is kept (made by packages/server/src/testing/pglite-template.ts).
// A cluster fresh from initdb with every migration applied, made once per PGlite version and set of
// migrations: an in-memory test database loads it as a tar, a test server's data folder is a copy of
// the folder. The server's own `migrate` then finds every migration applied, so no test database
// runs initdb (about 2 s) or the migrations (0.6 s warm, 2 s in a new process) again.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const db = join(root, 'packages/server/src/db');

/** The tar and the folder of the template for this PGlite and these migrations (made or not). */
export function templatePaths() {
  const pkg = join(root, 'node_modules/@electric-sql/pglite/package.json');
  const { version } = JSON.parse(readFileSync(pkg, 'utf8'));
  // What the schema is made of: the list of migrations, each migration and the script runner.
  const sources = [
    'migrations.ts',
    'run-script.ts',
    ...readdirSync(join(db, 'migrations'))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => `migrations/${f}`),
  ];
  const hash = createHash('sha256');
  for (const file of sources)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(db, file)))
      .update('\0');
  const base = join(root, '.cache/pglite', `migrated-${version}-${hash.digest('hex').slice(0, 16)}`);
  return { tar: `${base}.tar`, dir: base };
}

/** The template's folder, made first (in a process of its own) when absent. */
export function migratedDataDir() {
  const { dir } = templatePaths();
  if (!existsSync(join(dir, 'PG_VERSION')))
    execFileSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/server/scripts/pglite-template.ts'],
      { cwd: root, stdio: 'inherit' },
    );
  return dir;
}
