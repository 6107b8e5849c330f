// Regenerates openapi.json and schema.d.ts into a temp folder and fails when either differs from
// the committed file: the route schemas are the single source of truth (DC-4).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const client = fileURLToPath(new URL('../../api-client/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sightline-contract-'));
try {
  const json = join(dir, 'openapi.json');
  const types = join(dir, 'schema.d.ts');
  execFileSync(
    'npx',
    ['tsx', '--conditions=source', fileURLToPath(new URL('emit-openapi.ts', import.meta.url)), json],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  execFileSync('npx', ['openapi-typescript', json, '-o', types], {
    cwd: client,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stale = [
    ['packages/api-client/openapi.json', json, join(client, 'openapi.json')],
    ['packages/api-client/src/schema.d.ts', types, join(client, 'src/schema.d.ts')],
  ].filter(([, fresh, committed]) => {
    try {
      return readFileSync(fresh!, 'utf8') !== readFileSync(committed!, 'utf8');
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(
      `The generated API contract is out of date: ${stale.map(([name]) => name).join(', ')}.\n` +
        'Run `npm run generate -w @sightline/server` and commit the result.',
    );
    process.exit(1);
  }
  console.log('generated API contract is up to date');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
