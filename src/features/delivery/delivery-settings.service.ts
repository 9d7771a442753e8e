import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { mergeDeliveryChanges } from './delivery-settings-changes.js';
import { DELIVERY_SETTING, type DeliverySettings, parseDeliverySettings } from './delivery-settings.js';

/** The delivery settings in force for the store (the defaults for any field it never set). */
export async function readDeliverySettings(db: Kysely<Database>, storeId: string): Promise<DeliverySettings> {
  await getStore(db, storeId);
  return parseDeliverySettings(await readSetting(db, storeId, DELIVERY_SETTING));
}

/**
 * Applies changes (mergeDeliveryChanges) to the stored document and answers the settings now in
 * force. The merged document is checked whole before it is written, so a refused change leaves the
 * stored one as it was. What is stored is what the owner set, not the defaults filled in: a later
 * version's better default reaches every field the owner never chose.
 */
export function changeDeliverySettings(
  db: Kysely<Database>,
  storeId: string,
  changes: unknown,
  now: string,
): Promise<DeliverySettings> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    const merged = mergeDeliveryChanges(await readSetting(trx, storeId, DELIVERY_SETTING), changes);
    const settings = parseDeliverySettings(merged);
    await writeSetting(trx, storeId, DELIVERY_SETTING, merged, now);
    return settings;
  });
}
