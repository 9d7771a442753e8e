/**
 * Coupons: what a code is worth for a cart, decided in pure code. The services make codes and count
 * uses atomically (redeem-coupon.service.ts, coupon-reservation.service.ts); nothing here reads a
 * clock or a database.
 */
import { RFM_SEGMENTS } from '../../analytics/rfm.js';

export const COUPON_KINDS = ['percent', 'amount', 'free_shipping', 'free_product'] as const;
export type CouponKind = (typeof COUPON_KINDS)[number];

/**
 * The cart lines a discount applies to: lines whose SKU is in `skus` or whose category is in
 * `categories` (either list may be empty, not both). A coupon without a scope applies to the whole cart.
 */
export interface CouponScope {
  readonly skus: readonly string[];
  readonly categories: readonly string[];
}

/** A coupon's terms, as created. The fields after `validUntil` are optional so older callers keep compiling. */
export interface CouponInput {
  /** Upper case; matched case-insensitively (normalizeCouponCode), because shoppers type codes. */
  readonly code: string;
  readonly kind: CouponKind;
  /** percent: whole percent 1..100; amount: minor units of `currency`; free_shipping and free_product: 0. */
  readonly value: number;
  /** The cart subtotal (minor units of `currency`) below which the code does not apply; 0 for none. */
  readonly minSubtotalMinor: number;
  /** ISO 4217; null only when no amount depends on it (a percent, free-shipping or free-product code without minimum). */
  readonly currency: string | null;
  /** Redemptions allowed in total; null for unlimited. */
  readonly usageLimit: number | null;
  /** Redemptions allowed per customer; null for unlimited. */
  readonly perCustomerLimit: number | null;
  /** UTC instants; the code is valid from validFrom (inclusive) until validUntil (exclusive). */
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** The lines the discount applies to; null (the default) for the whole cart. free_product needs one. */
  readonly scope?: CouponScope | null;
  /** Only this customer (the store's external customer id, as redeem's customerId) may use it; null (default) for anyone. */
  readonly customerId?: string | null;
  /** Tier names the customer must be in (any of them); empty (default) for no tier condition. */
  readonly eligibleTiers?: readonly string[];
  /** RFM segment names (RFM_SEGMENTS) the customer must be in (any of them); empty (default) for none. */
  readonly eligibleSegments?: readonly string[];
  /** Whether it may be used together with other coupons on one cart; false (the default) for alone only. */
  readonly combinable?: boolean;
}

/** Every term with its default filled in: what a stored coupon carries. */
export type CouponTerms = Required<CouponInput>;

/** A stored coupon: its terms and how often it was redeemed. */
export interface Coupon extends CouponTerms {
  readonly id: string;
  readonly storeId: string;
  /** Redemptions so far (a redemption released on cancel gives its use back). */
  readonly uses: number;
  /**
   * Reservations counted against the usage limit: held for a cart, or expired but not yet
   * reclaimed (the next reservation or redemption that needs the room reclaims them first).
   */
  readonly held: number;
  readonly createdAt: string;
}

/** The defaults of the optional terms, so a coupon created before they existed reads the same. */
export function couponTerms(input: CouponInput): CouponTerms {
  return {
    ...input,
    scope: input.scope ?? null,
    customerId: input.customerId ?? null,
    eligibleTiers: input.eligibleTiers ?? [],
    eligibleSegments: input.eligibleSegments ?? [],
    combinable: input.combinable ?? false,
  };
}

/** One line of a cart, as the checkout sends it. */
export interface CartLine {
  readonly sku: string | null;
  readonly category: string | null;
  readonly quantity: number;
  /** Price of one unit in minor units. */
  readonly unitPriceMinor: number;
  /** The line's total after the shop's own line discounts; quantity x unitPriceMinor when left out. */
  readonly totalMinor?: number;
}

export interface Cart {
  readonly subtotalMinor: number;
  readonly currency: string;
  /** The lines; needed only by a scoped or free-product coupon (without them nothing matches its scope). */
  readonly lines?: readonly CartLine[];
  /** The store's external customer id; null or absent for a guest. */
  readonly customerId?: string | null;
  /** How many times this customer has already redeemed (or holds a reservation of) the coupon; 0 when unknown or a guest. */
  readonly customerRedemptions?: number;
}

