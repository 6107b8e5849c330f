import { defineConfig } from 'vitest/config';

// Node-side tests: the pure domain, stores, the API client and the reference server.
// Browser code (`*.browser.test.ts`, and everything in packages/elements) runs in real Chromium
// through @web/test-runner instead (web-test-runner.config.mjs).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: [
      'packages/{core,api-client,server}/src/**/*.test.ts',
      'bench/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
