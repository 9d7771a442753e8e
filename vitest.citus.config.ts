import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:citus`: the tests that run on a database (store, API and flow tests) on a Citus
 * coordinator with its workers, and on nothing else (docs/scaling.md). It expects the cluster running
 * (../shared/tools/citus-cluster.sh start 2; .ci/run starts it) at REGULARS_TEST_CITUS_URL, by
 * default the coordinator that script starts. Every query a test runs must be routed to one store's
 * shards or be marked as deliberately cross-store: the test databases make any other an error.
 */
process.env.REGULARS_TEST_CITUS_URL ??= 'postgres://postgres@127.0.0.1:5440/postgres';
process.env.REGULARS_TEST_DIALECTS = 'citus';

export default defineConfig({
  test: {
    include: ['src/**/*.store.test.ts', 'src/**/*.api.test.ts', 'src/**/*.flow.test.ts'],
    exclude: [...configDefaults.exclude],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Each Citus test database is a database on three servers, and each coordinator connection
    // holds connections to the workers: fewer files at once than on one server.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-results-citus.json' }]],
  },
});
