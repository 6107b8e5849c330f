// Regenerates the OpenAPI document and the client's types into a temp folder and fails when they
// differ from the committed ones (the contract has one source of truth: the server's route schemas).
import { existsSync } from 'node:fs';

if (!existsSync('packages/server/scripts/emit-openapi.ts')) {
  console.log('no API contract yet');
  process.exit(0);
}
const { execFileSync } = await import('node:child_process');
execFileSync('npm', ['run', 'generate:check', '-w', '@sightline/server'], { stdio: 'inherit' });

// The elements' manifest (custom-elements.json, read by IDEs and docs) comes from the elements'
// JSDoc: regenerate it and fail when the committed one differs.
const { readFileSync } = await import('node:fs');
const committed = readFileSync('packages/elements/custom-elements.json', 'utf8');
execFileSync('npm', ['run', 'manifest', '-w', '@sightline/elements'], { stdio: 'ignore' });
const fresh = readFileSync('packages/elements/custom-elements.json', 'utf8');
if (fresh !== committed) {
  execFileSync('git', ['diff', '--stat', '--', 'packages/elements/custom-elements.json'], {
    stdio: 'inherit',
  });
  console.error(
    'custom-elements.json is stale: run `npm run manifest -w @sightline/elements` and commit it.',
  );
  process.exit(1);
}
console.log('custom-elements.json is fresh');
