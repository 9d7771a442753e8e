import type { Kysely } from 'kysely';
import { RegularsError } from '../errors.js';
import type { Database } from '../database/database.table.js';
import { PreparedQuery } from '../database/prepared-query.js';
import { isForeignKeyViolation } from '../database/transaction.js';

/**
 * The stored JSON of a store's setting, parsed, or null when the store never set it. Callers pass
 * the value through their feature's pure parser: the database holds what a parser accepted, but a
 * parser that grew stricter must still decide what an old document means.
 */
export async function readSetting(db: Kysely<Database>, storeId: string, name: string): Promise<unknown> {
  const text = await readSettingText(db, storeId, name);
  return text === null ? null : (JSON.parse(text) as unknown);
}

// Read on hot paths (every loyalty action reads the program): prepared once.
const SETTING_TEXT = new PreparedQuery<{ value: string }, { storeId: string; name: string }>((db, param) =>
  db
    .selectFrom('store_settings')
    .select('value')
    .where('store_id', '=', param('storeId'))
    .where('name', '=', param('name')),
);

/** The setting's stored JSON text, or null: for callers that keep what they parsed from it, keyed by the text. */
export async function readSettingText(db: Kysely<Database>, storeId: string, name: string): Promise<string | null> {
  const [row] = await SETTING_TEXT.execute(db, { storeId, name });
  return row === undefined ? null : row.value;
}

/** Writes (or replaces) a setting; an unknown store is STORE_NOT_FOUND. */
export async function writeSetting(
  db: Kysely<Database>,
  storeId: string,
  name: string,
  value: unknown,
  now: string,
): Promise<void> {
  const json = JSON.stringify(value);
  try {
    await db
      .insertInto('store_settings')
      .values({ store_id: storeId, name, value: json, updated_at: now })
      .onConflict((oc) => oc.columns(['store_id', 'name']).doUpdateSet({ value: json, updated_at: now }))
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}
