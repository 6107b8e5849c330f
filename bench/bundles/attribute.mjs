// What each KiB of a budgeted page is (issue 13): the page's files (examples/assets/pages.json, from
// `node scripts/build-examples.mjs`) split by their source maps into the source modules they came
// from, each module's minified bytes weighted by its file's gzip -9 ratio (an estimate: gzip does not
// compress every part of a file alike). Run: `node bench/bundles/attribute.mjs ['page'] [count]`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const assets = new URL('../../examples/assets/', import.meta.url);
const pages = JSON.parse(readFileSync(new URL('pages.json', assets), 'utf8'));
const page = process.argv[2] ?? 'P2P call with AR tools';
const count = Number(process.argv[3] ?? 40);
if (!pages[page]) throw new Error(`No page "${page}"; pages: ${Object.keys(pages).join(', ')}`);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The segments of one line of a source map's `mappings`: [generated column, source index]. */
function* segments(line, state) {
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = BASE64.indexOf(ch);
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    state.column += fields[0];
    if (fields.length > 1) state.source += fields[1];
    yield [state.column, fields.length > 1 ? state.source : -1];
  }
}

const bySource = new Map();
let total = 0;
for (const file of pages[page]) {
  const code = readFileSync(new URL(file, assets), 'utf8');
  const map = JSON.parse(readFileSync(new URL(`${file}.map`, assets), 'utf8'));
  const ratio = gzipSync(code, { level: 9 }).length / Buffer.byteLength(code);
  const lines = code.split('\n');
  const state = { column: 0, source: 0 };
  map.mappings.split(';').forEach((mapping, l) => {
    state.column = 0;
    const marks = [...segments(mapping, state)];
    marks.forEach(([column, source], i) => {
      const end = marks[i + 1]?.[0] ?? lines[l]?.length ?? column;
      const name = source < 0 ? '(generated)' : map.sources[source].replace(/^(\.\.\/)+/, '');
      const bytes = (end - column) * ratio;
      bySource.set(name, (bySource.get(name) ?? 0) + bytes);
      total += bytes;
    });
  });
}
console.log(`${page}: ≈${(total / 1024).toFixed(1)} KiB gzip -9, by source module (estimate)`);
for (const [name, bytes] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, count))
  console.log(`${Math.round(bytes).toString().padStart(7)}  ${name}`);
