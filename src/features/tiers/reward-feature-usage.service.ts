import type { Kysely } from 'kysely';
import { readTierSettings } from './tier.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { readLoyaltyProgram } from '../loyalty/index.js';

/**
 * Whether a store uses each rewards feature, asked by the rewards sync once per page of orders
 * (OrderRewardHandler.usedBy): a store that has set no program, no tiers, has no referral waiting
 * and no challenge open costs the sync no query per order for them.
 */

/** A program, even paused: a paused program still takes back the points of refunded orders. */
export async function usesLoyalty(db: Kysely<Database>, storeId: string): Promise<boolean> {
  return (await readLoyaltyProgram(db, storeId)) !== null;
}

export async function usesTiers(db: Kysely<Database>, storeId: string): Promise<boolean> {
  return (await readTierSettings(db, storeId)) !== null;
}

/** A referral still waiting for its referred customer's first order. */
export async function hasPendingReferrals(db: Kysely<Database>, storeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('referrals')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'pending')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A challenge still open (a completed one keeps its bonus, whatever later orders do). */
export async function hasOpenChallenges(db: Kysely<Database>, storeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('challenges')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', '=', 'offered')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Customer metrics exist once the store's first full refresh ran (before it, the handler has nothing to update). */
export async function hasCustomerMetrics(db: Kysely<Database>, storeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customer_metric_runs')
    .select('store_id')
    .where('store_id', '=', storeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
