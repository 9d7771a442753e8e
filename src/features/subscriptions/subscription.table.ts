import type { Selectable } from 'kysely';

export interface SubscriptionOfferTable {
  store_id: string;
  /** Lower case; the offer's identity. */
  code: string;
  sku: string;
  name: string;
  currency: string;
  base_monthly_minor: number;
  delivery_interval_months: number;
  /** JSON OfferTerm[], sorted by months. */
  terms: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionTable {
  store_id: string;
  /** 'sub_...' */
  id: string;
  /** 'cus_...' */
  customer_id: string;
  offer_code: string;
  sku: string;
  term_months: number;
  monthly_minor: number;
  currency: string;
  delivery_interval_months: number;
  /** 'active' | 'paused' | 'cancelled'. */
  status: string;
  /** Calendar dates YYYY-MM-DD. */
  started_on: string;
  commitment_ends_on: string;
  anchor_on: string;
  delivery_index: number;
  next_delivery_on: string | null;
  paused_until: string | null;
  cancelled_on: string | null;
  ends_on: string | null;
  cancel_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionChangeTable {
  store_id: string;
  subscription_id: string;
  seq: number;
  kind: string;
  reason: string | null;
  note: string | null;
  from_next_delivery: string | null;
  to_next_delivery: string | null;
  paused_until: string | null;
  /** UTC instant. */
  changed_at: string;
}

export type SubscriptionOfferRow = Selectable<SubscriptionOfferTable>;
export type SubscriptionRow = Selectable<SubscriptionTable>;
export type SubscriptionChangeRow = Selectable<SubscriptionChangeTable>;
