/**
 * Coupons (issue 5): what a code is worth for a cart, decided in pure code. The store layer makes
 * codes and counts uses atomically (coupon.repository.ts); nothing here reads a clock or a database.
 */

export const COUPON_KINDS = ['percent', 'amount', 'free_shipping'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/** A coupon's terms, as created. */
export interface CouponInput {
  /** Upper case; matched case-insensitively (normalizeCouponCode), because shoppers type codes. */
  readonly code: string;
  readonly kind: CouponKind;
  /** percent: whole percent 1..100; amount: minor units of `currency`; free_shipping: 0. */
  readonly value: number;
  /** The cart subtotal (minor units of `currency`) below which the code does not apply; 0 for none. */
  readonly minSubtotalMinor: number;
  /** ISO 4217; null only when no amount depends on it (a percent or free-shipping code without minimum). */
  readonly currency: string | null;
  /** Redemptions allowed in total; null for unlimited. */
  readonly usageLimit: number | null;
  /** Redemptions allowed per customer; null for unlimited. */
  readonly perCustomerLimit: number | null;
  /** UTC instants; the code is valid from validFrom (inclusive) until validUntil (exclusive). */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

/** A stored coupon: its terms and how often it was redeemed. */
export interface Coupon extends CouponInput {
  readonly id: string;
  readonly storeId: string;
  /** Redemptions so far. */
  readonly uses: number;
  readonly createdAt: string;
}

export interface Cart {
  readonly subtotalMinor: number;
  readonly currency: string;
  /** How many times this customer has already redeemed the coupon (0 when unknown or a guest). */
  readonly customerRedemptions?: number;
}

/** Why a code does not apply: each is an error code in docs/errors.md (the reason redeem would give). */
export type CouponRejection =
  | 'COUPON_NOT_YET_VALID'
  | 'COUPON_EXPIRED'
  | 'COUPON_CURRENCY_MISMATCH'
  | 'COUPON_LIMIT_REACHED'
  | 'COUPON_CUSTOMER_LIMIT_REACHED'
  | 'COUPON_BELOW_MINIMUM';

export type CouponEvaluation =
  | { readonly applies: true; readonly discountMinor: number; readonly freeShipping: boolean }
  | { readonly applies: false; readonly reason: CouponRejection };

/** Codes are compared in upper case without surrounding blanks: "summer10 " is SUMMER10. */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Whether `now` (a UTC instant) falls outside the coupon's validity window, and on which side. */
export function couponWindowRejection(coupon: Pick<Coupon, 'validFrom' | 'validUntil'>, now: string): 'COUPON_NOT_YET_VALID' | 'COUPON_EXPIRED' | null {
  // Compared as instants, not text, so an offset other than Z in either value cannot mislead.
  const at = Date.parse(now);
  if (coupon.validFrom !== null && at < Date.parse(coupon.validFrom)) return 'COUPON_NOT_YET_VALID';
  if (coupon.validUntil !== null && at >= Date.parse(coupon.validUntil)) return 'COUPON_EXPIRED';
  return null;
}

/**
 * Percent off, rounded up to the next minor unit: in the customer's favour, so the discount shown is
 * never less than the percentage a shopper works out (15% of 9.99 is 1.4985: they get 1.50). The cost
 * is under one minor unit per order. Integer arithmetic (BigInt) keeps it exact for any safe subtotal.
 */
export function percentDiscount(subtotalMinor: number, percent: number): number {
  const product = BigInt(subtotalMinor) * BigInt(percent);
  return Number((product + 99n) / 100n);
}

/**
 * What the coupon is worth for this cart at `now`. Checks run in a fixed order (window, currency,
 * limits, minimum) so the reason is stable. The discount never exceeds the subtotal; free shipping
 * discounts nothing from the subtotal and sets freeShipping. The limit checks here are advisory
 * (a checkout preview): only redeemCoupon counts uses atomically.
 */
export function evaluateCoupon(coupon: Coupon, cart: Cart, now: string): CouponEvaluation {
  const window = couponWindowRejection(coupon, now);
  if (window) return { applies: false, reason: window };
  if (coupon.currency !== null && coupon.currency !== cart.currency) return { applies: false, reason: 'COUPON_CURRENCY_MISMATCH' };
  if (coupon.usageLimit !== null && coupon.uses >= coupon.usageLimit) return { applies: false, reason: 'COUPON_LIMIT_REACHED' };
  if (coupon.perCustomerLimit !== null && (cart.customerRedemptions ?? 0) >= coupon.perCustomerLimit) {
    return { applies: false, reason: 'COUPON_CUSTOMER_LIMIT_REACHED' };
  }
  if (cart.subtotalMinor < coupon.minSubtotalMinor) return { applies: false, reason: 'COUPON_BELOW_MINIMUM' };
  switch (coupon.kind) {
    case 'percent':
      return { applies: true, discountMinor: Math.min(percentDiscount(cart.subtotalMinor, coupon.value), cart.subtotalMinor), freeShipping: false };
    case 'amount':
      return { applies: true, discountMinor: Math.min(coupon.value, cart.subtotalMinor), freeShipping: false };
    case 'free_shipping':
      return { applies: true, discountMinor: 0, freeShipping: true };
  }
}

/** Why the terms of a new coupon are not valid, or null; the store layer turns this into INVALID_ARGUMENT. */
export function couponInputProblem(input: CouponInput): { field: string; message: string } | null {
  if (!/^[A-Z0-9][A-Z0-9_-]{2,63}$/.test(input.code)) {
    return { field: 'code', message: `a coupon code is 3 to 64 characters of A-Z, 0-9, - and _ (upper case), not ${JSON.stringify(input.code)}` };
  }
  if (!(COUPON_KINDS as readonly string[]).includes(input.kind)) return { field: 'kind', message: `kind must be one of ${COUPON_KINDS.join(', ')}, not ${input.kind}` };
  const value = input.value;
  if (input.kind === 'percent' && !(Number.isSafeInteger(value) && value >= 1 && value <= 100)) {
    return { field: 'value', message: `a percent coupon's value is a whole percent from 1 to 100, not ${value}` };
  }
  if (input.kind === 'amount' && !(Number.isSafeInteger(value) && value >= 1)) {
    return { field: 'value', message: `an amount coupon's value is a positive whole number of minor units, not ${value}` };
  }
  if (input.kind === 'free_shipping' && value !== 0) return { field: 'value', message: `a free-shipping coupon has no value (0), not ${value}` };
  if (!(Number.isSafeInteger(input.minSubtotalMinor) && input.minSubtotalMinor >= 0)) {
    return { field: 'minSubtotalMinor', message: `minSubtotalMinor must be a whole number of minor units, not ${input.minSubtotalMinor}` };
  }
  if (input.currency !== null && !/^[A-Z]{3}$/.test(input.currency)) return { field: 'currency', message: `currency must be an ISO 4217 code such as EUR, not ${input.currency}` };
  if (input.currency === null && (input.kind === 'amount' || input.minSubtotalMinor > 0)) {
    return { field: 'currency', message: 'an amount off or a minimum subtotal needs its currency' };
  }
  for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
    const limit = input[field];
    if (limit !== null && !(Number.isSafeInteger(limit) && limit >= 1)) return { field, message: `${field} must be a positive whole number or none, not ${limit}` };
  }
  if (input.validFrom !== null && input.validUntil !== null && Date.parse(input.validFrom) >= Date.parse(input.validUntil)) {
    return { field: 'validUntil', message: `validUntil (${input.validUntil}) must be after validFrom (${input.validFrom})` };
  }
  return null;
}
