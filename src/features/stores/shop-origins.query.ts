import type { Kysely } from 'kysely';
import { acrossStores } from '../../platform/database/citus.js';
import type { Database } from '../../platform/database/database.table.js';
import { parseShopProfile, SHOP_SETTING, shopOrigins } from './shop-profile.js';

/**
 * Every origin any shop allows (its address and the origins added): a CORS preflight names no
 * store (it carries no Authorization value), so it can only be answered against all of them; the
 * request that follows is checked against its own store's. A deliberate cross-store read
 * (docs/scaling.md), cached by the caller.
 */
export async function originsOfEveryShop(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await acrossStores(db, (trx) =>
    trx.selectFrom('store_settings').select('value').where('name', '=', SHOP_SETTING).execute(),
  );
  const origins = new Set<string>();
  for (const row of rows) {
    try {
      for (const origin of shopOrigins(parseShopProfile(JSON.parse(row.value), ''))) origins.add(origin);
    } catch {
      // A profile an older version stored and this one cannot read allows nothing.
    }
  }
  return origins;
}
