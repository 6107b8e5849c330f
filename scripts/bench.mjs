// `npm run bench`: every benchmark (each `bench:*` script of package.json) one after another; each
// writes its own file under bench/results/. A failing benchmark is reported and the others still run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = Object.keys(
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts,
).filter((name) => name.startsWith('bench:'));
const failed = [];
for (const name of scripts) {
  console.log(`\n== npm run ${name}`);
  const run = spawnSync('npm', ['run', name], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(name);
}
console.log(
  failed.length
    ? `\nfailed: ${failed.join(', ')}`
    : `\nall ${scripts.length} benchmarks ran; results in bench/results/`,
);
process.exit(failed.length ? 1 : 0);
