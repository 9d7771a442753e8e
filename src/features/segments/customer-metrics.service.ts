/**
 * refreshCustomerMetrics: the store's per-customer metrics and predictions (docs/segments.md,
 * "Metrics"), from one read of its purchases, one BG/NBD + Gamma-Gamma fit with the analytics'
 * own code, and batched upserts (a transaction per batch, so readers never wait long). The fitted
 * model and the population's cut-offs are kept, so refreshCustomerMetricsFor can bring one customer
 * up to date after an order without refitting.
 */
import type { Kysely } from 'kysely';
import { dayFromIso } from '../../analytics/day.js';
import {
  computeCustomerMetrics,
  type CustomerMetricColumns,
  fitStoreModel,
  NO_DAY,
  rfmSegmentName,
  type StoreModel,
} from './customer-metrics.js';
import { RegularsError } from '../../platform/errors.js';
import {
  deleteCustomerMetrics,
  deleteMetricsNotComputedAt,
  type PurchaseLog,
  readCustomerPurchaseLog,
  readMetricRun,
  readPurchaseLog,
  saveMetricRun,
  writeCustomerMetrics,
} from './customer-metrics.repository.js';
import type { NewCustomerMetricsRow } from './customer-metrics.table.js';
import type { Database } from '../../platform/database/database.table.js';
import { inTransaction } from '../../platform/database/transaction.js';

/** Rows per transaction of the write phase. */
const ROWS_PER_TRANSACTION = 5_000;

export interface AsOf {
  /** UTC instant (YYYY-MM-DDTHH:MM:SS.sssZ): events and consent count up to it. */
  readonly instant: string;
  /** Day number of the date as written: orders (store calendar days) count up to it. */
  readonly day: number;
}

/**
 * An as-of moment: an ISO 8601 timestamp with offset (its written date is the day, as in the
 * customer 360), or a date YYYY-MM-DD (the whole day: its last millisecond in UTC).
 */
export function parseAsOf(text: string, field = 'asOf'): AsOf {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const day = dayFromIso(trimmed);
    if (!Number.isNaN(day)) return { instant: `${trimmed}T23:59:59.999Z`, day };
  }
  const ms = Date.parse(trimmed);
  const day = dayFromIso(trimmed.slice(0, 10));
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) || Number.isNaN(ms) || Number.isNaN(day)) {
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `${field} ${text} is not a date (YYYY-MM-DD) or an ISO 8601 timestamp with an offset`,
      { field },
    );
  }
  return { instant: new Date(ms).toISOString(), day };
}

export interface MetricsRefreshResult {
  readonly asOf: string;
  /** Customers with a purchase by the as-of day (rows written). */
  readonly customers: number;
  /** Rows of customers without a purchase left, removed. */
  readonly removed: number;
  readonly model: StoreModel | null;
  /** Why predictions are empty (too little data for a fit), or null. */
  readonly note: string | null;
  readonly seconds: { readonly read: number; readonly fit: number; readonly write: number };
}

export interface MetricsRefreshOptions {
  /** Called as the work goes: phase, done, total. */
  readonly onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
}

/** See the module comment. `now` is the computed_at instant written on every row. */
export async function refreshCustomerMetrics(
  db: Kysely<Database>,
  storeId: string,
  asOf: string,
  now: string,
  options: MetricsRefreshOptions = {},
): Promise<MetricsRefreshResult> {
  const at = parseAsOf(asOf);
  const t0 = performance.now();
  const purchases = await readPurchaseLog(db, storeId, at.day, (done, total) =>
    options.onProgress?.('read', done, total),
  );
  const t1 = performance.now();
  const fitted = fitStoreModel(purchases.log, purchases.byCustomer, at.day);
  const { metrics, cutoffs } = computeCustomerMetrics(
    purchases.log,
    purchases.byCustomer,
    at.day,
    fitted.model,
    undefined,
    purchases.spentMinor,
  );
  const t2 = performance.now();
  const n = metrics.customer.length;
  for (let from = 0; from < n; from += ROWS_PER_TRANSACTION) {
    const to = Math.min(n, from + ROWS_PER_TRANSACTION);
    const rows: NewCustomerMetricsRow[] = [];
    for (let k = from; k < to; k++) rows.push(metricsRow(storeId, purchases, metrics, k, at.day, now));
    await inTransaction(db, (trx) => writeCustomerMetrics(trx, rows));
    options.onProgress?.('write', to, n);
  }
  const removed = await deleteMetricsNotComputedAt(db, storeId, now);
  await saveMetricRun(db, storeId, {
    asOfDay: at.day,
    customers: n,
    model: fitted.model,
    note: fitted.note,
    cutoffs,
    computedAt: now,
  });
  const t3 = performance.now();
  return {
    asOf: at.instant,
    customers: n,
    removed,
    model: fitted.model,
    note: fitted.note,
    seconds: { read: (t1 - t0) / 1000, fit: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
  };
}

/**
 * One customer's metrics brought up to date (after an order) with the store's last fitted model
 * and cut-offs: no refit, so the figures are those the next full refresh would give this customer
 * if the store's population had not moved. Does nothing before the store's first full refresh.
 * Returns whether a row was written.
 */
export async function refreshCustomerMetricsFor(
  db: Kysely<Database>,
  storeId: string,
  customerId: string,
  asOf: string,
  now: string,
): Promise<boolean> {
  const at = parseAsOf(asOf);
  const run = await readMetricRun(db, storeId);
  if (!run) return false;
  const purchases = await readCustomerPurchaseLog(db, storeId, customerId, at.day);
  if (purchases.log.orderCount === 0) {
    await deleteCustomerMetrics(db, storeId, customerId);
    return false;
  }
  const { metrics } = computeCustomerMetrics(
    purchases.log,
    purchases.byCustomer,
    at.day,
    run.model,
    run.cutoffs,
    purchases.spentMinor,
  );
  const row = metricsRow(storeId, purchases, metrics, 0, at.day, now);
  await inTransaction(db, (trx) => writeCustomerMetrics(trx, [row]));
  return true;
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

function metricsRow(
  storeId: string,
  purchases: PurchaseLog,
  m: CustomerMetricColumns,
  k: number,
  asOfDay: number,
  now: string,
): NewCustomerMetricsRow {
  const c = m.customer[k];
  return {
    store_id: storeId,
    customer_id: purchases.log.customerIds[c],
    as_of_day: asOfDay,
    orders_count: m.ordersCount[k],
    purchase_days: m.purchaseDays[k],
    total_spent_minor: m.totalSpent[k],
    currency: purchases.currency[c],
    first_order_day: m.firstDay[k],
    last_order_day: m.lastDay[k],
    avg_interval_days: orNull(m.avgIntervalDays[k]),
    rfm_recency: m.rfmRecency[k],
    rfm_frequency: m.rfmFrequency[k],
    rfm_monetary: m.rfmMonetary[k],
    rfm_segment: rfmSegmentName(m.rfmSegment[k]),
    value_percentile: m.valuePercentile[k],
    p_alive: m.pAlive ? orNull(m.pAlive[k]) : null,
    p_alive_previous: null,
    p_alive_previous_day: null,
    expected_orders: m.expectedOrders ? orNull(m.expectedOrders[k]) : null,
    predicted_clv_minor: m.clv && Number.isFinite(m.clv[k]) ? Math.round(m.clv[k] * 10 ** purchases.digits[c]) : null,
    expected_next_order_day: m.expectedNextOrderDay[k] === NO_DAY ? null : m.expectedNextOrderDay[k],
    computed_at: now,
  };
}
