import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A host page (a CRM's summary panel) loads only the viewer: lit, the generated API client and the
// element. Budget: 30 KB gzipped for the whole page's script (SI-12, the product's size budgets).
const BUDGET_GZ = 30 * 1024;

describe('summary viewer page budget', () => {
  it('bundles to ≤ 30 KB gzipped without the SDK (no rxjs, no zod)', async () => {
    const result = await build({
      entryPoints: [
        fileURLToPath(
          new URL('../../packages/elements/src/summary-viewer/summary-viewer.ts', import.meta.url),
        ),
      ],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      conditions: ['source', 'browser', 'import'],
      tsconfig: fileURLToPath(new URL('../../tsconfig.base.json', import.meta.url)),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/(rxjs|zod|livekit-client)\//.test(p))).toEqual([]);
    console.log(`summary viewer page: ${(bytes / 1024).toFixed(1)} KB gz`);
    expect(bytes).toBeLessThanOrEqual(BUDGET_GZ);
  });
});
