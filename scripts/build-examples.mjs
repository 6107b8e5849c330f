// Bundles the elements for the example pages: one ES module that defines every tag, with call code
// (video call, transports, livekit-client) split into chunks loaded only when a call starts; the
// customer's widget page is built apart, with rollup (build-widget.mjs).
// Output: examples/assets/ (git-ignored), served by the demo server at /assets/.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compile as compileTemplate } from '@vue/compiler-dom';
import { build } from 'esbuild';
import { buildWidget, squeeze } from './build-widget.mjs';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'packages/elements/src');
const outdir = join(root, 'examples/assets');

// Every element folder has `<name>/<name>.ts`, which defines the tag. The video call is left out on
// purpose: the request flow and the inbox import it on demand. The management elements (and the
// dashboard with silent monitoring) are their own bundles (below), so the widget and console pages
// never load them.
const lazy = new Set(['video-call', 'admin', 'dashboard', 'silent-monitor']);
const defines = readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !lazy.has(d.name) && existsSync(join(src, d.name, `${d.name}.ts`)))
  .map((d) => `import '@elements/${d.name}/${d.name}.ts';`);

rmSync(outdir, { recursive: true, force: true });
// Two pages, a build each: the customer's widget page loads only the provider and the request flow
// (the call, the rating form and the tracker load when needed); the console page loads every
// element. Built apart, the console's modules do not cut the customer's code into more, smaller
// chunks (each compressed on its own: fewer, larger chunks compress better; issue 13). `es2015`
// picks rxjs's ES2015 build (smaller than its ES5 one, no class helpers).
const conditions = ['source', 'es2015'];
mkdirSync(outdir, { recursive: true });
const entries = {
  'sightline-elements': defines.join('\n'),
  'sightline-widget': [
    "import '@elements/provider/provider.ts';",
    "import '@elements/request-flow/request-flow.ts';",
  ].join('\n'),
};
for (const [name, contents] of Object.entries(entries))
  writeFileSync(join(outdir, `${name}.entry.ts`), contents);
// The call recorder (VS-10) loads when a recording starts. It is built on its own (below), next to
// the chunks: as part of the pages' code-split graph its modules (rxjs, tus-js-client's CommonJS)
// would split the customer page's chunks further and make that page heavier for nothing.
const separateRecorder = {
  name: 'separate-recorder',
  setup(b) {
    b.onResolve({ filter: /^@sightline\/core\/recorder$/ }, () => ({
      path: './recorder.js',
      external: true,
    }));
  },
};
/** What every bundle here is: minified ES modules from the sources, with source maps and a metafile. */
const esm = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  conditions,
  tsconfig: join(root, 'tsconfig.base.json'),
  metafile: true,
  logLevel: 'warning',
};
const buildPage = (name) =>
  build({
    ...esm,
    plugins: [separateRecorder],
    entryPoints: [{ in: join(outdir, `${name}.entry.ts`), out: name }],
    alias: { '@elements': src },
    splitting: true,
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
  });
const widget = await buildWidget({
  root,
  src,
  outdir,
  name: 'sightline-widget',
  entry: join(outdir, 'sightline-widget.entry.ts'),
  conditions,
});
const result = await buildPage('sightline-elements');
for (const name of Object.keys(entries)) rmSync(join(outdir, `${name}.entry.ts`));
// The live dashboard page (MC-7): the provider and the dashboard only, in a build of its own so its
// modules do not split the customer page's chunks further.
writeFileSync(
  join(outdir, 'sightline-dashboard.entry.ts'),
  "import '@elements/provider/provider.ts';\nimport '@elements/dashboard/dashboard.ts';\nimport '@elements/silent-monitor/silent-monitor.ts';\n",
);
await buildPage('sightline-dashboard');
rmSync(join(outdir, 'sightline-dashboard.entry.ts'));
// The marker tracker's Web Worker (VS-13): `new Worker(new URL('./tracking-worker.js', import.meta.url))`
// in the tracking client resolves next to the chunk that holds it, so the worker is built there too.
/** One module with everything it imports, next to the chunks (no splitting). */
const standalone = (entry, file) =>
  build({ ...esm, entryPoints: [join(root, entry)], outfile: join(outdir, 'chunks', file) });
