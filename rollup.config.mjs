import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

// Builds the browser packages as ES modules with code-split chunks. Dependencies stay external
// (the host app's bundler dedupes lit, rxjs, zod …); type declarations come from `tsc -b`
// (emitDeclarationOnly into each package's dist/types).
const pkg = (name, input) => ({
  input,
  output: {
    dir: `packages/${name}/dist`,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [
    nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json' }),
  ],
});

export default [
  pkg('api-client', { index: 'packages/api-client/src/index.ts' }),
  pkg('core', {
    index: 'packages/core/src/index.ts',
    domain: 'packages/core/src/domain/index.ts',
    sdk: 'packages/core/src/sdk/index.ts',
    // Narrow entries for pages on a size budget: the SDK client alone, the schema-free rules.
    client: 'packages/core/src/sdk/sightline.ts',
    rules: 'packages/core/src/domain/rules.ts',
    // The event-stream parser alone, for host pages that must not load the SDK (summary viewer).
    sse: 'packages/core/src/realtime/sse-parser.ts',
    recording: 'packages/core/src/recording/index.ts',
    recorder: 'packages/core/src/recording/browser.ts',
  }),
  pkg('elements', {
    index: 'packages/elements/src/index.ts',
    define: 'packages/elements/src/define.ts',
    provider: 'packages/elements/src/provider/provider.ts',
    'request-flow': 'packages/elements/src/request-flow/request-flow.ts',
    'session-inbox': 'packages/elements/src/session-inbox/session-inbox.ts',
    'summary-viewer': 'packages/elements/src/summary-viewer/summary-viewer.ts',
    'summaries-page': 'packages/elements/src/summaries-page/summaries-page.ts',
    'video-call': 'packages/elements/src/video-call/video-call.ts',
    dashboard: 'packages/elements/src/dashboard/dashboard.ts',
    presence: 'packages/elements/src/presence/presence.ts',
    'silent-monitor': 'packages/elements/src/silent-monitor/silent-monitor.ts',
  }),
];
