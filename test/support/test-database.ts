import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, inject } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../src/platform/database/database.js';
import { migrateToLatest } from '../../src/platform/database/migrate.js';
import type { Database } from '../../src/platform/database/database.table.js';
import { RUN_DATABASE_PREFIX, type TestDatabaseTemplates, withAdminClient } from './template-databases.js';
import {
  type CitusTemplates,
  createCitusDatabase,
  dropCitusDatabase,
  ensureCitusTemplates,
} from './citus-databases.js';

export type Dialect = 'sqlite' | 'postgres' | 'citus';

/**
 * Every store test runs once per dialect (architecture.md habit 5): describe.each(dialects).
 * REGULARS_TEST_QUICK=1 (npm run test:quick) leaves PostgreSQL out, for the inner loop; the few
 * tests that exist on PostgreSQL only skip then: skipIf(!dialects.includes('postgres')).
 * `citus` is PostgreSQL on a Citus coordinator with its tables distributed (docs/scaling.md), run
 * when REGULARS_TEST_CITUS_URL names one; REGULARS_TEST_DIALECTS (a comma list) picks the dialects
 * outright, as `npm run test:citus` does.
 */
export const dialects: readonly Dialect[] = process.env.REGULARS_TEST_DIALECTS
  ? (process.env.REGULARS_TEST_DIALECTS.split(',') as Dialect[])
  : process.env.REGULARS_TEST_QUICK
    ? ['sqlite']
    : ['sqlite', 'postgres', ...(process.env.REGULARS_TEST_CITUS_URL ? (['citus'] as const) : [])];

/** The product's name for a dialect's SQL: Citus is PostgreSQL with an extension (src/platform/database/citus.ts). */
export function sqlDialect(dialect: Dialect): DatabaseTarget['kind'] {
  return dialect === 'citus' ? 'postgres' : dialect;
}

/**
 * The PostgreSQL server the tests create their databases on: the one on this machine and in CI
 * (.ci/run starts it). REGULARS_TEST_POSTGRES_URL points elsewhere; its database is only used to
 * connect for CREATE/DROP DATABASE.
 */
export const POSTGRES_ADMIN_URL =
  process.env.REGULARS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The Citus coordinator (../shared/tools/citus-cluster.sh starts one on 5440), or null when the run has none. */
export const CITUS_ADMIN_URL = process.env.REGULARS_TEST_CITUS_URL ?? null;

export interface TestDatabase {
  readonly dialect: Dialect;
  readonly target: DatabaseTarget;
  readonly db: Kysely<Database>;
  destroy(): Promise<void>;
}

/**
 * A fresh database: a SQLite file in a new temporary folder, or a new PostgreSQL database
 * (regulars_test_r<run>_<random>) on the local server, or on every node of the Citus cluster
 * (test/support/citus-databases.ts); migrated unless migrate is false (for the tests of the
 * migrations themselves, which get an empty one). Migrated ones are copies of the
 * run's templates (test/support/template-databases.ts). destroy() closes it and deletes it; this
 * run's PostgreSQL databases are dropped together when the run ends (test/global-setup.ts), since
 * each DROP DATABASE waits for a checkpoint.
 *
 * Nothing here needs to survive a crash: SQLite does not sync to disk and PostgreSQL commits
 * without waiting for the WAL to be flushed (synchronous_commit off, on these databases only).
 */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate !== false;
  // Absent when the helper runs without test/global-setup.ts: then it migrates every database itself.
  const templates: TestDatabaseTemplates | undefined = inject('regularsTestDatabases');
  let target: DatabaseTarget;
  let cleanup: () => Promise<void>;
  let copied = false;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'regulars-store-'));
    target = { kind: 'sqlite', file: join(dir, 'test.db') };
    if (migrate && templates) {
      copyFileSync(templates.sqliteFile, target.file);
      copied = true;
    }
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else if (dialect === 'citus') {
    const name = `${RUN_DATABASE_PREFIX}${templates?.runId ?? 'x'}_${randomBytes(6).toString('hex')}`;
    const citus = templates?.citus ?? (await citusTemplatesOutsideRun());
    target = {
      kind: 'postgres',
      url: await createCitusDatabase(citusAdminUrl(), citus.workers, name, migrate ? citus.migrated : citus.empty),
    };
    copied = migrate;
    const drop = () => dropCitusDatabase(citusAdminUrl(), citus.workers, name);
    cleanup = templates ? async () => {} : drop;
  } else {
    const name = `${RUN_DATABASE_PREFIX}${templates?.runId ?? 'x'}_${randomBytes(6).toString('hex')}`;
    const template = migrate ? (templates?.postgresTemplate ?? null) : null;
    await withAdminClient(POSTGRES_ADMIN_URL, async (client) => {
      await client.query(
        template === null ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`,
      );
      await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
    });
    copied = template !== null;
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    target = { kind: 'postgres', url: url.toString() };
    // FORCE (PostgreSQL 13+) ends connections a failed test may have left open.
    const drop = async () =>
      void (await withAdminClient(POSTGRES_ADMIN_URL, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ));
    cleanup = templates ? async () => {} : drop;
  }
  const db = openDatabase(target, { syncToDisk: false });
  if (migrate && !copied) await migrateToLatest(db, sqlDialect(dialect));
  return {
    dialect,
    target,
    db,
    async destroy() {
      await db.destroy();
      await cleanup();
    },
  };
}

function citusAdminUrl(): string {
  if (CITUS_ADMIN_URL === null) throw new Error('the citus dialect needs REGULARS_TEST_CITUS_URL');
  return CITUS_ADMIN_URL;
}

/** Without test/global-setup.ts (a test file run on its own by another runner): the templates, made or found. */
let citusTemplates: Promise<CitusTemplates> | undefined;
function citusTemplatesOutsideRun(): Promise<CitusTemplates> {
  return (citusTemplates ??= ensureCitusTemplates(citusAdminUrl()));
}

/** A fresh database for the enclosing describe block, migrated, deleted after its tests. */
export function useTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, options);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  return () => {
    if (!database) throw new Error('the test database is made in beforeAll');
    return database;
  };
}
