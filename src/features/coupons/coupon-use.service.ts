import type { Kysely } from 'kysely';
import type { CartLine } from './coupon.js';
import {
  type CouponUseOptions,
  type Redemption,
  type ReservationRequest,
  findCouponByCode,
  redeemCoupon,
  reserveCoupon,
} from './coupon.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { type CouponCustomerFactsDeps, couponCustomerFacts } from './coupon-customer-facts.service.js';

/** The cart a checkout may send with a reservation or redemption, so its rules are checked too. */
export interface CheckoutCart {
  readonly subtotalMinor: number;
  readonly currency: string;
  readonly lines?: readonly CartLine[];
}

/**
 * The options of a use: the cart, and the customer's tier and segment when the coupon lists any.
 * The extra read of the coupon happens only here, outside the lock, because its terms never change
 * once created; the counters are read again under the lock by the repository.
 */
async function useOptions(
  db: Kysely<Database>,
  storeId: string,
  code: string,
  customerId: string | null,
  cart: CheckoutCart | null,
  now: string,
  deps: CouponCustomerFactsDeps,
): Promise<CouponUseOptions> {
  const coupon = await findCouponByCode(db, storeId, code);
  // An unknown code is reported by the repository, under the same lock as every other refusal.
  const customer = coupon ? await couponCustomerFacts(db, storeId, coupon, customerId, now, deps) : null;
  return { cart, customer };
}

/** Reserves a use of a code for a cart (reserveCoupon), with the customer's eligibility facts resolved first. */
export async function reserveCouponForCart(
  db: Kysely<Database>,
  storeId: string,
  request: ReservationRequest & { readonly cart?: CheckoutCart | null },
  now: string,
  deps: CouponCustomerFactsDeps = {},
) {
  const options = await useOptions(db, storeId, request.code, request.customerId ?? null, request.cart ?? null, now, deps);
  return reserveCoupon(db, storeId, request, now, options);
}

/** Redeems a code for an order (redeemCoupon), converting the cart's reservation when given, with eligibility facts resolved first. */
export async function redeemCouponForOrder(
  db: Kysely<Database>,
  storeId: string,
  redemption: Redemption & { readonly cart?: CheckoutCart | null },
  now: string,
  deps: CouponCustomerFactsDeps = {},
) {
  const options = await useOptions(db, storeId, redemption.code, redemption.customerId, redemption.cart ?? null, now, deps);
  return redeemCoupon(db, storeId, redemption, now, options);
}
