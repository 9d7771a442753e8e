import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { ShopifyBackfillRow } from './shopify-backfill.table.js';

export type BackfillPhase = 'customers' | 'products' | 'orders';

export async function findBackfillCheckpoints(
  db: Kysely<Database>,
  storeId: string,
): Promise<Map<BackfillPhase, ShopifyBackfillRow>> {
  const rows = await db.selectFrom('shopify_backfills').selectAll().where('store_id', '=', storeId).execute();
  return new Map(rows.map((r) => [r.phase as BackfillPhase, r]));
}

export async function deleteBackfillCheckpoints(db: Kysely<Database>, storeId: string): Promise<void> {
  await db.deleteFrom('shopify_backfills').where('store_id', '=', storeId).execute();
}

/** Starts a phase over on a new bulk operation (or none yet): nothing of it counts as done. */
export async function startBackfillPhase(
  db: Kysely<Database>,
  storeId: string,
  phase: BackfillPhase,
  bulkOperationId: string | null,
  now: string,
): Promise<ShopifyBackfillRow> {
  const row: ShopifyBackfillRow = {
    store_id: storeId,
    phase,
    bulk_operation_id: bulkOperationId,
    status: 'running',
    lines_done: 0,
    records_done: 0,
    lines_total: null,
    started_at: now,
    updated_at: now,
  };
  await db
    .insertInto('shopify_backfills')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['store_id', 'phase']).doUpdateSet({
        bulk_operation_id: bulkOperationId,
        status: 'running',
        lines_done: 0,
        records_done: 0,
        lines_total: null,
        started_at: now,
        updated_at: now,
      }),
    )
    .execute();
  return row;
}

/** Moves the checkpoint past a committed batch (called in the batch's transaction). */
export async function advanceBackfillPhase(
  db: Kysely<Database>,
  storeId: string,
  phase: BackfillPhase,
  progress: { linesDone: number; recordsDone: number; linesTotal: number | null; completed: boolean },
  now: string,
): Promise<void> {
  await db
    .updateTable('shopify_backfills')
    .set({
      lines_done: progress.linesDone,
      records_done: progress.recordsDone,
      lines_total: progress.linesTotal,
      status: progress.completed ? 'completed' : 'running',
      updated_at: now,
    })
    .where('store_id', '=', storeId)
    .where('phase', '=', phase)
    .execute();
}
