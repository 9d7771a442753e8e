import type { Kysely } from 'kysely';
import { type Coupon, combinationRejection, couponUseRejection, heldCountMayRefuse } from './coupon.js';
import { couponNotFound, couponRefusal } from './coupon-errors.js';
import {
  addUse,
  deleteExpiredReservations,
  deleteReservation,
  findReservation,
  insertRedemption,
  isRedeemedForOrder,
  lockCoupon,
  otherCouponsOfOrder,
} from './coupon.repository.js';
import {
  type CheckoutCart,
  type CouponUseOptions,
  couponUseOptions,
  customerUsesOf,
  requireText,
} from './coupon-use.service.js';
import type { CouponCustomerFactsDeps } from './coupon-customer-facts.service.js';
import { invalidField, utcInstant } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';
import { emitWebhookEvent } from '../outgoing-webhooks/index.js';

export interface Redemption {
  readonly code: string;
  /** The order's external id: one redemption per coupon and order. */
  readonly orderId: string;
  /** The customer as the checkout knows them; counted for the per-customer limit. */
  readonly customerId: string;
  /** The cart whose reservation this redemption converts; without one (or when it has none) the coupon is redeemed directly. */
  readonly cartId?: string | null;
}

/**
 * Redeems the coupon for an order, in one transaction that holds the coupon's row lock (lockCoupon),
 * so its limits hold under any concurrency:
 *
 * 1. A redemption of the same order is 'already_redeemed' and counts nothing (also for a used-up
 *    or since-expired code): redeem is idempotent per order. The primary key (store, coupon, order)
 *    backs it, and the insert is ON CONFLICT DO NOTHING.
 * 2. With a cartId whose reservation is unexpired, the reservation is converted: its use was set
 *    aside, so the usage limit cannot refuse it. An expired one is no reservation (it is reclaimed).
 * 3. The rules are the domain's (couponUseRejection) over counts read under the lock: uses plus
 *    unexpired reservations for the usage limit, the customer's redemptions plus their reservations
 *    on other carts for the per-customer limit; and the other coupons of the order (combination).
 * 4. The use is counted: uses + 1 (and held - 1 for a converted reservation), in the same transaction
 *    as the redemption row; a refusal throws its code and leaves no trace.
 */
export async function redeemCoupon(
  db: Kysely<Database>,
  storeId: string,
  redemption: Redemption,
  now: string,
  options: CouponUseOptions = {},
): Promise<{ outcome: 'redeemed' | 'already_redeemed'; coupon: Coupon; convertedReservation: boolean }> {
  for (const field of ['code', 'orderId', 'customerId'] as const) {
    if (typeof redemption[field] !== 'string' || redemption[field].trim() === '')
      throw invalidField(field, `a redemption needs ${field} as a non-empty string`);
  }
  const cartId = redemption.cartId == null ? null : requireText(redemption.cartId, 'cartId');
  const redeemedAt = utcInstant(now, 'now');
  return inTransaction(db, async (trx) => {
    let coupon = await lockCoupon(trx, storeId, { code: redemption.code });
    if (!coupon) throw couponNotFound(storeId, redemption.code);
    if (await isRedeemedForOrder(trx, storeId, coupon.id, redemption.orderId))
      return { outcome: 'already_redeemed', coupon, convertedReservation: false };

    let holds = false;
    if (cartId !== null) {
      const reservation = await findReservation(trx, coupon, cartId);
      if (reservation && reservation.expires_at > redeemedAt) holds = true;
      else if (reservation) coupon = await deleteExpiredReservations(trx, coupon, redeemedAt);
    }
    if (!holds && heldCountMayRefuse(coupon)) coupon = await deleteExpiredReservations(trx, coupon, redeemedAt);
    const reason =
      couponUseRejection(
        coupon,
        options.cart ? { ...options.cart, customerId: redemption.customerId } : null,
        redemption.customerId,
        redeemedAt,
        {
          liveHolds: coupon.held - (holds ? 1 : 0),
          cartHoldsReservation: holds,
          customerUses: await customerUsesOf(trx, coupon, redemption.customerId, cartId, redeemedAt),
          customer: options.customer ?? null,
        },
      ) ?? combinationRejection(coupon.combinable, await otherCouponsOfOrder(trx, coupon, redemption.orderId));
    if (reason) throw couponRefusal(reason, coupon, redemption.customerId);

    const inserted = await insertRedemption(trx, {
      store_id: storeId,
      coupon_id: coupon.id,
      order_id: redemption.orderId,
      customer_id: redemption.customerId,
      redeemed_at: redeemedAt,
      released_at: null,
      cart_id: holds ? cartId : null,
    });
    // Unreachable while the lock serializes redemptions of the coupon; kept so a repeat can never count twice.
    if (!inserted) return { outcome: 'already_redeemed', coupon, convertedReservation: false };
    if (holds) await deleteReservation(trx, storeId, coupon.id, cartId!);
    await emitWebhookEvent(trx, storeId, {
      type: 'coupon.redeemed',
      at: redeemedAt,
      data: {
        couponId: coupon.id,
        code: coupon.code,
        orderId: redemption.orderId,
        customerId: redemption.customerId,
        redeemedAt,
      },
    });
    return { outcome: 'redeemed', coupon: await addUse(trx, storeId, coupon.id, holds), convertedReservation: holds };
  });
}

/** Redeems a code for an order (redeemCoupon), converting the cart's reservation when given, with eligibility facts resolved first. */
export async function redeemCouponForOrder(
  db: Kysely<Database>,
  storeId: string,
  redemption: Redemption & { readonly cart?: CheckoutCart | null },
  now: string,
  deps: CouponCustomerFactsDeps = {},
) {
  const options = await couponUseOptions(
    db,
    storeId,
    redemption.code,
    redemption.customerId,
    redemption.cart ?? null,
    now,
    deps,
  );
  return redeemCoupon(db, storeId, redemption, now, options);
}
