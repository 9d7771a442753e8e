import type { Kysely } from 'kysely';
import type { Database } from '../../platform/database/database.table.js';
import { getStore } from '../../platform/stores/store.repository.js';
import { makeFailedDue, pushCounts, refusedOrderCodes, unpushed } from './shop-discount.repository.js';

export interface ShopDiscountSyncStatus {
  /** Pushes by platform and status: { shopify: { pending: 2, pushed: 40, failed: 1 } }. */
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The pushes not done (failed first), newest first, with their last error. */
  readonly unpushed: readonly {
    readonly platform: string;
    readonly couponId: string;
    readonly code: string;
    readonly status: string;
    readonly attempts: number;
    readonly lastError: string | null;
    /** null for a failure no retry can fix: `regulars shop-discounts retry` after fixing it. */
    readonly nextAttemptAt: string | null;
  }[];
  /** Codes the shop's checkout took that Regulars' rules refused, with the reason. */
  readonly refusedUses: readonly { readonly orderId: string; readonly code: string; readonly reason: string | null }[];
}

const LISTED = 100;

/** What `regulars shop-discounts status` and GET /v1/settings/shop-discounts show. */
export async function shopDiscountSyncStatus(db: Kysely<Database>, storeId: string): Promise<ShopDiscountSyncStatus> {
  await getStore(db, storeId);
  const counts: Record<string, Record<string, number>> = {};
  for (const { platform, status, count } of await pushCounts(db, storeId)) {
    counts[platform] = { pending: 0, pushed: 0, failed: 0, ...counts[platform], [status]: count };
  }
  return {
    counts,
    unpushed: (await unpushed(db, storeId, LISTED)).map((row) => ({
      platform: row.platform,
      couponId: row.coupon_id,
      code: row.code,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
    })),
    refusedUses: (await refusedOrderCodes(db, storeId, LISTED)).map((row) => ({
      orderId: row.order_id,
      code: row.code,
      reason: row.detail,
    })),
  };
}

/** Makes every failed push due now (after fixing its cause); the next run of the job tries them. Returns how many. */
export async function retryShopDiscountPushes(db: Kysely<Database>, storeId: string, now: string): Promise<number> {
  await getStore(db, storeId);
  return makeFailedDue(db, storeId, now);
}
