import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Node-side tests: the pure domain, stores, the API client and the reference server.
// Browser code (`*.browser.test.ts`, and everything in packages/elements) runs in real Chromium
// through @web/test-runner instead (web-test-runner.config.mjs).
//
// Two groups, one after the other: first every file that runs in node alone, two or more at a time
// (most of their time is spent waiting on databases, timers and child servers); then the end-to-end
// files, one at a time, since each drives Chromium and a server of its own and times what users see.
const shared = {
  exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: 'node',
          include: [
            'packages/{core,api-client,server}/src/**/*.test.ts',
            'bench/**/*.test.ts',
            'tests/**/*.test.ts',
          ],
          exclude: [...shared.exclude, 'tests/e2e/**'],
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // A worker process runs its files one after another on the modules it loaded once (the
          // server, Kysely, Hono, zod, PGlite's WebAssembly): loading them again for each of ~180
          // files took 140 s of import time, and the group 8 minutes instead of under 5. So each
          // file cleans up after itself: it closes its servers and databases, restores what it
          // spied on and leaves `process.env` as it found it.
          isolate: false,
          setupFiles: ['packages/server/src/testing/worker-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/build.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