const worker = await standalone('packages/core/src/tracking/tracking-worker.ts', 'tracking-worker.js');
// Every call loads the worker (issue 13): terser's last pass, as on the widget's chunks.
{
  const file = join(outdir, 'chunks/tracking-worker.js');
  const map = readFileSync(`${file}.map`, 'utf8');
  const out = await squeeze(readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, ''), map);
  writeFileSync(file, `${out.code}\n//# sourceMappingURL=tracking-worker.js.map\n`);
  writeFileSync(`${file}.map`, out.map);
}
Object.assign(result.metafile.outputs, worker.metafile.outputs);
// The recorder, imported as `./recorder.js` by the chunk that starts a recording (see above).
const recorder = await standalone('packages/core/src/recording/browser.ts', 'recorder.js');
Object.assign(result.metafile.outputs, recorder.metafile.outputs);
// The management page's bundle: the provider and every management element, in one module.
const admin = await build({
  ...esm,
  plugins: [separateRecorder],
  entryPoints: { 'sightline-admin': join(src, 'admin/define.ts') },
  // Split like the elements bundle, so call code the SDK loads on demand stays out of the page.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  outdir,
});
// What the management page loads up front: its entry and the chunks that entry imports statically.
const adminLoaded = new Set();
const follow = (file) => {
  if (adminLoaded.has(file)) return;
  adminLoaded.add(file);
  for (const i of admin.metafile.outputs[file]?.imports ?? [])
    if (i.kind === 'import-statement') follow(i.path);
};
follow(Object.keys(admin.metafile.outputs).find((f) => f.endsWith('sightline-admin.js')));
const adminBytes = [...adminLoaded].reduce((n, f) => n + (admin.metafile.outputs[f]?.bytes ?? 0), 0);

// A host app's summary panel (SI-12): the viewer alone, no SDK — one small module.
const viewer = await build({
  ...esm,
  entryPoints: { 'sightline-summary-viewer': join(src, 'summary-viewer/summary-viewer.ts') },
  outdir,
});
const viewerBytes = Object.values(viewer.metafile.outputs).reduce(
  (n, o) => n + (o.entryPoint ? o.bytes : 0),
  0,
);

const bytes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .reduce((n, [, o]) => n + o.bytes, 0);
console.log(
  `examples/assets: ${defines.length} element modules, ${Math.round(bytes / 1024)} KiB of JS (minified, before gzip); management page loads ${Math.round(adminBytes / 1024)} KiB; summary viewer ${Math.round(viewerBytes / 1024)} KiB`,
);

