/**
 * Per-customer predictions from the store's own repeat curve, for a store with too few customers
 * to fit the models (MIN_MODEL_CUSTOMERS): what the store's history says, with no model.
 *
 * - P(another order) of a customer with k orders = the store's share of customers with k orders
 *   who placed another (repeatPurchaseCurve); it stands in the `pAlive` field.
 * - When that order comes: the store's gaps between a customer's consecutive orders. The expected
 *   orders in the next h days = P(another order) x the share of gaps of at most h days, counting at
 *   most the next order (the curve says nothing about the one after) and not the time already
 *   waited (too few customers to condition on it).
 * - Expected spend per order: the customer's own average order value so far.
 * - CLV over 12 months: the expected orders in 12 months x that spend, undiscounted (one order at
 *   an unknown time within the year).
 */
import { customerLists } from './customer-predictions.js';
import { ymdFromDay } from './day.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { repeatPurchaseCurve } from './repeat-curve.js';
import type { CustomerPredictions } from './report.types.js';

export interface RepeatCurvePredictionOptions {
  readonly asOfDay: number;
  readonly horizonWeeks: number;
  readonly clvMonths: number;
  readonly monthlyDiscountRate: number;
}

const DAYS_PER_MONTH = 365.25 / 12;

/** Share of `gaps` (sorted ascending) of at most `days`. */
function shareAtMost(gaps: Float64Array, days: number): number {
  if (gaps.length === 0) return 0;
  let lo = 0;
  let hi = gaps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (gaps[mid] <= days) lo = mid + 1;
    else hi = mid;
  }
  return lo / gaps.length;
}

/** Every customer with an order in `byCustomer` (orders up to the as-of day), predicted from the store's repeat curve. */
export function repeatCurvePredictions(
  log: OrderLog,
  byCustomer: CustomerOrders,
  options: RepeatCurvePredictionOptions,
): CustomerPredictions {
  const { start, order } = byCustomer;
  let mostOrders = 1;
  for (let c = 0; c + 1 < start.length; c++) mostOrders = Math.max(mostOrders, start[c + 1] - start[c]);
  const curve = repeatPurchaseCurve(byCustomer, mostOrders);
  const customers: number[] = [];
  const gapList: number[] = [];
  for (let c = 0; c + 1 < start.length; c++) {
    if (start[c + 1] === start[c]) continue;
    customers.push(c);
    for (let i = start[c] + 1; i < start[c + 1]; i++) gapList.push(log.orderDay[order[i]] - log.orderDay[order[i - 1]]);
  }
  const gaps = Float64Array.from(gapList).sort();
  const withinHorizon = shareAtMost(gaps, options.horizonWeeks * 7);
  const withinClvHorizon = shareAtMost(gaps, options.clvMonths * DAYS_PER_MONTH);
  const n = customers.length;
  const frequency = new Float64Array(n);
  const daysSinceLast = new Float64Array(n);
  const spend = new Float64Array(n);
  const pNext = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const clv = new Float64Array(n);
  customers.forEach((c, k) => {
    const orders = start[c + 1] - start[c];
    let total = 0;
    for (let i = start[c]; i < start[c + 1]; i++) total += log.orderAmount[order[i]];
    frequency[k] = orders - 1;
    daysSinceLast[k] = options.asOfDay - log.orderDay[order[start[c + 1] - 1]];
    spend[k] = total;
    pNext[k] = curve[Math.min(orders, curve.length) - 1].probabilityNext ?? 0;
    expectedPurchases[k] = pNext[k] * withinHorizon;
    expectedSpend[k] = total / orders;
    clv[k] = pNext[k] * withinClvHorizon * expectedSpend[k];
  });
  const lists = customerLists({
    customerId: (k) => log.customerIds[customers[k]],
    frequency,
    daysSinceLast,
    spend,
    pAlive: pNext,
    expectedPurchases,
    expectedSpend,
    clv,
  });
  return {
    asOf: ymdFromDay(options.asOfDay),
    horizonWeeks: options.horizonWeeks,
    clvMonths: options.clvMonths,
    monthlyDiscountRate: options.monthlyDiscountRate,
    spendSource: 'average-order-value',
    source: 'repeat-curve',
    ...lists,
  };
}
