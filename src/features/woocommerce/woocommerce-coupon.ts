/**
 * A Regulars coupon as a WooCommerce coupon, in pure code: the body of
 * POST /wp-json/wc/v3/coupons per the REST API's documented coupon properties
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/#coupon-properties). Terms WooCommerce
 * cannot hold as Regulars counts them are refused by name rather than pushed looser.
 */
import type { Coupon } from '../coupons/index.js';
import { termShopsCannotHold } from '../shop-discounts/index.js';
import { decimalText } from '../../platform/currency-codes.js';

export type WooCouponPlan =
  { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly reason: string };

/**
 * The coupon's description in the shop's admin. It names the coupon's id, which is how a push retried
 * after a crash recognises the coupon it made before (the code search answers the description).
 */
export function wooCouponDescription(coupon: Pick<Coupon, 'id'>): string {
  return `Made by Regulars (${coupon.id}); edit it in Regulars, not here.`;
}

/** Whether a coupon found in the shop by the code is the one Regulars made for this coupon. */
export function isOwnWooCoupon(description: string, coupon: Pick<Coupon, 'id'>): boolean {
  return description.includes(`(${coupon.id})`);
}

/** An instant as WooCommerce's `*_gmt` date-time fields take it: ISO 8601 without a zone, in UTC. */
function gmtDateTime(instant: string): string {
  return new Date(instant).toISOString().slice(0, 19);
}

/**
 * The body that creates the coupon, or why it cannot be. `customerEmail` is the bound customer's
 * address (WooCommerce restricts a code by billing email, not by customer id); null when the coupon
 * is for anyone or the customer has none.
 *
 * WooCommerce coupons have no start date: a coupon Regulars makes to start later (a flow's gift,
 * valid from the moment its message goes out) exists in the shop a little earlier, under a code
 * nobody has seen yet.
 */
export function wooCouponFor(coupon: Coupon, customerEmail: string | null): WooCouponPlan {
  const common = termShopsCannotHold(coupon, 'WooCommerce');
  if (common !== null) return { ok: false, reason: common };
  if (coupon.customerId !== null && customerEmail === null)
    return {
      ok: false,
      reason: `the coupon is bound to customer ${JSON.stringify(coupon.customerId)}, who has no email address: WooCommerce restricts a code to a customer by billing email only`,
    };
  const amount =
    coupon.kind === 'percent'
      ? String(coupon.value)
      : coupon.kind === 'amount'
        ? decimalText(coupon.value, coupon.currency!)
        : '0';
  return {
    ok: true,
    body: {
      // WooCommerce keeps codes lower-cased (wc_format_coupon_code) and matches them without case,
      // as Regulars does; the shopper types whichever.
      code: coupon.code.toLowerCase(),
      description: wooCouponDescription(coupon),
      discount_type: coupon.kind === 'percent' ? 'percent' : 'fixed_cart',
      amount,
      free_shipping: coupon.kind === 'free_shipping',
      // Regulars' validUntil is exclusive; WooCommerce refuses a coupon once its expiry has passed.
      date_expires_gmt: coupon.validUntil === null ? null : gmtDateTime(coupon.validUntil),
      individual_use: !coupon.combinable,
      usage_limit: coupon.usageLimit,
      usage_limit_per_user: coupon.perCustomerLimit,
      minimum_amount: coupon.minSubtotalMinor > 0 ? decimalText(coupon.minSubtotalMinor, coupon.currency!) : '',
      // WooCommerce compares the billing email lower-cased (WC_Cart::is_coupon_emails_allowed).
      email_restrictions: customerEmail === null ? [] : [customerEmail.toLowerCase()],
    },
  };
}
