import type { Kysely } from 'kysely';
import { nowIso } from '../../platform/ids.js';
import type { Database } from '../../platform/database/database.table.js';

/**
 * Claims a delivery id for the store: true when this call recorded it, false when it was recorded
 * before (a redelivery). One INSERT ... ON CONFLICT DO NOTHING on the (store_id, delivery_id) key,
 * so the database arbitrates concurrent claims: on PostgreSQL a second transaction inserting the
 * same key waits for the first to end, then finds the conflict; SQLite has one writer at a time.
 *
 * Call it inside the transaction that makes the delivery's effect: if the effect fails, the claim
 * rolls back with it and a retry is processed; if it commits, both are there. Claimed first, it is
 * also the transaction's first write, which on SQLite takes the write lock at once (instead of a
 * read snapshot failing to upgrade later).
 */
export async function claimWebhookDelivery(
  db: Kysely<Database>,
  storeId: string,
  deliveryId: string,
  topic: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto('webhook_deliveries')
    .values({ store_id: storeId, delivery_id: deliveryId, topic, received_at: nowIso() })
    .onConflict((oc) => oc.columns(['store_id', 'delivery_id']).doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/**
 * Claims several ids in one statement; returns those this call recorded. Claimed in sorted order,
 * so two transactions claiming overlapping sets wait for each other instead of deadlocking.
 */
export async function claimWebhookDeliveries(
  db: Kysely<Database>,
  storeId: string,
  deliveryIds: readonly string[],
  topic: string,
): Promise<string[]> {
  const ids = [...new Set(deliveryIds)].sort();
  if (ids.length === 0) return [];
  const receivedAt = nowIso();
  const rows = await db
    .insertInto('webhook_deliveries')
    .values(ids.map((deliveryId) => ({ store_id: storeId, delivery_id: deliveryId, topic, received_at: receivedAt })))
    .onConflict((oc) => oc.columns(['store_id', 'delivery_id']).doNothing())
    .returning('delivery_id')
    .execute();
  return rows.map((row) => row.delivery_id);
}
