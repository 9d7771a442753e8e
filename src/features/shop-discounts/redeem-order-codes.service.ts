import type { Kysely } from 'kysely';
import { normalizeCouponCode, redeemCoupon } from '../coupons/index.js';
import { externalIdsOf } from '../customers/index.js';
import type { Order, OrderRewardHandler } from '../orders/index.js';
import type { Database } from '../../platform/database/database.table.js';
import { RegularsError } from '../../platform/errors.js';
import {
  hasOrderCodes,
  insertOrderCodes,
  markOrderCodeHandled,
  unhandledOrderCodes,
} from './shop-discount.repository.js';

/**
 * Records the discount codes an order used at the shop's checkout (from its webhook), before the
 * order itself is stored: a crash in between leaves codes of an order not stored yet, which nothing
 * reads, and the webhook's retry stores the order. Recorded once per order and code.
 */
export async function recordOrderDiscountCodes(
  db: Kysely<Database>,
  storeId: string,
  order: { readonly orderId: string; readonly codes: readonly string[]; readonly platform: string },
  receivedAt: string,
): Promise<void> {
  const codes = [...new Set(order.codes.map(normalizeCouponCode).filter((c) => c !== ''))];
  await insertOrderCodes(db, storeId, { ...order, codes }, receivedAt);
}

/** When the order was placed, as a UTC instant; `now` for a naive local time (no offset to place it by). */
function placedAt(order: Order, now: string): string {
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(order.orderedAt)) return now;
  const at = Date.parse(order.orderedAt);
  return Number.isNaN(at) || at > Date.parse(now) ? now : new Date(at).toISOString();
}

/**
 * The shop's checkout took the order's codes; each that is a Regulars coupon is redeemed for the
 * order (redeemCoupon: one use per coupon and order, however often the order comes back), at the
 * time the order was placed (a code that expired since was valid then). Each code's outcome is kept:
 * a code the shop accepted but Regulars' rules refuse is 'refused' with the reason (the status
 * lists it), never dropped. An order cancelled before it was handled counts no use.
 */
async function redeemOrderCodes(db: Kysely<Database>, storeId: string, order: Order, now: string): Promise<void> {
  const rows = await unhandledOrderCodes(db, storeId, order.externalId);
  if (rows.length === 0) return;
  if (order.status === 'cancelled' || order.cancelledAt !== null) {
    for (const row of rows) await markOrderCodeHandled(db, row, { outcome: 'cancelled', detail: null }, now);
    return;
  }
  // Coupons are bound to, and count per, the customer as the shop knows them (its customer id).
  const customerId = (await externalIdsOf(db, storeId, [order.customerId])).get(order.customerId) ?? order.customerId;
  const at = placedAt(order, now);
  for (const row of rows) {
    let outcome: { outcome: string; detail: string | null };
    try {
      const redeemed = await redeemCoupon(db, storeId, { code: row.code, orderId: order.externalId, customerId }, at);
      outcome = { outcome: redeemed.outcome, detail: redeemed.coupon.id };
    } catch (error) {
      if (!(error instanceof RegularsError)) throw error;
      outcome =
        error.code === 'COUPON_NOT_FOUND'
          ? { outcome: 'not_a_regulars_code', detail: null }
          : { outcome: 'refused', detail: `${error.code}: ${error.message}` };
    }
    await markOrderCodeHandled(db, row, outcome, now);
  }
}

/** The rewards sync's handler; skipped for stores that never received a code from a shop. */
export const redeemShopOrderCodes: OrderRewardHandler = Object.assign(redeemOrderCodes, { usedBy: hasOrderCodes });
