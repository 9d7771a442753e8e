import type { Kysely } from 'kysely';
import { loadConfig } from '../config.js';
import { type DatabaseTarget, resolveDatabaseTarget } from '../database/database.js';
import { type MigrationReport, openMigratedDatabase } from '../database/migrate.js';
import type { Database } from '../database/database.table.js';
import type { DatabaseFlags } from './database-options.js';

/**
 * Opens the database the flags and environment name (--db wins over DATABASE_URL), brings its
 * schema up to date (commands migrate before use, so a new version never runs on an old schema),
 * runs the work, and closes the database whatever happens.
 */
export async function withDatabase<T>(
  flags: DatabaseFlags,
  work: (db: Kysely<Database>, context: { target: DatabaseTarget; migrations: MigrationReport }) => Promise<T>,
): Promise<T> {
  const target = resolveDatabaseTarget({ dbFile: flags.db, databaseUrl: loadConfig().databaseUrl });
  const { db, migrations } = await openMigratedDatabase(target);
  try {
    return await work(db, { target, migrations });
  } finally {
    await db.destroy();
  }
}
