import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { mergeSmsChanges, parseSmsSettings, type SmsSettingsView, smsSettingsView } from './sms-settings.js';
import { readStoredSmsSettings, writeSmsSettings } from './sms-settings.repository.js';

/** The store's SMS account as shown (never the auth token), or null when SMS is not configured. */
export async function readSmsSettingsView(db: Kysely<Database>, storeId: string): Promise<SmsSettingsView | null> {
  await getStore(db, storeId);
  const settings = parseSmsSettings(await readStoredSmsSettings(db, storeId));
  return settings === null ? null : smsSettingsView(settings);
}

/**
 * Applies changes to the store's SMS account (mergeSmsChanges); the merged document is checked
 * whole before it is written, so a refused change leaves the stored one as it was. `null` for the
 * whole change removes the account: SMS messages then fail with SMS_NOT_CONFIGURED and the
 * inbound webhook answers WEBHOOK_NOT_CONFIGURED.
 */
export function changeSmsSettings(
  db: Kysely<Database>,
  storeId: string,
  changes: Record<string, unknown> | null,
  now: string,
): Promise<SmsSettingsView | null> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    if (changes === null) {
      await writeSmsSettings(trx, storeId, null, now);
      return null;
    }
    const merged = mergeSmsChanges(await readStoredSmsSettings(trx, storeId), changes);
    const settings = parseSmsSettings(merged);
    await writeSmsSettings(trx, storeId, merged, now);
    return settings === null ? null : smsSettingsView(settings);
  });
}
