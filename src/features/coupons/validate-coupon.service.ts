import type { Kysely } from 'kysely';
import {
  type Cart,
  type CartLine,
  type Coupon,
  type CombinedEvaluation,
  type CouponEvaluation,
  combineCoupons,
  evaluateCoupon,
  heldCountMayRefuse,
  normalizeCouponCode,
} from './coupon.js';
import { countCustomerUses, findCouponByCode, liveReservations } from './coupon.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { type CouponCustomerFactsDeps, couponCustomerFacts } from './coupon-customer-facts.service.js';

export type CouponValidation =
  | (CouponEvaluation & { readonly coupon: Coupon })
  | { readonly applies: false; readonly reason: 'COUPON_NOT_FOUND'; readonly coupon: null };

export interface CartToValidate {
  readonly subtotalMinor: number;
  readonly currency: string;
  readonly customerId: string | null;
  readonly lines?: readonly CartLine[];
  /** The checkout's cart id: a reservation this cart holds is its own use, never refused by the limit. */
  readonly cartId?: string | null;
}

/**
 * What a code is worth for a cart, for a checkout preview: one indexed read of the coupon, and
 * only when the coupon needs them, the customer's uses (a per-customer limit), the live
 * reservations (when the held count alone would refuse) and the customer's tier or segment
 * (eligibility rules). Nothing is counted; reserve and redeem do that atomically, so a code that
 * validates may still be refused later if others used the last of it. An unknown code is an
 * expected outcome here (a typo at checkout), answered as a reason.
 */
export async function validateCoupon(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly code: string } & CartToValidate,
  now: string,
  deps: CouponCustomerFactsDeps = {},
): Promise<CouponValidation> {
  const coupon = await findCouponByCode(db, storeId, input.code);
  if (!coupon) return { applies: false, reason: 'COUPON_NOT_FOUND', coupon: null };
  return { ...(await evaluateFor(db, storeId, coupon, input, now, deps)), coupon };
}

async function evaluateFor(
  db: Kysely<Database>,
  storeId: string,
  coupon: Coupon,
  cart: CartToValidate,
  now: string,
  deps: CouponCustomerFactsDeps,
): Promise<CouponEvaluation> {
  const cartId = cart.cartId ?? null;
  const [customerUses, reservations, customer] = await Promise.all([
    cart.customerId !== null && coupon.perCustomerLimit !== null
      ? countCustomerUses(db, coupon, cart.customerId, cartId, now)
      : 0,
    heldCountMayRefuse(coupon) ? liveReservations(db, coupon, cartId, now) : null,
    couponCustomerFacts(db, storeId, coupon, cart.customerId, now, deps),
  ]);
  const domainCart: Cart = {
    subtotalMinor: cart.subtotalMinor,
    currency: cart.currency,
    lines: cart.lines,
    customerId: cart.customerId,
  };
  return evaluateCoupon(coupon, domainCart, now, {
    customerUses,
    customer,
    ...(reservations && { liveHolds: reservations.live, cartHoldsReservation: reservations.cartHolds }),
  });
}

export interface CouponSetValidation {
  /** Whether at least one code applies. */
  readonly applies: boolean;
  /** The sum of the accepted codes' discounts, never more than the subtotal. */
  readonly discountMinor: number;
  readonly freeShipping: boolean;
  /** One entry per distinct code, in the order given: its own discount, or why it is refused. */
  readonly coupons: readonly (CombinedEvaluation & { readonly coupon: Coupon | null })[];
}

/**
 * Several codes for one cart: each is validated as validateCoupon would, then the combination rules
 * decide which may be used together (combineCoupons). A code given twice (in any case) counts once.
 */
export async function validateCouponSet(
  db: Kysely<Database>,
  storeId: string,
  input: { readonly codes: readonly string[] } & CartToValidate,
  now: string,
  deps: CouponCustomerFactsDeps = {},
): Promise<CouponSetValidation> {
  const codes = [...new Set(input.codes.map(normalizeCouponCode))];
  const validations = await Promise.all(
    codes.map((code) => validateCoupon(db, storeId, { ...input, code }, now, deps)),
  );
  const combined = combineCoupons(
    validations.map((v, i) =>
      v.coupon === null
        ? { code: codes[i], evaluation: { applies: false as const, reason: 'COUPON_NOT_FOUND' as const } }
        : { code: v.coupon.code, combinable: v.coupon.combinable, evaluation: v },
    ),
    input.subtotalMinor,
  );
  return {
    applies: combined.results.some((r) => r.applies),
    discountMinor: combined.discountMinor,
    freeShipping: combined.freeShipping,
    coupons: combined.results.map((result, i) => ({ ...result, coupon: validations[i].coupon })),
  };
}
