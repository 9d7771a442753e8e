import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { parseSmsSettings, SMS_SETTING, type SmsSettings } from './sms-settings.js';

/** The stored 'sms' document as written (what the owner set), or null. */
export function readStoredSmsSettings(db: Kysely<Database>, storeId: string): Promise<unknown> {
  return readSetting(db, storeId, SMS_SETTING);
}

/** The store's SMS account, or null when SMS is not configured. */
export async function findSmsSettings(db: Kysely<Database>, storeId: string): Promise<SmsSettings | null> {
  return parseSmsSettings(await readSetting(db, storeId, SMS_SETTING));
}

export async function writeSmsSettings(
  db: Kysely<Database>,
  storeId: string,
  document: Record<string, unknown> | null,
  now: string,
): Promise<void> {
  if (document !== null) {
    await writeSetting(db, storeId, SMS_SETTING, document, now);
    return;
  }
  await db.deleteFrom('store_settings').where('store_id', '=', storeId).where('name', '=', SMS_SETTING).execute();
}
