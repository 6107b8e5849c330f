// Bundles the elements for the example pages: one ES module that defines every tag, with call code
// (video call, transports, livekit-client) split into chunks loaded only when a call starts.
// Output: examples/assets/ (git-ignored), served by the demo server at /assets/.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'packages/elements/src');
const outdir = join(root, 'examples/assets');

// Every element folder has `<name>/<name>.ts`, which defines the tag. The video call is left out on
// purpose: the request flow and the inbox import it on demand.
const lazy = new Set(['video-call']);
const defines = readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !lazy.has(d.name) && existsSync(join(src, d.name, `${d.name}.ts`)))
  .map((d) => `import './${d.name}/${d.name}.ts';`);

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  stdin: { contents: defines.join('\n'), resolveDir: src, sourcefile: 'sightline-elements.ts', loader: 'ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  conditions: ['source'],
  tsconfig: join(root, 'tsconfig.base.json'),
  outdir,
  entryNames: 'sightline-elements',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});
// The marker tracker's Web Worker (VS-13): `new Worker(new URL('./tracking-worker.js', import.meta.url))`
// in the tracking client resolves next to the chunk that holds it, so the worker is built there too.
const worker = await build({
  entryPoints: [join(root, 'packages/core/src/tracking/tracking-worker.ts')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  conditions: ['source'],
  tsconfig: join(root, 'tsconfig.base.json'),
  outfile: join(outdir, 'chunks/tracking-worker.js'),
  metafile: true,
  logLevel: 'warning',
});
Object.assign(result.metafile.outputs, worker.metafile.outputs);

const bytes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .reduce((n, [, o]) => n + o.bytes, 0);
console.log(
  `examples/assets: ${defines.length} element modules, ${Math.round(bytes / 1024)} KiB of JS (minified, before gzip)`,
);
