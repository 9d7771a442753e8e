import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { RegularsError } from '../errors.js';
import { type Distribution, distributeTables, hasCitus } from './citus.js';
import { checkConnection, type DatabaseTarget, describeTarget, openDatabase } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './database.table.js';

export interface MigrationReport {
  /** Migrations this run applied, in order (empty when the database was up to date). */
  readonly applied: readonly string[];
  /** All migrations the database has now. */
  readonly total: number;
  /** On a Citus coordinator, the tables this run distributed or made reference tables (citus.ts); null elsewhere. */
  readonly distribution: Distribution | null;
}

function migrator(db: Kysely<Database>, options: { disableTransactions?: boolean } = {}): Migrator {
  return new Migrator({
    db,
    // A static list: no filesystem globbing, so the built binary runs exactly what was compiled.
    provider: { getMigrations: async () => Object.fromEntries(MIGRATIONS) as Record<string, Migration> },
    ...options,
  });
}

/**
 * Kysely takes no lock on SQLite (it assumes a single process), so two processes starting on a new
 * file would both run the migrations and one would fail on "table already exists". BEGIN IMMEDIATE
 * takes the file's write lock before anything is read (the other process waits on busy_timeout, then
 * finds nothing left to do), and the whole run, DDL included, is that one transaction.
 */
async function migrateSqliteExclusively(db: Kysely<Database>): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    let resultSet: MigrationResultSet | undefined;
    try {
      resultSet = await migrator(connection, { disableTransactions: true }).migrateToLatest();
    } finally {
      await sql.raw(resultSet && !resultSet.error ? 'commit' : 'rollback').execute(connection);
    }
    return resultSet;
  });
}

/**
 * Brings the schema to the latest migration. A run is one transaction on both dialects (it applies
 * entirely or not at all), and concurrent starts migrate once: on PostgreSQL Kysely holds an
 * advisory lock, on SQLite the run holds the write lock. On a Citus coordinator the tables are then
 * distributed (citus.ts), once: migrations create plain tables, and this step places those it finds
 * unplaced, so a table a later migration adds is distributed like the others.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: DatabaseTarget['kind']): Promise<MigrationReport> {
  const { error, results = [] } =
    dialect === 'sqlite' ? await migrateSqliteExclusively(db) : await migrator(db).migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegularsError(
      'MIGRATION_FAILED',
      failed ? `migration ${failed} failed: ${reason}` : `cannot migrate: ${reason}`,
      {
        migration: failed ?? null,
      },
    );
  }
  const distribution = dialect === 'postgres' && (await hasCitus(db)) ? await distributeOrFail(db) : null;
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: MIGRATIONS.length,
    distribution,
  };
}

async function distributeOrFail(db: Kysely<Database>): Promise<Distribution> {
  try {
    return await distributeTables(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RegularsError('MIGRATION_FAILED', `cannot distribute the tables on Citus: ${reason}`, {
      migration: null,
    });
  }
}

/**
 * What every command and the server do before touching data: open, check the connection (a clear
 * DATABASE_UNAVAILABLE naming the target), migrate. The caller destroys the returned database.
 */
export async function openMigratedDatabase(
  target: DatabaseTarget,
): Promise<{ db: Kysely<Database>; migrations: MigrationReport }> {
  const db = openDatabase(target);
  try {
    await checkConnection(db, target);
    const migrations = await migrateToLatest(db, target.kind);
    return { db, migrations };
  } catch (error) {
    await db.destroy().catch(() => {});
    if (error instanceof RegularsError) throw error;
    throw new RegularsError(
      'DATABASE_UNAVAILABLE',
      `cannot use the database (${describeTarget(target)}): ${String(error)}`,
    );
  }
}
