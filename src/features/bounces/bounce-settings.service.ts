import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { nowIso } from '../../platform/ids.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { readBounceFeeds, writeBounceFeeds } from './bounce-settings.repository.js';
import {
  type BounceFeedChanges,
  type BounceFeedsView,
  changeBounceFeeds,
  viewOfBounceFeeds,
} from './bounce-settings.js';

/** The store's bounce feeds as shown (no secrets); an unknown store is STORE_NOT_FOUND. */
export async function bounceFeedsStatus(db: Kysely<Database>, storeId: string): Promise<BounceFeedsView> {
  await getStore(db, storeId);
  return viewOfBounceFeeds(await readBounceFeeds(db, storeId));
}

/** Connects, changes or disconnects bounce feeds; the next webhook reads the new settings. */
export async function configureBounceFeeds(
  db: Kysely<Database>,
  storeId: string,
  changes: BounceFeedChanges,
): Promise<BounceFeedsView> {
  return inTransaction(db, async (trx) => {
    await getStore(trx, storeId);
    const next = changeBounceFeeds(await readBounceFeeds(trx, storeId), changes);
    await writeBounceFeeds(trx, storeId, next, nowIso());
    return viewOfBounceFeeds(next);
  });
}
