import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';

/**
 * A store's WooCommerce REST API access, kept in store_settings under this name as
 * { url, sealedKeys }: the shop's address in the clear, the consumer key and secret sealed
 * together (secret-cipher.ts), since either opens the shop's data.
 */
export const WOOCOMMERCE_API_SETTING = 'woocommerce.rest_api';

export interface StoredWooCommerceApi {
  readonly url: string;
  readonly sealedKeys: string;
  readonly connectedAt: string;
}

export async function findWooCommerceApi(db: Kysely<Database>, storeId: string): Promise<StoredWooCommerceApi | null> {
  const value = (await readSetting(db, storeId, WOOCOMMERCE_API_SETTING)) as Partial<StoredWooCommerceApi> | null;
  if (value === null || typeof value.url !== 'string' || typeof value.sealedKeys !== 'string') return null;
  return { url: value.url, sealedKeys: value.sealedKeys, connectedAt: String(value.connectedAt ?? '') };
}

export async function writeWooCommerceApi(
  db: Kysely<Database>,
  storeId: string,
  stored: StoredWooCommerceApi,
  now: string,
): Promise<void> {
  await writeSetting(db, storeId, WOOCOMMERCE_API_SETTING, stored, now);
}

export async function deleteWooCommerceApi(db: Kysely<Database>, storeId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('store_settings')
    .where('store_id', '=', storeId)
    .where('name', '=', WOOCOMMERCE_API_SETTING)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
