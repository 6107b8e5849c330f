// Bundle sizes (issue budgets: request flow page ≤ 30 KiB, summary viewer page ≤ 30 KiB, a whole P2P
// call with AR ≤ 60 KiB — gzip -9 of what each page downloads). Builds the example pages, sums each
// page's files (examples/assets/pages.json, the list size-limit checks) and writes
// bench/results/bundles.json. Run: `npm run bench:bundles`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url);
execFileSync(process.execPath, ['scripts/build-examples.mjs'], { cwd: root, stdio: 'ignore' });
const pages = JSON.parse(readFileSync(new URL('examples/assets/pages.json', root), 'utf8'));
const budgets = { 'request flow page': 30, 'summary viewer page': 30, 'P2P call with AR tools': 60 };
const results = Object.entries(pages).map(([page, files]) => {
  let gz = 0;
  let raw = 0;
  for (const file of files) {
    const bytes = readFileSync(new URL(`examples/assets/${file}`, root));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  const kib = Math.round((gz / 1024) * 10) / 10;
  return {
    page,
    files: files.length,
    minifiedKiB: Math.round(raw / 102.4) / 10,
    gzipKiB: kib,
    budgetKiB: budgets[page],
    withinBudget: kib <= budgets[page],
  };
});
const out = {
  benchmark: 'bundle sizes (gzip -9)',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.version },
  results,
};
writeFileSync(new URL('bench/results/bundles.json', root), `${JSON.stringify(out, null, 2)}\n`);
for (const r of results)
  console.log(
    `${r.page}: ${r.gzipKiB} KiB gz (${r.files} files; budget ${r.budgetKiB} KiB${r.withinBudget ? '' : ' — over'})`,
  );
