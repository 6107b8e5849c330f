// Regenerates the OpenAPI document and the client's types into a temp folder and fails when they
// differ from the committed ones (the contract has one source of truth: the server's route schemas).
import { existsSync } from 'node:fs';

if (!existsSync('packages/server/scripts/emit-openapi.ts')) {
  console.log('no API contract yet');
  process.exit(0);
}
const { execFileSync } = await import('node:child_process');
execFileSync('npm', ['run', 'generate:check', '-w', '@sightline/server'], { stdio: 'inherit' });
