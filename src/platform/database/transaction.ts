import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.table.js';

/**
 * Runs work in a transaction, or in the caller's when db already is one, so repository functions
 * that need atomicity still compose into a larger transaction (an import batch, a use case).
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<Database>) => work(trx));
}

/** A foreign key violation, as either driver reports it (SQLite's extended code, PostgreSQL's SQLSTATE). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
