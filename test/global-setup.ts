import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import {
  currentRunId,
  dropRunDatabases,
  ensurePostgresTemplate,
  isDeadRun,
  makeSqliteTemplate,
} from './support/template-databases.js';
import { dropCitusRunDatabases, ensureCitusTemplates } from './support/citus-databases.js';
import { CITUS_ADMIN_URL, POSTGRES_ADMIN_URL, dialects } from './support/test-database.js';

/**
 * The tests whose subject is the `regulars` process itself run the real binary, so the build must
 * be current. tsc emits even when it finds type errors; those fail `npm run typecheck`, so they are
 * not repeated here. A quick run (REGULARS_TEST_QUICK) runs no such test and skips the compile.
 */
function build(): Promise<void> {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve('typescript/bin/tsc');
  const compile = process.env.REGULARS_TEST_QUICK
    ? Promise.resolve()
    : new Promise<void>((resolve, reject) => {
        // Incremental: a run after a small change rebuilds in seconds. The build info lives in dist/,
        // so deleting dist/ starts afresh.
        const child = spawn(
          process.execPath,
          [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/tsconfig.build.tsbuildinfo'],
          { stdio: 'ignore' },
        );
        child.on('error', reject);
        child.on('close', () => resolve());
      });
  return compile.then(collectAssets).then(buildConsole);
}

/** The console's bundle (dist/web/console/), which the browser tests open; not in quick runs. */
function buildConsole(): Promise<void> {
  if (process.env.REGULARS_TEST_QUICK) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('../scripts/build-console.mjs', import.meta.url));
    const child = spawn(process.execPath, [script, '--keep-types'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`building the console failed:\n${stderr}`)),
    );
  });
}

/**
 * The built-in templates and flow definitions, assembled into dist/ from the feature folders: the
 * flows and the message tests read them there, quick runs too.
 */
function collectAssets(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('../scripts/collect-assets.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) =>
      status === 0 ? resolve() : reject(new Error(`collecting the templates and flows failed:\n${stderr}`)),
    );
  });
}

/**
 * Builds (in the background) while the run's template databases are made: every migrated test
 * database is a copy of one (test/support/test-database.ts). At the end, drops this run's PostgreSQL
 * databases, and those of runs that were killed before they could.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = currentRunId();
  const postgres = dialects.includes('postgres');
  const citusUrl = dialects.includes('citus') ? CITUS_ADMIN_URL : null;
  const [, sqliteFile, postgresTemplate, citus] = await Promise.all([
    build(),
    makeSqliteTemplate(),
    postgres ? ensurePostgresTemplate(POSTGRES_ADMIN_URL) : null,
    citusUrl ? ensureCitusTemplates(citusUrl) : null,
    postgres ? dropRunDatabases(POSTGRES_ADMIN_URL, isDeadRun) : null,
  ]);
  if (citusUrl && citus) await dropCitusRunDatabases(citusUrl, citus.workers, isDeadRun);
  project.provide('regularsTestDatabases', { runId, sqliteFile, postgresTemplate, citus });
  return async () => {
    rmSync(dirname(sqliteFile), { recursive: true, force: true });
    if (postgres) await dropRunDatabases(POSTGRES_ADMIN_URL, (id) => id === runId);
    if (citusUrl && citus) await dropCitusRunDatabases(citusUrl, citus.workers, (id) => id === runId);
  };
}
