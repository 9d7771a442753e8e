import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import type { Database } from '../../platform/database/database.table.js';
import { isForeignKeyViolation } from '../../platform/database/transaction.js';
import { readSettingText, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { parseShopperSecrets, SHOPPER_SECRET_SETTING, type ShopperSecrets } from './shopper-secret.js';

export async function findShopperSecrets(db: Kysely<Database>, storeId: string): Promise<ShopperSecrets | null> {
  const text = await readSettingText(db, storeId, SHOPPER_SECRET_SETTING);
  return text === null ? null : parseShopperSecrets(JSON.parse(text));
}

/**
 * Stores the first secrets unless some exist (two first uses at once both insert; ON CONFLICT DO
 * NOTHING keeps one, and both then read that one).
 */
export async function insertShopperSecretsIfNone(
  db: Kysely<Database>,
  storeId: string,
  secrets: ShopperSecrets,
  now: string,
): Promise<void> {
  try {
    await db
      .insertInto('store_settings')
      .values({ store_id: storeId, name: SHOPPER_SECRET_SETTING, value: JSON.stringify(secrets), updated_at: now })
      .onConflict((oc) => oc.columns(['store_id', 'name']).doNothing())
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}

export function writeShopperSecrets(
  db: Kysely<Database>,
  storeId: string,
  secrets: ShopperSecrets,
  now: string,
): Promise<void> {
  return writeSetting(db, storeId, SHOPPER_SECRET_SETTING, secrets, now);
}
