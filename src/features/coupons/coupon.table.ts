import type { Insertable, Selectable } from 'kysely';

export interface CouponTable {
  store_id: string;
  id: string;
  /** Upper case; unique per store. */
  code: string;
  /** 'percent' | 'amount' | 'free_shipping' | 'free_product'. */
  kind: string;
  /** percent: whole percent; amount: minor units; free_shipping: 0. */
  value: number;
  min_subtotal_minor: number;
  currency: string | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
  uses: number;
  /** UTC instants (ISO 8601); null for open-ended. */
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  /** JSON lists of text; both null when the coupon applies to the whole cart. */
  scope_skus: string | null;
  scope_categories: string | null;
  /** The store's external customer id the coupon is bound to; null for anyone. */
  customer_id: string | null;
  /** JSON lists of names; '[]' for no condition. */
  eligible_tiers: string;
  eligible_segments: string;
  /** 0 or 1. */
  combinable: number;
  /** Reservations counted against usage_limit. */
  held: number;
}

export type CouponRow = Selectable<CouponTable>;
export type NewCouponRow = Insertable<CouponTable>;