/** What is known about the customer for eligibility: their tier and RFM segment, null when none. */
export interface CustomerFacts {
  readonly tier: string | null;
  readonly segment: string | null;
}

/** Facts about the coupon's use at this moment, beyond the coupon row itself. */
export interface CouponUsage {
  /**
   * Reservations of other carts that still count (unexpired); defaults to coupon.held, which may
   * include expired ones not yet reclaimed (so the check errs towards refusing).
   */
  readonly liveHolds?: number;
  /** This cart holds a reservation of the coupon: its use is already set aside, so the limit cannot refuse it. */
  readonly cartHoldsReservation?: boolean;
  /** This customer's redemptions plus reservations held on other carts (wins over cart.customerRedemptions). */
  readonly customerUses?: number;
  /** The customer's tier and segment; needed only when the coupon names tiers or segments. */
  readonly customer?: CustomerFacts | null;
}

/** Why a code does not apply: each is an error code in docs/errors.md (the reason redeem would give). */
export type CouponRejection =
  | 'COUPON_NOT_YET_VALID'
  | 'COUPON_EXPIRED'
  | 'COUPON_CURRENCY_MISMATCH'
  | 'COUPON_NOT_ELIGIBLE'
  | 'COUPON_LIMIT_REACHED'
  | 'COUPON_CUSTOMER_LIMIT_REACHED'
  | 'COUPON_BELOW_MINIMUM'
  | 'COUPON_NO_MATCHING_ITEMS';

export type CouponEvaluation =
  | { readonly applies: true; readonly discountMinor: number; readonly freeShipping: boolean }
  | { readonly applies: false; readonly reason: CouponRejection };

/** Codes are compared in upper case without surrounding blanks: "summer10 " is SUMMER10. */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Whether `now` (a UTC instant) falls outside the coupon's validity window, and on which side. */
export function couponWindowRejection(
  coupon: Pick<Coupon, 'validFrom' | 'validUntil'>,
  now: string,
): 'COUPON_NOT_YET_VALID' | 'COUPON_EXPIRED' | null {
  // Compared as instants, not text, so an offset other than Z in either value cannot mislead.
  const at = Date.parse(now);
  if (coupon.validFrom !== null && at < Date.parse(coupon.validFrom)) return 'COUPON_NOT_YET_VALID';
  if (coupon.validUntil !== null && at >= Date.parse(coupon.validUntil)) return 'COUPON_EXPIRED';
  return null;
}

/** Whether a coupon needs to know the customer's tier or segment (so the caller reads them only then). */
export function needsCustomerFacts(coupon: Pick<CouponTerms, 'eligibleTiers' | 'eligibleSegments'>): boolean {
  return coupon.eligibleTiers.length > 0 || coupon.eligibleSegments.length > 0;
}

/**
 * Whether this customer may use the coupon at all: the one customer it is bound to, and a tier and
 * a segment among those listed (each list that is not empty must match; a guest matches none).
 */
