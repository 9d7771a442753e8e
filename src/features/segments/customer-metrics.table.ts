import type { Insertable, Selectable } from 'kysely';

/** A customer's metrics and predictions (docs/segments.md, "Metrics"); days are day numbers. */
export interface CustomerMetricsTable {
  store_id: string;
  customer_id: string;
  as_of_day: number;
  orders_count: number;
  purchase_days: number;
  total_spent_minor: number;
  currency: string | null;
  first_order_day: number;
  last_order_day: number;
  avg_interval_days: number | null;
  rfm_recency: number;
  rfm_frequency: number;
  rfm_monetary: number;
  rfm_segment: string;
  value_percentile: number;
  p_alive: number | null;
  p_alive_previous: number | null;
  p_alive_previous_day: number | null;
  expected_orders: number | null;
  predicted_clv_minor: number | null;
  expected_next_order_day: number | null;
  computed_at: string;
}

/** The latest metrics refresh of a store: its fitted model and population cut-offs. */
export interface CustomerMetricRunTable {
  store_id: string;
  as_of_day: number;
  customers: number;
  /** JSON StoreModel, or null (see note). */
  model: string | null;
  note: string | null;
  /** JSON PopulationCutoffs. */
  cutoffs: string;
  computed_at: string;
}

export type CustomerMetricsRow = Selectable<CustomerMetricsTable>;
export type NewCustomerMetricsRow = Insertable<CustomerMetricsTable>;
export type CustomerMetricRunRow = Selectable<CustomerMetricRunTable>;
