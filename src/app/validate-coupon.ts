import type { Kysely } from 'kysely';
import { type Cart, type Coupon, type CouponEvaluation, evaluateCoupon } from '../domain/coupons/coupon.js';
import { countCustomerRedemptions, findCouponByCode } from '../store/repositories/coupon.repository.js';
import type { Database } from '../store/tables/database.table.js';

export type CouponValidation =
  | (CouponEvaluation & { readonly coupon: Coupon })
  | { readonly applies: false; readonly reason: 'COUPON_NOT_FOUND'; readonly coupon: null };

/**
 * What a code is worth for a cart, for a checkout preview: reads the coupon and this customer's
 * redemptions, and lets the domain decide. Nothing is counted; redeemCoupon does that atomically,
 * so a code that validates may still be refused at redemption if others used the last of it.
 * An unknown code is an expected outcome here (a typo at checkout), answered as a reason.
 */
export async function validateCoupon(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly code: string; readonly subtotalMinor: number; readonly currency: string; readonly customerId: string | null },
  now: string,
): Promise<CouponValidation> {
  const coupon = await findCouponByCode(db, storeId, input.code);
  if (!coupon) return { applies: false, reason: 'COUPON_NOT_FOUND', coupon: null };
  const customerRedemptions =
    input.customerId !== null && coupon.perCustomerLimit !== null ? await countCustomerRedemptions(db, storeId, coupon.id, input.customerId) : 0;
  const cart: Cart = { subtotalMinor: input.subtotalMinor, currency: input.currency, customerRedemptions };
  return { ...evaluateCoupon(coupon, cart, now), coupon };
}