export function isEligible(
  coupon: Pick<CouponTerms, 'customerId' | 'eligibleTiers' | 'eligibleSegments'>,
  customerId: string | null,
  facts: CustomerFacts | null,
): boolean {
  if (coupon.customerId !== null && coupon.customerId !== customerId) return false;
  if (coupon.eligibleTiers.length > 0 && !(facts?.tier != null && coupon.eligibleTiers.includes(facts.tier)))
    return false;
  if (
    coupon.eligibleSegments.length > 0 &&
    !(facts?.segment != null && coupon.eligibleSegments.includes(facts.segment))
  )
    return false;
  return true;
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

function lineTotal(line: CartLine): number {
  return line.totalMinor ?? line.quantity * line.unitPriceMinor;
}

/** Whether a cart line falls in the scope (by SKU or by category). */
export function lineInScope(scope: CouponScope, line: CartLine): boolean {
  return (
    (line.sku !== null && scope.skus.includes(line.sku)) ||
    (line.category !== null && scope.categories.includes(line.category))
  );
}

/**
 * Why the coupon cannot be used now, or null. Checks run in a fixed order (window, currency,
 * eligibility, limits, minimum, scope) so the reason is stable. Without a cart (a redemption that
 * sends none) the cart's checks are skipped: currency, minimum and scope are validate's to check.
 * Eligibility by tier or segment needs usage.customer: without it such a coupon is not eligible.
 */
export function couponUseRejection(
  coupon: Coupon,
  cart: Cart | null,
  customerId: string | null,
  now: string,
  usage: CouponUsage = {},
): CouponRejection | null {
  const window = couponWindowRejection(coupon, now);
  if (window) return window;
  if (cart !== null && coupon.currency !== null && coupon.currency !== cart.currency) return 'COUPON_CURRENCY_MISMATCH';
  if (!isEligible(coupon, customerId, usage.customer ?? null)) return 'COUPON_NOT_ELIGIBLE';
  if (
    !usage.cartHoldsReservation &&
    coupon.usageLimit !== null &&
    coupon.uses + (usage.liveHolds ?? coupon.held) >= coupon.usageLimit
  )
    return 'COUPON_LIMIT_REACHED';
  if (
    coupon.perCustomerLimit !== null &&
    (usage.customerUses ?? cart?.customerRedemptions ?? 0) >= coupon.perCustomerLimit
  )
    return 'COUPON_CUSTOMER_LIMIT_REACHED';
  if (cart === null) return null;
  if (cart.subtotalMinor < coupon.minSubtotalMinor) return 'COUPON_BELOW_MINIMUM';
  const discount = cartDiscount(coupon, cart);
  return discount.applies ? null : discount.reason;
}

/**
 * Whether the usage limit could refuse a use that holds no reservation because of the held count
 * alone, which may include expired reservations not yet reclaimed: only then are the live
 * reservations worth reading (validate) or the expired ones worth reclaiming (reserve, redeem).
 */
export function heldCountMayRefuse(coupon: Pick<Coupon, 'usageLimit' | 'uses' | 'held'>): boolean {
  return coupon.usageLimit !== null && coupon.held > 0 && coupon.uses + coupon.held >= coupon.usageLimit;
}

/**
 * What the coupon is worth for this cart at `now` (couponUseRejection's checks, then the discount).
 * The limit checks here are advisory (a checkout preview): only the store layer counts uses atomically.
 *
 * The discount: percent and amount off the subtotal, or with a scope off the matching lines' total
 * (never more than it); free_product takes one unit of the cheapest matching line off (the usual
 * "the free item is the cheapest eligible one"), never more than that line's total; free_shipping
 * discounts nothing and sets freeShipping. A scoped coupon with no matching line does not apply.
 */
export function evaluateCoupon(coupon: Coupon, cart: Cart, now: string, usage: CouponUsage = {}): CouponEvaluation {
  const reason = couponUseRejection(coupon, cart, cart.customerId ?? null, now, usage);
  if (reason) return { applies: false, reason };
  return cartDiscount(coupon, cart);
}

/**
 * Whether a coupon may join the coupons already used on the same cart or order: alone always; with
 * others only when it and each of them are combinable.
 */
export function combinationRejection(combinable: boolean, others: readonly boolean[]): 'COUPON_NOT_COMBINABLE' | null {
  return others.length > 0 && !(combinable && others.every(Boolean)) ? 'COUPON_NOT_COMBINABLE' : null;
}

/** The discount of a coupon whose conditions hold, from the cart's lines (see evaluateCoupon). */
export function cartDiscount(
  coupon: Pick<CouponTerms, 'kind' | 'value' | 'scope'>,
  cart: Pick<Cart, 'subtotalMinor' | 'lines'>,
): CouponEvaluation {
  const scope = coupon.scope;
  const matching =
    scope === null ? null : (cart.lines ?? []).filter((line) => line.quantity > 0 && lineInScope(scope, line));
  if (matching !== null && matching.length === 0) return { applies: false, reason: 'COUPON_NO_MATCHING_ITEMS' };
  const base =
    matching === null
      ? cart.subtotalMinor
      : Math.min(
          cart.subtotalMinor,
          matching.reduce((sum, line) => sum + lineTotal(line), 0),
        );
  switch (coupon.kind) {
    case 'percent':
      return { applies: true, discountMinor: Math.min(percentDiscount(base, coupon.value), base), freeShipping: false };
    case 'amount':
      return { applies: true, discountMinor: Math.min(coupon.value, base), freeShipping: false };
    case 'free_shipping':
      return { applies: true, discountMinor: 0, freeShipping: true };
    case 'free_product': {
      // couponInputProblem makes a free-product coupon carry a scope, so `matching` is a list here.
      const lines = matching ?? [];
      const unit = Math.min(...lines.map((line) => Math.min(line.unitPriceMinor, lineTotal(line))));
      return { applies: true, discountMinor: Math.max(0, Math.min(unit, base)), freeShipping: false };
    }
  }
}

/** One code of a set validated together, as evaluated alone. */
export interface CombinationCandidate {
  readonly code: string;
  readonly combinable: boolean;
  readonly evaluation: CouponEvaluation;
}

export type CombinedEvaluation =
  | { readonly code: string; readonly applies: true; readonly discountMinor: number; readonly freeShipping: boolean }
  | {
      readonly code: string;
      readonly applies: false;
      readonly reason: CouponRejection | 'COUPON_NOT_FOUND' | 'COUPON_NOT_COMBINABLE';
    };

/**
 * Several codes on one cart. In the order given, a code that applies alone is accepted when it is
 * the first accepted, or when it and every code accepted before it are combinable; otherwise it is
 * refused with COUPON_NOT_COMBINABLE (the checkout drops it, or asks which to keep). Each discount
 * is the code's own on the undiscounted cart; their sum is capped at the subtotal by trimming the
 * later codes, so a cart never goes below zero.
 */
export function combineCoupons(
  candidates: readonly (
    | CombinationCandidate
    | { readonly code: string; readonly evaluation: { readonly applies: false; readonly reason: 'COUPON_NOT_FOUND' } }
  )[],
  subtotalMinor: number,
): { readonly results: readonly CombinedEvaluation[]; readonly discountMinor: number; readonly freeShipping: boolean } {
  const results: CombinedEvaluation[] = [];
  let accepted = 0;
  let allCombinable = true;
  let left = subtotalMinor;
  let freeShipping = false;
  for (const candidate of candidates) {
    const evaluation = candidate.evaluation;
    if (!evaluation.applies) {
      results.push({ code: candidate.code, applies: false, reason: evaluation.reason });
      continue;
    }
    const combinable = 'combinable' in candidate && candidate.combinable;
    if (accepted > 0 && !(allCombinable && combinable)) {
      results.push({ code: candidate.code, applies: false, reason: 'COUPON_NOT_COMBINABLE' });
      continue;
    }
    accepted += 1;
    allCombinable &&= combinable;
    const discountMinor = Math.min(evaluation.discountMinor, left);
    left -= discountMinor;
    freeShipping ||= evaluation.freeShipping;
    results.push({ code: candidate.code, applies: true, discountMinor, freeShipping: evaluation.freeShipping });
  }
  return { results, discountMinor: subtotalMinor - left, freeShipping };
}

const MAX_SCOPE_ENTRIES = 1_000;
const MAX_ELIGIBILITY_ENTRIES = 100;

function listProblem(field: string, list: unknown, max: number): { field: string; message: string } | null {
  if (
    !Array.isArray(list) ||
    list.length > max ||
    !list.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200)
  ) {
    return { field, message: `${field} must be a list of up to ${max} non-empty names (200 characters at most)` };
  }
  return null;
}

