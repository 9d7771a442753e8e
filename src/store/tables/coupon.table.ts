import type { Insertable, Selectable } from 'kysely';

export interface CouponTable {
  store_id: string;
  id: string;
  /** Upper case; unique per store. */
  code: string;
  /** 'percent' | 'amount' | 'free_shipping'. */
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
}

export type CouponRow = Selectable<CouponTable>;
export type NewCouponRow = Insertable<CouponTable>;
