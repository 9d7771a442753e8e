import type { Insertable, Selectable } from 'kysely';

export interface CouponRedemptionTable {
  store_id: string;
  coupon_id: string;
  /** The order's external id, as the checkout knows it. */
  order_id: string;
  /** The customer as the checkout knows them (an external id); counted for the per-customer limit. */
  customer_id: string;
  redeemed_at: string;
  /** When the order was cancelled and the use given back (once); null while the redemption counts. */
  released_at: string | null;
  /** The cart whose reservation this redemption converted, if any. */
  cart_id: string | null;
}

export type CouponRedemptionRow = Selectable<CouponRedemptionTable>;
export type NewCouponRedemptionRow = Insertable<CouponRedemptionTable>;