/** Why the terms of a new coupon are not valid, or null; the store layer turns this into INVALID_ARGUMENT. */
export function couponInputProblem(input: CouponInput): { field: string; message: string } | null {
  if (!/^[A-Z0-9][A-Z0-9_-]{2,63}$/.test(input.code)) {
    return {
      field: 'code',
      message: `a coupon code is 3 to 64 characters of A-Z, 0-9, - and _ (upper case), not ${JSON.stringify(input.code)}`,
    };
  }
  if (!(COUPON_KINDS as readonly string[]).includes(input.kind))
    return { field: 'kind', message: `kind must be one of ${COUPON_KINDS.join(', ')}, not ${input.kind}` };
  const value = input.value;
  if (input.kind === 'percent' && !(Number.isSafeInteger(value) && value >= 1 && value <= 100)) {
    return { field: 'value', message: `a percent coupon's value is a whole percent from 1 to 100, not ${value}` };
  }
  if (input.kind === 'amount' && !(Number.isSafeInteger(value) && value >= 1)) {
    return {
      field: 'value',
      message: `an amount coupon's value is a positive whole number of minor units, not ${value}`,
    };
  }
  if (input.kind === 'free_shipping' && value !== 0)
    return { field: 'value', message: `a free-shipping coupon has no value (0), not ${value}` };
  if (input.kind === 'free_product' && value !== 0)
    return {
      field: 'value',
      message: `a free-product coupon has no value (0; the product's price is the discount), not ${value}`,
    };
  if (!(Number.isSafeInteger(input.minSubtotalMinor) && input.minSubtotalMinor >= 0)) {
    return {
      field: 'minSubtotalMinor',
      message: `minSubtotalMinor must be a whole number of minor units, not ${input.minSubtotalMinor}`,
    };
  }
  if (input.currency !== null && !/^[A-Z]{3}$/.test(input.currency))
    return { field: 'currency', message: `currency must be an ISO 4217 code such as EUR, not ${input.currency}` };
  if (input.currency === null && (input.kind === 'amount' || input.minSubtotalMinor > 0)) {
    return { field: 'currency', message: 'an amount off or a minimum subtotal needs its currency' };
  }
  for (const field of ['usageLimit', 'perCustomerLimit'] as const) {
    const limit = input[field];
    if (limit !== null && !(Number.isSafeInteger(limit) && limit >= 1))
      return { field, message: `${field} must be a positive whole number or none, not ${limit}` };
  }
  if (
    input.validFrom !== null &&
    input.validUntil !== null &&
    Date.parse(input.validFrom) >= Date.parse(input.validUntil)
  ) {
    return {
      field: 'validUntil',
      message: `validUntil (${input.validUntil}) must be after validFrom (${input.validFrom})`,
    };
  }
  const terms = couponTerms(input);
  if (terms.scope !== null) {
    const problem =
      listProblem('scope.skus', terms.scope.skus, MAX_SCOPE_ENTRIES) ??
      listProblem('scope.categories', terms.scope.categories, MAX_SCOPE_ENTRIES);
    if (problem) return problem;
    if (terms.scope.skus.length === 0 && terms.scope.categories.length === 0) {
      return {
        field: 'scope',
        message: 'a scope names at least one SKU or category; leave it out (null) for the whole cart',
      };
    }
  }
  if (terms.kind === 'free_product' && terms.scope === null)
    return {
      field: 'scope',
      message: 'a free-product coupon needs a scope: the SKU (or category) of the free product',
    };
  if (
    terms.customerId !== null &&
    (typeof terms.customerId !== 'string' || terms.customerId.trim() === '' || terms.customerId.length > 255)
  ) {
    return { field: 'customerId', message: 'customerId is the customer’s external id: 1 to 255 characters, or none' };
  }
  const problem =
    listProblem('eligibleTiers', terms.eligibleTiers, MAX_ELIGIBILITY_ENTRIES) ??
    listProblem('eligibleSegments', terms.eligibleSegments, MAX_ELIGIBILITY_ENTRIES);
  if (problem) return problem;
  const unknown = terms.eligibleSegments.find((name) => !RFM_SEGMENTS.some((segment) => segment.name === name));
  if (unknown !== undefined) {
    return {
      field: 'eligibleSegments',
      message: `${unknown} is not an RFM segment; use one of ${RFM_SEGMENTS.map((s) => s.name).join(', ')}`,
    };
  }
  if (typeof terms.combinable !== 'boolean') return { field: 'combinable', message: 'combinable is true or false' };
  return null;
}
