import type { Insertable, Selectable } from 'kysely';

/** A use of a coupon held for a cart until expires_at (counted in coupons.held until released, converted or reclaimed). */
export interface CouponReservationTable {
  store_id: string;
  coupon_id: string;
  /** The checkout's cart id: one reservation of a coupon per cart. */
  cart_id: string;
  /** 'rsv_...' */
  id: string;
  /** The store's external customer id, when the checkout gave one. */
  customer_id: string | null;
  reserved_at: string;
  /** UTC instant; the reservation stops counting at it. */
  expires_at: string;
}

export type CouponReservationRow = Selectable<CouponReservationTable>;
export type NewCouponReservationRow = Insertable<CouponReservationTable>;
