import type { CustomerOrders, OrderLog } from './order-log.js';

export type TimeUnit = 'day' | 'week';

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive); customers first seen after it are left out. */
  readonly calibrationEndDay: number;
  /** Last day of the holdout period (inclusive), when a holdout is wanted. */
  readonly holdoutEndDay?: number;
  readonly timeUnit?: TimeUnit;
}

/**
 * The per-customer summary of the BTYD literature (Fader, Hardie & Lee 2005), one entry per
 * customer whose first purchase falls in the calibration period. Columnar, in customer order.
 */
export interface CustomerSummary {
  /** Index into OrderLog.customerIds. */
  readonly customer: Int32Array;
  /** x: repeat purchases (purchase days after the first) in the calibration period. */
  readonly frequency: Float64Array;
  /** t_x: time from the first to the last purchase in the calibration period. */
  readonly recency: Float64Array;
  /** T: time from the first purchase to the end of the calibration period. */
  readonly T: Float64Array;
  /** Mean value of the repeat purchases (0 when there are none). */
  readonly monetaryValue: Float64Array;
  readonly holdoutFrequency: Float64Array | null;
  readonly holdoutMonetaryValue: Float64Array | null;
  readonly timeUnit: TimeUnit;
}

/**
 * Builds the summary. Purchases on the same day are one purchase (their values add up), the
 * first purchase is not a repeat purchase, and weeks = days / 7 — the conventions of the BTYD
 * papers and of the published CDNOW summary.
 */
export function summarizeCustomers(
  log: OrderLog,
  byCustomer: CustomerOrders,
  options: SummaryOptions,
): CustomerSummary {
  const calEnd = options.calibrationEndDay;
  const holdEnd = options.holdoutEndDay;
  const hasHoldout = holdEnd !== undefined;
  const scale = options.timeUnit === 'week' ? 1 / 7 : 1;
  const nCustomers = log.customerIds.length;
  const { start, order } = byCustomer;
  const day = log.orderDay;
  const amount = log.orderAmount;

  let included = 0;
  for (let c = 0; c < nCustomers; c++) if (start[c + 1] > start[c] && day[order[start[c]]] <= calEnd) included++;

  const customer = new Int32Array(included);
  const frequency = new Float64Array(included);
  const recency = new Float64Array(included);
  const T = new Float64Array(included);
  const monetaryValue = new Float64Array(included);
  const holdoutFrequency = hasHoldout ? new Float64Array(included) : null;
  const holdoutMonetaryValue = hasHoldout ? new Float64Array(included) : null;

  let k = 0;
  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (hi === lo) continue;
    const first = day[order[lo]];
    if (first > calEnd) continue;
    let x = 0;
    let last = first;
    let repeatValue = 0;
    let hx = 0;
    let holdValue = 0;
    let i = lo;
    // Skip the first purchase day (all orders on it are the first purchase).
    while (i < hi && day[order[i]] === first) i++;
    while (i < hi) {
      const d = day[order[i]];
      let value = 0;
      while (i < hi && day[order[i]] === d) value += amount[order[i++]];
      if (d <= calEnd) {
        x++;
        last = d;
        repeatValue += value;
      } else if (hasHoldout && d <= holdEnd) {
        hx++;
        holdValue += value;
      } else break;
    }
    customer[k] = c;
    frequency[k] = x;
    recency[k] = (last - first) * scale;
    T[k] = (calEnd - first) * scale;
    monetaryValue[k] = x > 0 ? repeatValue / x : 0;
    if (holdoutFrequency && holdoutMonetaryValue) {
      holdoutFrequency[k] = hx;
      holdoutMonetaryValue[k] = hx > 0 ? holdValue / hx : 0;
    }
    k++;
  }
  return {
    customer,
    frequency,
    recency,
    T,
    monetaryValue,
    holdoutFrequency,
    holdoutMonetaryValue,
    timeUnit: options.timeUnit ?? 'day',
  };
}
