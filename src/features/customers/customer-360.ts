import type { ConsentRecord } from '../consent/index.js';
import type { CustomerEvent } from '../events/index.js';
import type { Customer } from './customer.js';
import type { Order } from '../orders/index.js';

/**
 * Everything known about one customer at one instant: what GET /v1/customers/{id} answers.
 * Built by src/features/customers/customer-360.query.ts; every part is as of `asOf` (later orders,
 * events and consent records are left out), so a view can be replayed for any past instant.
 */
export interface Customer360 {
  /** The instant the view describes, as a UTC instant. */
  readonly asOf: string;
  /** Its calendar day (YYYY-MM-DD) as the asOf text wrote it: the day orders are counted up to. */
  readonly asOfDay: string;
  readonly profile: Customer;
  /** The consent in effect per channel and purpose (the latest record of each), by channel then purpose. */
  readonly consent: readonly ConsentRecord[];
  readonly orders: Customer360Orders;
  /** The BTYD summary (domain/analytics/summary.ts) in days; null before the first purchase. */
  readonly summary: Customer360Summary | null;
  /** Scores against the store's whole customer base; null before the first purchase. */
  readonly rfm: Customer360Rfm | null;
  /** The latest orders of any status (cancelled and refunded ones included), newest first, without lines. */
  readonly recentOrders: readonly OrderHeader[];
  /** The latest events, newest first. */
  readonly recentEvents: readonly CustomerEvent[];
  /** The model's predictions from the store's latest metrics refresh; null before any covers the customer. */
  readonly predictions: Customer360Predictions | null;
  /** The loyalty balance at the instant (0 and 0 without a program or points). */
  readonly points: Customer360Points;
  /** The latest messages planned for the customer (any status), newest first. */
  readonly recentMessages: readonly Customer360Message[];
}

/**
 * What the store's latest customer-metrics refresh (docs/segments.md) predicted for the customer.
 * Not recomputed per request: it is as of `asOfDay`, the refresh's day, whatever the view's asOf.
 */
export interface Customer360Predictions {
  /** YYYY-MM-DD: the day the refresh measured up to. */
  readonly asOfDay: string;
  /** When the refresh ran (UTC instant). */
  readonly computedAt: string;
  /** The count model fitted ('bgnbd'), or null when the data could not support a fit (`note` says why). */
  readonly model: string | null;
  /** The spend model ('gamma-gamma'), or null when the customer's own average spend was used. */
  readonly spendModel: string | null;
  readonly note: string | null;
  /** P(alive) at asOfDay, 0-1. */
  readonly pAlive: number | null;
  /** Expected purchases in the next 13 weeks. */
  readonly expectedOrders: number | null;
  /** Predicted 12-month value, discounted, in minor units of `currency`. */
  readonly predictedClvMinor: number | null;
  readonly currency: string | null;
  /** YYYY-MM-DD: when the customer's next order is expected, or null. */
  readonly expectedNextOrderDay: string | null;
}

/** Points as GET /v1/customers/{id}/points counts them (docs/loyalty.md). */
export interface Customer360Points {
  readonly available: number;
  readonly pending: number;
}

/** A message of the outbox, without its template data (docs/delivery.md "Outbox states"). */
export interface Customer360Message {
  readonly id: string;
  readonly flow: string;
  readonly channel: string;
  readonly purpose: string;
  readonly template: string;
  /** planned, postponed, sending, sent, skipped, failed or held_out. */
  readonly status: string;
  /** Why it was postponed, skipped, failed or held out. */
  readonly reason: string | null;
  readonly sendAt: string;
  readonly sentAt: string | null;
  readonly createdAt: string;
}

/** An order without its lines, which would make the view heavy for customers with many. */
export type OrderHeader = Omit<Order, 'lines'>;

/**
 * The customer's purchases: orders that are neither cancelled nor fully refunded (the rule the
 * ingest parsers apply, so the figures agree with the analytics), net of partial refunds.
 */
export interface Customer360Orders {
  readonly count: number;
  /** Net spend in minor units of `currency`; null when there is no purchase or several currencies. */
  readonly totalSpentMinor: number | null;
  /** The currency of every purchase, or null when none or several (see byCurrency). */
  readonly currency: string | null;
  /** totalSpentMinor / count rounded to a minor unit; null like totalSpentMinor. */
  readonly averageOrderValueMinor: number | null;
  /** One entry per currency bought in, by currency code: the figures above for each. */
  readonly byCurrency: readonly CurrencyTotals[];
  /** ordered_at of the first and the last purchase, exactly as the source wrote it. */
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
}

export interface CurrencyTotals {
  readonly currency: string;
  readonly count: number;
  readonly totalSpentMinor: number;
  readonly averageOrderValueMinor: number;
}

/** (x, t_x, T) of the BTYD literature, in days, from the distinct days with a purchase. */
export interface Customer360Summary {
  /** x: repeat purchase days (days with a purchase after the first). */
  readonly frequency: number;
  /** t_x: days from the first to the last purchase day. */
  readonly recency: number;
  /** T: days from the first purchase day to the as-of day. */
  readonly T: number;
  /** YYYY-MM-DD of the first and last purchase days (the store's calendar). */
  readonly firstPurchaseDay: string;
  readonly lastPurchaseDay: string;
}

/** RFM scores 1-5 as domain/analytics/rfm.ts defines them, and the segment they name. */
export interface Customer360Rfm {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  /** One of RFM_SEGMENTS' names: 'Champions', 'Loyal', ... 'Lost'. */
  readonly segment: string;
  /** Days since the last purchase day. */
  readonly recencyDays: number;
  /** Customers of the store with a purchase by the as-of day: the base the scores rank against. */
  readonly customers: number;
}
