import { type Kysely, sql } from 'kysely';
import type { Database } from './database.table.js';
import { inTransaction } from './transaction.js';

/** Units of work per shared transaction: enough to amortise a commit, few enough to keep latency low. */
const MAX_GROUP = 128;

type Work<T> = (trx: Kysely<Database>) => Promise<T>;

interface Pending {
  readonly work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommitter {
  /** Runs the work in a transaction, possibly shared with other callers' work; it commits or fails alone. */
  run<T>(work: Work<T>): Promise<T>;
  /**
   * Runs work that owns its atomicity (one statement, or its own transaction): on PostgreSQL on the
   * database itself, outside any transaction; on SQLite as run does, grouped with the others.
   */
  alone<T>(work: Work<T>): Promise<T>;
}

/**
 * Group commit for SQLite. A commit costs a write to the WAL file however little changed, and SQLite
 * runs one writer at a time, so committing each small write (an order from the API) alone caps the
 * rate at the disk's write rate. Instead, writes that arrive while a transaction is running wait and
 * then run together in the next one, each inside its own savepoint: one that fails is rolled back to
 * its savepoint and rejected alone, and the others still commit. Every caller's promise settles only
 * after the commit, so an answer never reports a write that could still roll back.
 *
 * PostgreSQL already commits concurrent transactions together (its WAL flush is shared), and runs
 * them in parallel on its pool, so there each unit runs in its own transaction.
 */
export function createGroupCommitter(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): GroupCommitter {
  if (dialect === 'postgres') return { run: (work) => inTransaction(db, work), alone: (work) => work(db) };

  let queue: Pending[] = [];
  let running = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const group = queue.slice(0, MAX_GROUP);
      queue = queue.slice(group.length);
      const results: { ok: boolean; value: unknown }[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const [i, pending] of group.entries()) {
            const savepoint = sql.raw(`group_commit_${i}`);
            await sql`savepoint ${savepoint}`.execute(trx);
            try {
              results.push({ ok: true, value: await pending.work(trx) });
              await sql`release savepoint ${savepoint}`.execute(trx);
            } catch (error) {
              await sql`rollback to savepoint ${savepoint}`.execute(trx);
              await sql`release savepoint ${savepoint}`.execute(trx);
              results.push({ ok: false, value: error });
            }
          }
        });
      } catch (error) {
        // The commit itself failed (disk full, I/O error): nothing of the group was written.
        for (const pending of group) pending.reject(error);
        continue;
      }
      group.forEach((pending, i) =>
        results[i].ok ? pending.resolve(results[i].value) : pending.reject(results[i].value),
      );
    }
    running = false;
  }

  function run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // After the current I/O phase, so the writes of requests read in the same turn go together
      // (the synchronous driver would otherwise finish each transaction before the next request is read).
      if (!running) {
        running = true;
        setImmediate(() => void flush());
      }
    });
  }
  return { run, alone: run };
}
