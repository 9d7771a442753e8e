import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';

/**
 * Claims an inbound SMS by its MessageSid in webhook_deliveries (the table the Shopify and
 * WooCommerce receivers keep their ids in), under the 'twilio:' prefix: true when this call
 * recorded it, false for a redelivery. Called inside the transaction that makes the keyword's
 * effect, so a failed effect leaves no claim and Twilio's retry is processed.
 */
export async function claimInboundSms(
  db: Kysely<Database>,
  storeId: string,
  messageSid: string,
  keyword: string,
  now: string,
): Promise<boolean> {
  const claimed = await db
    .insertInto('webhook_deliveries')
    .values({ store_id: storeId, delivery_id: `twilio:${messageSid}`, topic: `sms:${keyword}`, received_at: now })
    .onConflict((oc) => oc.columns(['store_id', 'delivery_id']).doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The store's customers with this phone key (normalizePhone): a household may share one. */
export async function customersWithPhone(db: Kysely<Database>, storeId: string, phoneKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', storeId)
    .where('phone_key', '=', phoneKey)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
