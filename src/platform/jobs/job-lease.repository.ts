import type { Kysely } from 'kysely';
import type { Database } from '../database/database.table.js';
import type { JobLeaseRow } from './job-lease.table.js';

export interface LeaseKey {
  readonly storeId: string;
  readonly job: string;
  readonly holder: string;
}

/**
 * Takes the lease if nobody holds it, its holder let it expire, or this holder has it already, in
 * one statement: an INSERT whose conflict updates the row only under that condition. Two processes
 * racing for it serialise on the row (PostgreSQL's row lock, SQLite's file lock) and the second one
 * sees the first one's row, so exactly one of them gets it. True when this holder has it now.
 */
export async function takeLease(db: Kysely<Database>, key: LeaseKey, now: string, expiresAt: string): Promise<boolean> {
  const taken = await db
    .insertInto('job_leases')
    .values({ store_id: key.storeId, job: key.job, holder: key.holder, expires_at: expiresAt, taken_at: now })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'job'])
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
          taken_at: eb.ref('excluded.taken_at'),
        }))
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', now), eb('job_leases.holder', '=', key.holder)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Moves the lease's end forward; false when this holder no longer has it (it expired and another took it). */
export async function renewLease(db: Kysely<Database>, key: LeaseKey, expiresAt: string): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ expires_at: expiresAt })
    .where('store_id', '=', key.storeId)
    .where('job', '=', key.job)
    .where('holder', '=', key.holder)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives the lease up at once, so another process need not wait for it to expire; a lease another took is left alone. */
export async function releaseLease(db: Kysely<Database>, key: LeaseKey): Promise<void> {
  await db
    .deleteFrom('job_leases')
    .where('store_id', '=', key.storeId)
    .where('job', '=', key.job)
    .where('holder', '=', key.holder)
    .execute();
}

/** A store's lease rows, live or expired (a row stays only while held, or after its holder died). */
export function listLeases(db: Kysely<Database>, storeId: string): Promise<JobLeaseRow[]> {
  return db.selectFrom('job_leases').selectAll().where('store_id', '=', storeId).orderBy('job').execute();
}
