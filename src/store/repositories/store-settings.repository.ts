import type { Kysely } from 'kysely';
import { RegularsError } from '../../domain/errors.js';
import type { Database } from '../tables/database.table.js';
import { isForeignKeyViolation } from '../transaction.js';

/**
 * The stored JSON of a store's setting, parsed, or null when the store never set it. Callers pass
 * the value through their feature's pure parser: the database holds what a parser accepted, but a
 * parser that grew stricter must still decide what an old document means.
 */
export async function readSetting(db: Kysely<Database>, storeId: string, name: string): Promise<unknown> {
  const row = await db.selectFrom('store_settings').select('value').where('store_id', '=', storeId).where('name', '=', name).executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.value) as unknown);
}

/** Writes (or replaces) a setting; an unknown store is STORE_NOT_FOUND. */
export async function writeSetting(db: Kysely<Database>, storeId: string, name: string, value: unknown, now: string): Promise<void> {
  const json = JSON.stringify(value);
  try {
    await db
      .insertInto('store_settings')
      .values({ store_id: storeId, name, value: json, updated_at: now })
      .onConflict((oc) => oc.columns(['store_id', 'name']).doUpdateSet({ value: json, updated_at: now }))
      .execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
    throw error;
  }
}
