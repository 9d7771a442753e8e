import { type Kysely, SqliteAdapter, sql, type Transaction } from 'kysely';
import type { Database } from './database.table.js';

/**
 * Runs work in a transaction, or in the caller's when db already is one, so repository functions
 * that need atomicity still compose into a larger transaction (an import batch, a use case).
 * On SQLite it is a writer from its start (writeFirst): several processes on one file (`serve`,
 * `jobs`, `worker`) would otherwise fail a job that reads before it writes with SQLITE_BUSY. One
 * process has one SQLite connection, so its own transactions queue anyway and lose nothing by it.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    await writeFirst(trx);
    return work(trx);
  });
}

/** A foreign key violation, as either driver reports it (SQLite's extended code, PostgreSQL's SQLSTATE). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/**
 * On SQLite, makes the transaction a writer now. BEGIN is deferred there, and a transaction that
 * reads before it writes fails at its first write with SQLITE_BUSY, without waiting out the busy
 * timeout, when another process wrote in between (two `regulars serve` workers on one file). A
 * write that changes nothing takes the write lock, waiting for it as any write does. Nothing on
 * PostgreSQL (row locks do that work there) or outside a transaction (each statement is its own).
 */
export async function writeFirst(db: Kysely<Database>): Promise<void> {
  if (!db.isTransaction || !(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  await sql`update stores set id = id where 0`.execute(db);
}
