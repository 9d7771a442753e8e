import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';

/**
 * The secret WooCommerce signs a store's webhooks with (X-WC-Webhook-Signature), kept in
 * store_settings under this name as { "secret": "..." }. Kept in plaintext, as the Shopify secret
 * is: verifying an HMAC needs the secret itself. Never shown by the API or the CLI once set.
 */
export const WOOCOMMERCE_SECRET_SETTING = 'woocommerce.webhook_secret';

export async function findWooCommerceSecret(db: Kysely<Database>, storeId: string): Promise<string | null> {
  const value = (await readSetting(db, storeId, WOOCOMMERCE_SECRET_SETTING)) as { secret?: unknown } | null;
  return value !== null && typeof value.secret === 'string' && value.secret !== '' ? value.secret : null;
}

/** Sets the secret, or removes it (null). An unknown store is STORE_NOT_FOUND (writeSetting). */
export async function writeWooCommerceSecret(
  db: Kysely<Database>,
  storeId: string,
  secret: string | null,
  now: string,
): Promise<void> {
  if (secret !== null) {
    await writeSetting(db, storeId, WOOCOMMERCE_SECRET_SETTING, { secret }, now);
    return;
  }
  await db
    .deleteFrom('store_settings')
    .where('store_id', '=', storeId)
    .where('name', '=', WOOCOMMERCE_SECRET_SETTING)
    .execute();
}
