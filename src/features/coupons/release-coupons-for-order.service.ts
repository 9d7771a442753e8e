import type { Kysely } from 'kysely';
import type { Order } from '../orders/index.js';
import { lockCoupon, releaseRedemption, subtractUse, unreleasedCouponsOfOrder } from './coupon.repository.js';
import { reclaimExpiredReservations } from './coupon-reservation.service.js';
import { utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';

/**
 * Gives back the uses the order's redemptions took (its cancellation), each once: released_at is
 * set only where it is still null, and uses falls by one only when it was. Each coupon in its own
 * transaction under its row lock. Returns how many redemptions were released now (0 on a repeat).
 */
export async function releaseOrderRedemptions(
  db: Kysely<Database>,
  storeId: string,
  orderId: string,
  now: string,
): Promise<number> {
  const releasedAt = utcInstant(now, 'now');
  let released = 0;
  for (const couponId of await unreleasedCouponsOfOrder(db, storeId, orderId)) {
    released += await inTransaction(db, async (trx) => {
      await lockCoupon(trx, storeId, { id: couponId });
      if (!(await releaseRedemption(trx, storeId, couponId, orderId, releasedAt))) return 0;
      await subtractUse(trx, storeId, couponId);
      return 1;
    });
  }
  return released;
}

/** A cancelled order: its status says so, or the source gave a cancellation time. */
function isCancelled(order: Order): boolean {
  return order.status === 'cancelled' || order.cancelledAt !== null;
}

/**
 * When an order is cancelled, gives back the use each coupon redemption of the order took (the
 * redemption is keyed by the order's external id, as the checkout sent it to /v1/coupons/redeem).
 * Idempotent: a redemption is released once (released_at), however often the sync calls this.
 */
export const releaseCouponsForOrder: OrderRewardHandler = async (db, storeId, order, now) => {
  if (!isCancelled(order)) return;
  await releaseOrderRedemptions(db, storeId, order.externalId, now);
};

/**
 * Deletes expired coupon reservations and takes them off their coupons' held counts. Correctness
 * does not depend on it (an expired reservation stops counting at its expiry); it keeps the
 * reservations table small and the held count close to the live one, so validate rarely needs to
 * read the reservations.
 */
export const couponReservationSweep: ScheduledJob = {
  name: 'coupon-reservation-sweep',
  everyMs: 60_000,
  run: (db, storeId, now) => reclaimExpiredReservations(db, storeId, now),
};
