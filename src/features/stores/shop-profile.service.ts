import type { Kysely } from 'kysely';
import { RegularsError } from '../../platform/errors.js';
import { SHOP_SETTING, type ShopProfile, parseShopProfile } from './shop-profile.js';
import { findStore } from '../../platform/stores/store.repository.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import type { Database } from '../../platform/database/database.table.js';

export async function readShopProfile(db: Kysely<Database>, storeId: string): Promise<ShopProfile> {
  const store = await findStore(db, storeId);
  if (store === null) throw new RegularsError('STORE_NOT_FOUND', `no store has the id ${storeId}`, { storeId });
  return parseShopProfile(await readSetting(db, storeId, SHOP_SETTING), store.name);
}

/** Changes the fields given (null clears one), checks the whole profile, stores it. */
export async function updateShopProfile(
  db: Kysely<Database>,
  storeId: string,
  changes: Readonly<Record<string, string | readonly string[] | null>>,
  now: string,
): Promise<ShopProfile> {
  const current = await readShopProfile(db, storeId);
  const next = {
    name: current.name,
    url: current.url,
    supportEmail: current.supportEmail,
    address: current.address,
    locale: current.locale,
    allowedOrigins: current.allowedOrigins,
    ...changes,
  };
  const profile = parseShopProfile(next, current.name);
  await writeSetting(db, storeId, SHOP_SETTING, profile, now);
  return profile;
}
