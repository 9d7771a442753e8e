import type { Selectable } from 'kysely';

/**
 * The durable queue of coupons to create in the store's shop (docs/shopify.md "Discount codes in
 * Shopify"): one row per coupon and shop platform, so a coupon is created there once however often
 * the job runs or crashes. A row leaves the queue only as 'pushed'; a failure stays visible with
 * its error until a later attempt succeeds.
 */
export interface ShopDiscountPushTable {
  store_id: string;
  coupon_id: string;
  /** 'shopify' (WooCommerce next): which shop the coupon goes to. */
  platform: string;
  /** The coupon's code (upper case), as the shop's checkout will take it. */
  code: string;
  /** 'pending' (not tried yet) | 'pushed' | 'failed' (tried; retried at next_attempt_at unless that is null). */
  status: string;
  attempts: number;
  /** The last failure's code and message (`SHOP_DISCOUNT_REFUSED: ...`); null once pushed. */
  last_error: string | null;
  /** UTC instant of the next attempt; null when no attempt is due (pushed, or a failure that no retry can fix). */
  next_attempt_at: string | null;
  /** The shop's id of the discount (Shopify's gid://shopify/DiscountCodeNode/...); null until pushed. */
  remote_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The discount codes an order used at the shop's checkout, from its webhook (Shopify's
 * discount_codes[].code), and what redeeming each in Regulars did. One row per order and code: a
 * redelivered webhook or orders/updated finds the row and changes nothing.
 */
export interface ShopOrderDiscountCodeTable {
  store_id: string;
  /** The order's external id (the shop's order id, as text). */
  order_id: string;
  /** Upper case, as Regulars stores coupon codes. */
  code: string;
  platform: string;
  received_at: string;
  /**
   * null until the rewards sync handled the order; then 'redeemed', 'already_redeemed',
   * 'not_a_regulars_code' (the shop's own code), 'refused' (Regulars' rules refused it: `detail`
   * says why) or 'cancelled' (the order was cancelled before it was handled: nothing to count).
   */
  outcome: string | null;
  detail: string | null;
  handled_at: string | null;
}

export type ShopDiscountPushRow = Selectable<ShopDiscountPushTable>;
export type ShopOrderDiscountCodeRow = Selectable<ShopOrderDiscountCodeTable>;
