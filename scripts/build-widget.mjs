// The customer's widget page (provider + request flow, with the call, the AR layer and the rating
// form loaded on demand), built with rollup rather than esbuild (issue 13): rollup keeps code that the
// page and its lazy chunks share in the page's own chunk, where esbuild cuts it into a chunk per set
// of importers — ten files for the page instead of two, each compressed on its own. Used by
// build-examples.mjs; returns the build's outputs in the shape of an esbuild metafile's `outputs`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import minifyTemplates from '@lit-labs/rollup-plugin-minify-html-literals';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { minify } from 'terser';

/**
 * A last pass of terser over esbuild's minified output (issue 13): several compress passes and the
 * module's top level mangled find what one esbuild pass leaves. `map` is the input's source map.
 */
export async function squeeze(code, map) {
  const out = await minify(code, {
    module: true,
    ecma: 2020,
    compress: { passes: 3, unsafe_arrows: false },
    mangle: { toplevel: true },
    format: { comments: false },
    sourceMap: map ? { content: map } : true,
  });
  return { code: out.code, map: out.map };
}
const squeezeChunks = {
  name: 'squeeze',
  renderChunk: (code) => squeeze(code),
};

// A package's `sideEffects` field, as esbuild reads it: without it rollup keeps every module that
// has a top-level call (the schema definitions of a barrel), used or not.
const packages = new Map();
function packageOf(dir) {
  if (!packages.has(dir)) {
    const file = join(dir, 'package.json');
    const json = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    packages.set(
      dir,
      json?.name ? { dir, json } : dirname(dir) === dir ? undefined : packageOf(dirname(dir)),
    );
  }
  return packages.get(dir);
}
function hasSideEffects(id) {
  if (!id.startsWith('/')) return true;
  const pkg = packageOf(dirname(id));
  const field = pkg?.json.sideEffects;
  if (field === undefined || typeof field === 'boolean') return field ?? true;
  const path = `./${relative(pkg.dir, id)}`;
  return field.some((g) => g === path || (g.endsWith('/**') && path.startsWith(g.slice(0, -2))));
}

// The call's code in one chunk (issue 13): the call element, its phase machine and join code and the
// AR layer load in every call, and one larger chunk compresses better than several. A first pass
// shows how rollup splits the page; the second keeps that split (as manual chunks: rollup would
// otherwise move a manual chunk's imports into it) except that the chunks only the call loads become
// one. The rating form (shown when the call ends) joins it too: on its own it cost its own
// compression (issue 13); a rating without a call loads the call's chunk. Left apart: the page, each
// language's texts (the call's and the rating form's one chunk per language), LiveKit (only for a
// LiveKit call) and the answer to silent monitoring (MC-8: only when a supervisor listens in).
const callRoots = [
  /elements\/src\/video-call\/video-call\.ts$/,
  /elements\/src\/video-call\/ar\/ar-layer\.ts$/,
  /core\/src\/call\/call-phase\.ts$/,
  /core\/src\/sdk\/call-join\.ts$/,
  /elements\/src\/rating\/rating-form\.ts$/,
];
// The texts a call shows in one language, the call's and the rating form's: one chunk per language.
const callTextModule = /\/(video-call|rating)\/terms\/(\w+)\.ts$/;
const callTexts = (chunk) => {
  const langs = new Set(chunk.moduleIds.map((m) => callTextModule.exec(m)?.[2]));
  return langs.size === 1 ? [...langs][0] : undefined;
};
function chunkPlan(output) {
  const chunks = output.filter((o) => o.type === 'chunk');
  const call = new Set(chunks.filter((c) => c.moduleIds.some((m) => callRoots.some((r) => r.test(m)))));
  // What loads only in a call: the call's chunks and what only they import (e.g. LiveKit's transport,
  // the answer to monitoring). A chunk that only those import, and no page loads by itself, joins
  // the call's.
  const importers = (c) =>
    chunks.filter((o) => o.imports.includes(c.fileName) || o.dynamicImports.includes(c.fileName));
  const inCall = new Set(call);
  for (let grown = true; grown; ) {
    grown = false;
    for (const c of chunks) {
      if (inCall.has(c) || c.isEntry) continue;
      const by = importers(c);
      if (by.length === 0 || !by.every((o) => inCall.has(o))) continue;
      inCall.add(c);
      if (!c.isDynamicEntry) call.add(c);
      grown = true;
    }
  }
  const plan = new Map();
  const names = new Set();
  for (const c of chunks) {
    const lang = callTexts(c);
    let name = call.has(c) ? 'call' : lang ? `call-${lang}` : c.name;
    if (!call.has(c) && !lang) for (let n = 2; names.has(name); n++) name = `${c.name}-${n}`;
    names.add(name);
    for (const m of Object.keys(c.modules)) plan.set(m, name);
  }
  return plan;
}

/**
 * Builds `entry` (a module that imports what the page defines) into `outdir/<name>.js` and
 * `outdir/chunks/`.
 * @param {{ root: string, src: string, outdir: string, name: string, entry: string, conditions: string[] }} o
 */
export async function buildWidget({ root, src, outdir, name, entry, conditions }) {
  const options = {
    input: { [name]: entry },
    // The recorder is built on its own next to the chunks (see build-examples.mjs).
    external: ['@sightline/core/recorder'],
    treeshake: { moduleSideEffects: hasSideEffects },
    plugins: [
      {
        name: 'elements-alias',
        resolveId(id, importer) {
          if (id.startsWith('@elements/'))
            return this.resolve(join(src, id.slice('@elements/'.length)), importer, { skipSelf: true });
          return null;
        },
      },
      // `production` always: without it the plugin picks Lit's development build whenever NODE_ENV is
      // set to anything else (vitest sets `test`), so the end-to-end suites ran another build.
      nodeResolve({
        browser: true,
        exportConditions: [...conditions, 'production'],
        extensions: ['.ts', '.mjs', '.js'],
      }),
      // The elements' html`…` and css`…` templates without the indentation and comments of the source.
      minifyTemplates({ include: ['packages/*/src/**/*.ts'], failOnError: true }),
      esbuild({
        target: 'es2022',
        tsconfig: join(root, 'tsconfig.base.json'),
        minify: true,
        sourceMap: true,
      }),
    ],
    onwarn(warning, warn) {
      // Harmless here: `this` at a module's top level, import cycles, and comments in zod that rollup
      // cannot place (zod is parsed, not bundled: the widget's code does not import it).
      if (!['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'INVALID_ANNOTATION'].includes(warning.code ?? ''))
        warn(warning);
    },
  };
  const out = {
    dir: outdir,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    paths: { '@sightline/core/recorder': './recorder.js' },
    sourcemap: true,
    compact: true,
  };
  const first = await rollup(options);
  const plan = chunkPlan((await first.generate(out)).output);
  await first.close();
  const bundle = await rollup({ ...options, cache: first.cache });
  const { output } = await bundle.write({
    ...out,
    manualChunks: (id) => plan.get(id),
    plugins: [squeezeChunks],
  });
  await bundle.close();
  const prefix = relative(root, outdir);
  const outputs = {};
  for (const o of output) {
    if (o.type !== 'chunk') continue;
    outputs[join(prefix, o.fileName)] = {
      bytes: Buffer.byteLength(o.code),
      imports: [
        ...o.imports.map((f) => ({ path: join(prefix, f), kind: 'import-statement' })),
        ...o.dynamicImports.map((f) => ({ path: join(prefix, f), kind: 'dynamic-import' })),
      ],
      inputs: Object.fromEntries(Object.keys(o.modules).map((m) => [relative(root, m), {}])),
    };
  }
  return { outputs };
}