// The CRM example's React and Vue pages (SI-12): each page's code with its framework, one module per
// page; the panel element itself comes from sightline-summary-viewer.js above, loaded by the page.
// The Vue page's templates (*.template.html) are compiled here into render functions, so the page
// loads Vue's runtime only and needs no 'unsafe-eval'; it uses the Composition API only, so the
// Options API is left out.
const vueTemplates = {
  name: 'vue-templates',
  setup(b) {
    b.onLoad({ filter: /\.template\.html$/ }, async (args) => {
      const { code } = compileTemplate(readFileSync(args.path, 'utf8'), {
        mode: 'module',
        prefixIdentifiers: true,
        hoistStatic: true,
        isCustomElement: (tag) => tag.startsWith('sightline-'),
      });
      return { contents: `${code}\nexport default render;\n`, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
const crm = join(root, 'examples/crm');
const frameworks = await build({
  entryPoints: { 'crm-react': join(crm, 'react/app.jsx'), 'crm-vue': join(crm, 'vue/app.js') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  alias: { vue: 'vue/dist/vue.runtime.esm-bundler.js' },
  plugins: [vueTemplates],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  outdir,
  metafile: true,
  logLevel: 'warning',
});
console.log(
  `CRM framework pages: ${Object.entries(frameworks.metafile.outputs)
    .filter(([f]) => f.endsWith('.js'))
    .map(([f, o]) => `${f.split('/').pop()} ${Math.round(o.bytes / 1024)} KiB`)
    .join(', ')}`,
);

// What each budgeted page downloads (the size checker, `.size-limit.mjs`, reads this): its entry and
// the chunks it imports statically; for a whole call, everything a P2P call with the AR tools loads —
// the page, the call's lazy chunks and the tracking worker — but not LiveKit's chunks, which load only
// when a LiveKit call starts, nor the recorder (built apart, `./recorder.js`), which loads only when
// staff record, nor what only staff load or only a monitored call loads (below).
const outputsOf = (meta) => meta.outputs;
const closure = (outputs, entry, { dynamic = false, skip = () => false } = {}) => {
  const files = new Set();
  const visit = (file) => {
    // Only the build's own outputs (the recorder is imported as an external `./recorder.js`).
    if (files.has(file) || skip(file) || !outputs[file]) return;
    files.add(file);
    for (const i of outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' || (dynamic && i.kind === 'dynamic-import')) visit(i.path);
  };
  visit(entry);
  return [...files].filter((f) => f.endsWith('.js'));
};
const entryFile = (outputs, name) => Object.keys(outputs).find((f) => f.endsWith(`/${name}.js`));
const elementsOutputs = widget.outputs;
const widgetEntry = entryFile(elementsOutputs, 'sightline-widget');
// A German page loads the German texts only (the shared ones and the call's, each a chunk per
// language in a `terms/` folder); LiveKit's chunks load only for a LiveKit call.
const otherLanguage = (file) =>
  Object.keys(elementsOutputs[file]?.inputs ?? {}).some((i) => /\/terms\/(en|es|pt)\.ts$/.test(i));
// What only staff load: following a marker (VS-13: only staff place markers, so only their side
// follows one) and recording (VS-10: staff record; the customer only answers the question). The
// customer's widget page never loads these chunks.
const staffOnly = [
  /\/video-call\/ar\/markers\/marker-follower\.ts$/,
  /\/video-call\/recording\/staff-recording\.ts$/,
];
const forStaffOnly = (file) =>
  Object.keys(elementsOutputs[file]?.inputs ?? {}).some((i) => staffOnly.some((r) => r.test(i)));
// What loads only while a supervisor listens in (MC-8): each side's answer to the monitor's offer.
const whenMonitored = (file) =>
  Object.keys(elementsOutputs[file]?.inputs ?? {}).some((i) => /\/call\/monitor-answer\.ts$/.test(i));
const notOnThisCall = (file) =>
  /livekit/.test(file) ||
  otherLanguage(file) ||
  forStaffOnly(file) ||
  whenMonitored(file) ||
  Object.keys(elementsOutputs[file]?.inputs ?? {}).some((i) => /livekit-client|livekit-transport/.test(i));
const relative = (files) =>
  files.map((f) => f.slice(f.indexOf('examples/assets/') + 'examples/assets/'.length));
// The widget page speaks German (`<html lang="de">`): its texts are a chunk it loads before the
// request flow first renders, so they count.
const languageChunk = (lang) =>
  closure(
    elementsOutputs,
    Object.keys(elementsOutputs).find((f) =>
      Object.keys(elementsOutputs[f].inputs).some((i) => i.endsWith(`shared/terms/${lang}.ts`)),
    ),
  );
const pages = {
  'request flow page': relative([
    ...new Set([...closure(elementsOutputs, widgetEntry), ...languageChunk('de')]),
  ]),
  'summary viewer page': relative(
    closure(outputsOf(viewer.metafile), entryFile(outputsOf(viewer.metafile), 'sightline-summary-viewer')),
  ),
  'P2P call with AR tools': relative([
    ...new Set([
      ...closure(elementsOutputs, widgetEntry, { dynamic: true, skip: notOnThisCall }),
      ...languageChunk('de'),
    ]),
    join(outdir, 'chunks/tracking-worker.js'),
  ]),
};
writeFileSync(join(outdir, 'pages.json'), `${JSON.stringify(pages, null, 2)}\n`);
