import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:quick` (REGULARS_TEST_QUICK=1), for the inner loop: the pure tests and SQLite
 * (test/support/test-database.ts leaves PostgreSQL out), without the tests that need a browser, an
 * SMTP round trip, SpamAssassin, the built binary in child processes or an install of the package. `npm test` runs them all.
 */
const quick = Boolean(process.env.REGULARS_TEST_QUICK);
const notInQuickRuns = [
  '**/*.browser.test.ts',
  '**/*.smtp.test.ts',
  'src/features/messaging/spamassassin.test.ts',
  'src/platform/cli/serve.cli.test.ts',
  'src/features/delivery/delivery-crash.cli.test.ts',
  // Installs the packed tarball, which compiles better-sqlite3: minutes, not the inner loop.
  '**/*.pack.test.ts',
];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    // The fault suite (restarts a PostgreSQL cluster of its own, stops SMTP servers) runs apart:
    // `npm run test:faults`, with vitest.faults.config.ts.
    exclude: [...configDefaults.exclude, '**/*.fault.test.ts', ...(quick ? notInQuickRuns : [])],
    globalSetup: ['test/global-setup.ts'],
    // Child processes, not worker threads: runCli (test/support/run-cli.ts) changes the working
    // folder, which a worker thread cannot.
    pool: 'forks',
    // Vitest's default, one worker less than the cores, is a single worker on two cores, idle while
    // its tests wait on PostgreSQL, child processes and the disk. At most 4: a worker's tests hold up
    // to about 30 PostgreSQL connections at once, and the server's 100 are shared with other runs.
    maxWorkers: Math.min(4, Math.max(2, availableParallelism())),
    // The test files of a worker share its modules instead of importing them all again per file,
    // which took about half the suite's CPU. No test mocks a module or relies on a module's state
    // being fresh; each test file makes its own databases and servers.
    isolate: false,
    // Long enough that a machine busy with other work slows the tests down without failing them
    // (the slowest test takes about 20 s there); a test that hangs still fails.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // The JSON report lets .ci/run print the closing "N passed, N failed" line itself.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
});
