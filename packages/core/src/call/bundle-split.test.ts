import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// livekit-client is ≈150 KB gzipped: an app that only makes peer-to-peer calls must never load it.
describe('bundle splitting', () => {
  it('keeps livekit-client out of the createTransport / p2p entry chunk', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./create-transport.ts', import.meta.url))],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['source', 'browser', 'import'],
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint);
    const entryInputs = Object.keys(entry?.[1].inputs ?? {});
    expect(entryInputs.some((path) => path.includes('p2p-transport'))).toBe(true);
    expect(entryInputs.filter((path) => path.includes('livekit'))).toEqual([]);
    const all = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all.some((path) => path.includes('node_modules/livekit-client'))).toBe(true); // in a lazy chunk
  });
});
