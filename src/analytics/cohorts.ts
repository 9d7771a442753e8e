import { monthLabel, monthOfDayTable } from './day.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { firstOrderDayUpTo } from './order-log-window.js';
import type { CohortRow, Cohorts } from './report.types.js';

export interface CohortsOptions {
  /** Months reported per cohort: k = 0 .. maxMonths - 1 months after the first order. Default 24. */
  readonly maxMonths?: number;
}

/**
 * Monthly acquisition cohorts (month of the first order) by calendar months since the first order,
 * as of `asOfDay` (later orders are ignored).
 *
 * - Month k is a calendar-month difference: a customer who first bought on 31 Jan and again on
 *   1 Feb reordered in month 1. That is how cohort tables are read ("the February column").
 * - repeatShare[k]: share of the cohort with a repeat purchase in month k. A repeat purchase is an
 *   order on a later day than the first order: orders on the first-order day are one purchase,
 *   the rule the BTYD `summary` and time-between-orders use, so a split first basket is no repeat.
 * - revenuePerCustomer[k]: all revenue of the cohort (first orders included) from month 0 through
 *   month k, divided by the cohort size.
 * - Months after the as-of month are not reported, so a recent cohort has shorter arrays. The
 *   as-of month itself is reported although it may be partly observed (the usual last diagonal
 *   of a cohort table), so that this month's cohort has a row at all.
 */
export function cohorts(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  options: CohortsOptions = {},
): Cohorts {
  const maxMonths = Math.max(1, Math.floor(options.maxMonths ?? 24));
  const day = log.orderDay;
  const amount = log.orderAmount;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;

  const minDay = firstOrderDayUpTo(log, asOfDay);
  if (minDay === Number.POSITIVE_INFINITY) return { maxMonths, rows: [] };

  const monthOf = monthOfDayTable(minDay, asOfDay);
  const firstMonth = monthOf[0];
  const asOfMonth = monthOf[asOfDay - minDay];
  const nCohorts = asOfMonth - firstMonth + 1;
  const size = new Int32Array(nCohorts);
  const repeaters = new Int32Array(nCohorts * maxMonths);
  const revenue = new Float64Array(nCohorts * maxMonths);

  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (lo === hi) continue;
    const firstDay = day[order[lo]];
    if (firstDay > asOfDay) continue;
    const customerMonth = monthOf[firstDay - minDay];
    const row = (customerMonth - firstMonth) * maxMonths;
    size[customerMonth - firstMonth]++;
    let lastRepeatMonth = -1;
    for (let i = lo; i < hi; i++) {
      const o = order[i];
      const d = day[o];
      if (d > asOfDay) break; // orders are sorted by day
      const k = monthOf[d - minDay] - customerMonth;
      if (k >= maxMonths) break;
      revenue[row + k] += amount[o];
      // Count each customer once per month, however many repeat orders they placed in it.
      if (d > firstDay && k !== lastRepeatMonth) {
        repeaters[row + k]++;
        lastRepeatMonth = k;
      }
    }
  }

  const rows: CohortRow[] = [];
  for (let i = 0; i < nCohorts; i++) {
    const customers = size[i];
    if (customers === 0) continue;
    const months = Math.min(maxMonths, nCohorts - i);
    const repeatShare = new Array<number>(months);
    const revenuePerCustomer = new Array<number>(months);
    let cumulative = 0;
    for (let k = 0; k < months; k++) {
      repeatShare[k] = repeaters[i * maxMonths + k] / customers;
      cumulative += revenue[i * maxMonths + k];
      revenuePerCustomer[k] = cumulative / customers;
    }
    rows.push({ cohort: monthLabel(firstMonth + i), customers, repeatShare, revenuePerCustomer });
  }
  return { maxMonths, rows };
}
