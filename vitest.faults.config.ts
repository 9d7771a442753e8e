import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the tests that break things on purpose (a PostgreSQL cluster of their own
 * restarted under load, SMTP servers stopped mid-run). One file at a time: each owns the machine's
 * attention while it kills and restarts servers, and timings (service back within 10 s) must not
 * depend on what another file is doing.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.fault.test.ts', 'test/**/*.fault.test.ts'],
    exclude: [...configDefaults.exclude],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default', ['json', { outputFile: 'test-results-faults.json' }]],
  },
});
