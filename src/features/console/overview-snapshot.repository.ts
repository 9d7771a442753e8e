import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { OverviewSnapshotRow } from './overview-snapshot.table.js';

export async function findOverviewSnapshot(
  db: Kysely<Database>,
  storeId: string,
): Promise<OverviewSnapshotRow | undefined> {
  return db.selectFrom('overview_snapshots').selectAll().where('store_id', '=', storeId).executeTakeFirst();
}

/**
 * Writes a store's snapshot, replacing the one there. Two processes computing at once both write
 * figures that were right at their version; should the older land last, the next read finds its
 * version behind the orders' and computes again, so a stale row never outlives the next change check.
 */
export async function saveOverviewSnapshot(db: Kysely<Database>, row: OverviewSnapshotRow): Promise<void> {
  await db
    .insertInto('overview_snapshots')
    .values(row)
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet({
        version: row.version,
        body: row.body,
        compute_ms: row.compute_ms,
        computed_at: row.computed_at,
      }),
    )
    .execute();
}
