import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * A dev-server plugin that serves the few CommonJS packages browser code imports (tus-js-client's
 * URL parser) as ES modules: each is bundled with its own CommonJS dependencies by esbuild — what
 * the example build does for the pages — so `import URL from 'url-parse'` gets its default export.
 */
export function commonjsPackages(names, rootDir = process.cwd()) {
  const pattern = new RegExp(`/node_modules/(${names.join('|')})/[^/]+\\.js$`);
  return {
    name: 'commonjs-packages',
    async transform(context) {
      if (!pattern.test(context.path)) return undefined;
      const result = await build({
        entryPoints: [join(rootDir, context.path)],
        bundle: true,
        format: 'esm',
        write: false,
        logLevel: 'silent',
      });
      return { body: result.outputFiles[0].text };
    },
  };
}
