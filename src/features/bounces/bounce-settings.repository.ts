import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { readSetting, writeSetting } from '../../platform/stores/store-settings.repository.js';
import { BOUNCE_FEEDS_SETTING, type BounceFeeds, parseBounceFeeds } from './bounce-settings.js';

/**
 * The store's bounce feeds, in store_settings. The secrets are kept in plaintext, as the Shopify
 * and WooCommerce secrets are: checking an HMAC or a password needs the secret itself.
 */
export async function readBounceFeeds(db: Kysely<Database>, storeId: string): Promise<BounceFeeds> {
  return parseBounceFeeds(await readSetting(db, storeId, BOUNCE_FEEDS_SETTING));
}

export async function writeBounceFeeds(
  db: Kysely<Database>,
  storeId: string,
  feeds: BounceFeeds,
  now: string,
): Promise<void> {
  await writeSetting(db, storeId, BOUNCE_FEEDS_SETTING, feeds, now);
}
