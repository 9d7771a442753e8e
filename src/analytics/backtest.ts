/**
 * Backtest of a count model on a holdout period, as in Fader, Hardie & Lee (2005), section 4:
 * - by calibration frequency: mean actual vs mean predicted holdout repeat purchases of the
 *   customers with 0, 1, ..., 7+ repeat purchases in the calibration period (their fig. 4);
 * - tracking: cumulative repeat purchases week by week over calibration and holdout, actual vs the
 *   sum over customers of the new-customer expectation E[X(t)] since each one's first purchase
 *   (their fig. 3: the model is judged on the whole curve, not on the customers' own histories);
 * - per-customer mean absolute error and the totals.
 * Days are integer day numbers and weeks are days / 7, as in the summary.
 */
import type { CustomerOrders, OrderLog } from './order-log.js';
import type { BacktestFrequencyRow, TrackingPoint } from './report.types.js';

/** The last byFrequency row pools this many calibration repeat purchases and more. */
export const POOLED_FREQUENCY = 7;

/**
 * Per-day counts of a cohort of customers, indexed by day - firstDay: the customers whose first
 * purchase fell on that day and their repeat purchases (distinct purchase days after the first) on it.
 */
export interface PurchaseTimeline {
  readonly firstDay: number;
  readonly firstPurchases: Float64Array;
  readonly repeatPurchases: Float64Array;
}

/**
 * The timeline of the customers whose first purchase is on or before `lastFirstPurchaseDay`,
 * counting their repeat purchases up to `endDay` (inclusive). One pass over the orders; null when
 * no customer qualifies. Same-day purchases count once, as in the summary.
 */
export function purchaseTimeline(
  log: OrderLog,
  byCustomer: CustomerOrders,
  lastFirstPurchaseDay: number,
  endDay: number,
): PurchaseTimeline | null {
  const { start, order } = byCustomer;
  const day = log.orderDay;
  const nCustomers = start.length - 1;
  let firstDay = Number.POSITIVE_INFINITY;
  for (let c = 0; c < nCustomers; c++) {
    if (start[c + 1] === start[c]) continue;
    const f = day[order[start[c]]];
    if (f <= lastFirstPurchaseDay && f < firstDay) firstDay = f;
  }
  if (!Number.isFinite(firstDay) || endDay < firstDay) return null;
  const length = endDay - firstDay + 1;
  const firstPurchases = new Float64Array(length);
  const repeatPurchases = new Float64Array(length);
  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (hi === lo) continue;
    const f = day[order[lo]];
    if (f > lastFirstPurchaseDay) continue;
    firstPurchases[f - firstDay]++;
    let previous = f;
    for (let i = lo + 1; i < hi; i++) {
      const d = day[order[i]];
      if (d > endDay) break;
      if (d !== previous) {
        repeatPurchases[d - firstDay]++;
        previous = d;
      }
    }
  }
  return { firstDay, firstPurchases, repeatPurchases };
}

/**
 * Cumulative actual and expected repeat purchases at the end of every week of the timeline (and at
 * its last day when that ends a partial week). A customer who first bought on day f has, by the end
 * of day e, an expected E[X((e - f) / 7)] repeat purchases (the summary's convention: purchases on
 * the last day count, T = (end - first) / 7). E[X] depends only on e - f, so it is evaluated once
 * per day offset and the expected curve is a convolution of the first-purchase counts with it:
 * cost in days x weeks, not customers.
 */
export function trackingCurve(
  timeline: PurchaseTimeline,
  expectedPurchasesNew: (weeks: Float64Array) => Float64Array,
): TrackingPoint[] {
  const { firstPurchases, repeatPurchases } = timeline;
  const length = firstPurchases.length;
  const offsets = new Float64Array(length);
  for (let k = 0; k < length; k++) offsets[k] = k / 7;
  const expected = expectedPurchasesNew(offsets);
  // Days on which the cohort's first purchases happened: the inner sum runs over these only.
  const firstDays: number[] = [];
  for (let k = 0; k < length; k++) if (firstPurchases[k] > 0) firstDays.push(k);
  const points: TrackingPoint[] = [];
  let actual = 0;
  let counted = 0; // days already added to `actual`
  const pointAt = (e: number): void => {
    for (; counted <= e; counted++) actual += repeatPurchases[counted];
    let predicted = 0;
    for (const f of firstDays) {
      if (f > e) break;
      predicted += firstPurchases[f] * expected[e - f];
    }
    points.push({ week: (e + 1) / 7, actual, predicted });
  };
  for (let e = 6; e < length; e += 7) pointAt(e);
  if (length % 7 !== 0) pointAt(length - 1);
  return points;
}

/**
 * Mean actual and predicted holdout repeat purchases by calibration frequency 0, 1, ...,
 * POOLED_FREQUENCY (pooling the rest); frequencies nobody has are left out.
 */
export function backtestByFrequency(
  frequency: Float64Array,
  actual: Float64Array,
  predicted: Float64Array,
): BacktestFrequencyRow[] {
  const buckets = POOLED_FREQUENCY + 1;
  const customers = new Float64Array(buckets);
  const sumActual = new Float64Array(buckets);
  const sumPredicted = new Float64Array(buckets);
  for (let i = 0; i < frequency.length; i++) {
    const b = Math.min(POOLED_FREQUENCY, frequency[i]);
    customers[b]++;
    sumActual[b] += actual[i];
    sumPredicted[b] += predicted[i];
  }
  const rows: BacktestFrequencyRow[] = [];
  for (let b = 0; b < buckets; b++) {
    if (customers[b] === 0) continue;
    rows.push({
      frequency: b,
      pooled: b === POOLED_FREQUENCY,
      customers: customers[b],
      actual: sumActual[b] / customers[b],
      predicted: sumPredicted[b] / customers[b],
    });
  }
  return rows;
}

export function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
