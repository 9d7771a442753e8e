/**
 * What reserving and redeeming a coupon share (coupon-reservation.service.ts, redeem-coupon.service.ts):
 * the options resolved before the coupon is locked, and the counts read under the lock.
 */
import type { Kysely } from 'kysely';
import type { Cart, CartLine, Coupon, CustomerFacts } from './coupon.js';
import { countCustomerUses, findCouponByCode } from './coupon.repository.js';
import { invalidField } from '../../platform/database/field-checks.js';
import type { Database } from '../../platform/database/database.table.js';
import { type CouponCustomerFactsDeps, couponCustomerFacts } from './coupon-customer-facts.service.js';

/** The cart a checkout may send with a reservation or redemption, so its rules are checked too. */
export interface CheckoutCart {
  readonly subtotalMinor: number;
  readonly currency: string;
  readonly lines?: readonly CartLine[];
}

/** Options of a use (reservation or redemption), resolved before the transaction. */
export interface CouponUseOptions {
  /** The cart, when the checkout sends it: currency, minimum and scope are then checked too. */
  readonly cart?: Omit<Cart, 'customerId' | 'customerRedemptions'> | null;
  /**
   * The customer's tier and segment, for a coupon that lists tiers or segments (couponCustomerFacts);
   * without them such a coupon is refused as COUPON_NOT_ELIGIBLE.
   */
  readonly customer?: CustomerFacts | null;
}

/**
 * The options of a use: the cart, and the customer's tier and segment when the coupon lists any.
 * The extra read of the coupon happens only here, outside the lock, because its terms never change
 * once created; the counters are read again under the lock.
 */
export async function couponUseOptions(
  db: Kysely<Database>,
  storeId: string,
  code: string,
  customerId: string | null,
  cart: CheckoutCart | null,
  now: string,
  deps: CouponCustomerFactsDeps,
): Promise<CouponUseOptions> {
  const coupon = await findCouponByCode(db, storeId, code);
  // An unknown code is reported under the lock, with every other refusal.
  const customer = coupon ? await couponCustomerFacts(db, storeId, coupon, customerId, now, deps) : null;
  return { cart, customer };
}

/**
 * What the per-customer limit counts, read under the coupon's lock: the customer's redemptions plus
 * their unexpired reservations on other carts. Nothing to read without a limit or a customer.
 */
export async function customerUsesOf(
  trx: Kysely<Database>,
  coupon: Coupon,
  customerId: string | null,
  cartId: string | null,
  now: string,
): Promise<number> {
  if (coupon.perCustomerLimit === null || customerId === null) return 0;
  return countCustomerUses(trx, coupon, customerId, cartId, now);
}

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 255)
    throw invalidField(field, `${field} must be a non-empty string of up to 255 characters`);
  return value;
}
