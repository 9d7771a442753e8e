import type { Kysely } from 'kysely';
import { findCouponByCode } from '../coupons/index.js';
import type { ScheduledJob } from '../orders/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import { describeFailure, nextAttemptAt } from './shop-discount.js';
import { duePushes, enqueueUnqueuedCoupons, markFailed, markPushed } from './shop-discount.repository.js';
import type { ShopDiscountPushRow } from './shop-discount.table.js';
import type { ShopDiscountConnection, ShopDiscountTarget } from './shop-discount-target.js';

/** Pushes made per platform and run: a batch of thousands of codes drains over several runs, each short. */
const PUSHES_PER_RUN = 200;

export interface PushOutcome {
  readonly queued: number;
  readonly pushed: number;
  readonly failed: number;
}

async function pushOne(
  db: Kysely<Database>,
  connection: ShopDiscountConnection | Error,
  row: ShopDiscountPushRow,
  now: string,
): Promise<boolean> {
  try {
    // The shop could not be reached as this store's (its token unreadable, the app unconfigured):
    // every due push records why, rather than the queue standing still unseen.
    if (connection instanceof Error) throw connection;
    const coupon = await findCouponByCode(db, row.store_id, row.code);
    if (!coupon || coupon.id !== row.coupon_id)
      throw new RegularsError(
        'SHOP_DISCOUNT_UNSUPPORTED',
        `coupon ${row.coupon_id} (${row.code}) is no longer stored`,
        {
          couponId: row.coupon_id,
        },
      );
    const { remoteId } = await connection.push(coupon, now);
    await markPushed(db, row, remoteId, now);
    return true;
  } catch (error) {
    // Every failure is recorded on its row, with its code, and the row is retried or shown: none is dropped.
    const code = error instanceof RegularsError ? error.code : 'INTERNAL';
    const attempts = row.attempts + 1;
    await markFailed(
      db,
      row,
      {
        attempts,
        error: describeFailure(code, (error as Error).message),
        nextAttemptAt: nextAttemptAt(now, attempts, code),
      },
      now,
    );
    return false;
  }
}

/**
 * One pass for a store: for each platform the store is connected to, queues the coupons not queued
 * yet, then pushes the due ones. A push is recorded once the shop answered; one that crashed
 * before is redone, and the target finds the discount it made then (no duplicate). The scheduler's
 * store lease keeps one pass per store at a time, so rows need no lock of their own.
 */
export async function pushShopDiscounts(
  db: Kysely<Database>,
  storeId: string,
  now: string,
  targets: readonly ShopDiscountTarget[],
): Promise<PushOutcome> {
  let queued = 0;
  let pushed = 0;
  let failed = 0;
  for (const target of targets) {
    let connection: ShopDiscountConnection | Error | null;
    try {
      connection = await target.connect(db, storeId);
    } catch (error) {
      connection = error as Error;
    }
    if (connection === null) continue;
    queued += await enqueueUnqueuedCoupons(db, storeId, target.platform, now);
    for (const row of await duePushes(db, storeId, target.platform, now, PUSHES_PER_RUN)) {
      if (await pushOne(db, connection, row, now)) pushed += 1;
      else failed += 1;
    }
  }
  return { queued, pushed, failed };
}

/** The queue's job, run for every store by `regulars serve` and `regulars jobs` (a minute apart). */
export function shopDiscountPushJob(targets: readonly ShopDiscountTarget[]): ScheduledJob {
  return {
    name: 'shop-discount-push',
    everyMs: 60_000,
    run: async (db, storeId, now) => {
      const outcome = await pushShopDiscounts(db, storeId, now, targets);
      return outcome.pushed + outcome.failed;
    },
  };
}
