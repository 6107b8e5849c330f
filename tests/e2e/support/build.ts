// The end-to-end project's global setup (vitest.config.ts): the example pages every suite loads are
// built once per run, before the first end-to-end file, instead of once in every file. `npm test`
// builds them for the bundle budgets just before and says so with SIGHTLINE_EXAMPLES_BUILT=1.
import { execFileSync } from 'node:child_process';

const root = new URL('../../..', import.meta.url).pathname;

export default function buildExamples(): void {
  if (process.env.SIGHTLINE_EXAMPLES_BUILT === '1') return;
  execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'inherit' });
}
