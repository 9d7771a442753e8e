import type { Order } from '../orders/index.js';
import { reclaimExpiredReservations, releaseOrderRedemptions } from './coupon.repository.js';
import type { OrderRewardHandler, ScheduledJob } from '../orders/index.js';

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
