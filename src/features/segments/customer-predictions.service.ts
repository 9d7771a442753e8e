import type { Kysely } from 'kysely';
import { ymdFromDay } from '../../analytics/day.js';
import type { Database } from '../../platform/database/database.table.js';
import { customerByReference } from '../customers/index.js';
import { CLV_MONTHS } from './customer-metrics.js';
import { readCustomerMetricsRow, readMetricRun } from './customer-metrics.repository.js';
import { forecastCustomer, type HorizonForecast } from './customer-forecast.js';

export interface CustomerPredictions {
  readonly customerId: string;
  readonly externalId: string;
  /** YYYY-MM-DD the figures are as of (the customer's last metrics refresh), or null before any. */
  readonly asOfDay: string | null;
  readonly computedAt: string | null;
  /** The count model ('bgnbd') and spend model ('gamma-gamma') used, or null (then `note` says why). */
  readonly model: string | null;
  readonly spendModel: string | null;
  readonly note: string | null;
  readonly pAlive: number | null;
  /** Expected orders within 30, 90 and 365 days of asOfDay; empty without a model. */
  readonly expectedOrders: readonly HorizonForecast[];
  /** Predicted value over clvMonths, discounted, in minor units of `currency`. */
  readonly predictedClvMinor: number | null;
  readonly clvMonths: number;
  readonly currency: string | null;
  /** YYYY-MM-DD: the last purchase day plus the customer's average gap, for customers who bought twice or more. */
  readonly expectedNextOrderDay: string | null;
}

const NO_REFRESH =
  'no metrics refresh covers this customer yet: it runs with the segments job, or `regulars segments refresh`';

/**
 * What the store's last metrics refresh predicts for one customer (docs/segments.md "Metrics"),
 * with expected orders over a month, a quarter and a year from the model the refresh fitted and
 * kept. Nothing is refitted: a request costs two primary-key reads. CUSTOMER_NOT_FOUND for
 * another store's customer or none.
 */
export async function customerPredictions(
  db: Kysely<Database>,
  storeId: string,
  reference: string,
): Promise<CustomerPredictions> {
  const customer = await customerByReference(db, storeId, reference);
  const [row, run] = await Promise.all([readCustomerMetricsRow(db, storeId, customer.id), readMetricRun(db, storeId)]);
  const ids = { customerId: customer.id, externalId: customer.externalId, clvMonths: CLV_MONTHS };
  if (!row || !run)
    return {
      ...ids,
      asOfDay: null,
      computedAt: null,
      model: null,
      spendModel: null,
      note: run && !row ? 'no purchase by the last metrics refresh' : NO_REFRESH,
      pAlive: null,
      expectedOrders: [],
      predictedClvMinor: null,
      currency: null,
      expectedNextOrderDay: null,
    };
  const forecast = run.model
    ? forecastCustomer(run.model, {
        purchaseDays: row.purchase_days,
        firstDay: row.first_order_day,
        lastDay: row.last_order_day,
        asOfDay: row.as_of_day,
      })
    : null;
  return {
    ...ids,
    asOfDay: ymdFromDay(row.as_of_day),
    computedAt: row.computed_at,
    model: run.model?.countModel ?? null,
    spendModel: run.model?.spend ? 'gamma-gamma' : null,
    note: run.note,
    pAlive: row.p_alive,
    expectedOrders: forecast?.horizons ?? [],
    predictedClvMinor: row.predicted_clv_minor === null ? null : Number(row.predicted_clv_minor),
    currency: row.currency,
    expectedNextOrderDay: row.expected_next_order_day === null ? null : ymdFromDay(row.expected_next_order_day),
  };
}
