import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import type { Preferences } from './preferences.js';
import { PREFERENCE_TOPICS } from './preferences.js';

export interface StoredPreferences {
  readonly topicsOff: readonly string[];
  readonly frequency: string;
  readonly snoozedUntil: string | null;
}

export async function findPreferences(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
): Promise<StoredPreferences | null> {
  const row = await db
    .selectFrom('customer_preferences')
    .select(['topics_off', 'frequency', 'snoozed_until'])
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row === undefined ? null : storedPreferencesFromRow(row);
}

/** A customer_preferences row's fields as stored preferences (for a read made elsewhere: the send checks). */
export function storedPreferencesFromRow(row: {
  readonly topics_off: string;
  readonly frequency: string;
  readonly snoozed_until: string | null;
}): StoredPreferences {
  const off = JSON.parse(row.topics_off) as unknown;
  return {
    topicsOff: Array.isArray(off) ? off.filter((t): t is string => typeof t === 'string') : [],
    frequency: row.frequency,
    snoozedUntil: row.snoozed_until,
  };
}

export async function writePreferences(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  preferences: Preferences,
  now: string,
): Promise<void> {
  const values = {
    topics_off: JSON.stringify(PREFERENCE_TOPICS.filter((t) => !preferences.topics[t])),
    frequency: preferences.frequency,
    snoozed_until: preferences.snoozedUntil,
    updated_at: now,
  };
  await db
    .insertInto('customer_preferences')
    .values({ store_id: storeId, customer_id: customerId, ...values })
    .onConflict((oc) => oc.columns(['store_id', 'customer_id']).doUpdateSet(values))
    .execute();
}
