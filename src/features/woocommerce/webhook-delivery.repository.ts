import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { nowIso } from '../../platform/ids.js';

/**
 * Claims a WooCommerce delivery id (X-WC-Webhook-Delivery-ID) for the store in webhook_deliveries,
 * the table the Shopify receiver also keeps its ids in, under its own prefix: true when this call
 * recorded it, false for a redelivery. ON CONFLICT DO NOTHING on (store_id, delivery_id) lets the
 * database arbitrate concurrent copies. Called inside the transaction that makes the delivery's
 * effect, so a failed effect leaves no claim and the retry is processed.
 */
export async function claimWooCommerceDelivery(
  db: Kysely<Database>,
  storeId: string,
  deliveryId: string,
  topic: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto('webhook_deliveries')
    .values({ store_id: storeId, delivery_id: `woocommerce:${deliveryId}`, topic, received_at: nowIso() })
    .onConflict((oc) => oc.columns(['store_id', 'delivery_id']).doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return claimed !== undefined;
}
