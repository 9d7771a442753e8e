import { monthOfDayTable, monthStartDay } from './day.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import { firstOrderDayUpTo } from './order-log-window.js';
import type { GrowthPeriod } from './report.types.js';

/** Revenue of one period and its three drivers: revenue = customers x frequency x aov. */
export interface RevenueDrivers {
  readonly revenue: number;
  readonly customers: number;
  readonly frequency: number;
  readonly aov: number;
}

export type DriverChange = NonNullable<GrowthPeriod['change']>;

/**
 * Revenue by calendar quarter ('YYYY-Qn'), as of `asOfDay` (later orders are ignored), written as
 * customers x frequency x AOV, with each quarter's change versus the quarter before split into
 * the contribution of each driver (see `decomposeRevenueChange`).
 *
 * - customers: distinct customers with at least one order in the quarter (active customers);
 *   frequency = orders / customers; aov = revenue / orders. Orders are counted as orders here (not
 *   purchase days), matching the headline AOV = revenue / orders.
 * - Only quarters the data covers entirely are reported: a quarter is dropped when the first order
 *   in the log is after its first day, or when the as-of day is before its last day. A partial
 *   quarter would read as a collapse (the current quarter to date) or as a surge out of a truncated
 *   one (an export that starts mid-quarter), and the decomposition would blame "customers" for
 *   what is only missing days. The price: a store's own first quarter is dropped too, since the log
 *   cannot tell an opening day from the start of an export.
 * - Quarters with no orders between covered ones are kept (revenue 0).
 */
export function growth(log: OrderLog, byCustomer: CustomerOrders, asOfDay: number): GrowthPeriod[] {
  const day = log.orderDay;
  const amount = log.orderAmount;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;

  const minDay = firstOrderDayUpTo(log, asOfDay);
  if (minDay === Number.POSITIVE_INFINITY) return [];

  const monthOf = monthOfDayTable(minDay, asOfDay);
  const firstQuarter = Math.floor(monthOf[0] / 3);
  const asOfQuarter = Math.floor(monthOf[asOfDay - minDay] / 3);
  const fromQuarter = quarterStartDay(firstQuarter) === minDay ? firstQuarter : firstQuarter + 1;
  const toQuarter = quarterStartDay(asOfQuarter + 1) - 1 === asOfDay ? asOfQuarter : asOfQuarter - 1;
  if (toQuarter < fromQuarter) return [];

  const nQuarters = asOfQuarter - firstQuarter + 1;
  const revenue = new Float64Array(nQuarters);
  const orders = new Float64Array(nQuarters);
  const customers = new Float64Array(nQuarters);
  for (let c = 0; c < nCustomers; c++) {
    const hi = start[c + 1];
    let lastQuarter = -1;
    for (let i = start[c]; i < hi; i++) {
      const o = order[i];
      const d = day[o];
      if (d > asOfDay) break; // orders are sorted by day
      const q = Math.floor(monthOf[d - minDay] / 3) - firstQuarter;
      revenue[q] += amount[o];
      orders[q]++;
      // Sorted by day, so a customer's quarters never decrease: count them once per quarter.
      if (q !== lastQuarter) {
        customers[q]++;
        lastQuarter = q;
      }
    }
  }

  const periods: GrowthPeriod[] = [];
  let previous: RevenueDrivers | null = null;
  for (let quarter = fromQuarter; quarter <= toQuarter; quarter++) {
    const q = quarter - firstQuarter;
    const drivers: RevenueDrivers = {
      revenue: revenue[q],
      customers: customers[q],
      frequency: customers[q] > 0 ? orders[q] / customers[q] : 0,
      aov: orders[q] > 0 ? revenue[q] / orders[q] : 0,
    };
    const year = Math.floor(quarter / 4);
    periods.push({
      period: `${year}-Q${quarter - year * 4 + 1}`,
      ...drivers,
      change: previous ? decomposeRevenueChange(previous, drivers) : null,
    });
    previous = drivers;
  }
  return periods;
}

/** Day number of the first day of a quarter index (year * 4 + quarter0). */
function quarterStartDay(quarter: number): number {
  return monthStartDay(quarter * 3);
}

/**
 * Splits R1 - R0 (R = customers x frequency x aov) into one contribution per driver with the
 * additive log-mean Divisia index (LMDI-I; Ang, "The LMDI approach to decomposition analysis",
 * Energy Policy 32 (2004), eq. 2): contribution_i = L(R1, R0) * ln(X1_i / X0_i), with the
 * logarithmic mean L(a, b) = (a - b) / (ln a - ln b) and L(a, a) = a. The contributions sum to the
 * change without a residual because the log-ratios sum to ln(R1 / R0); the aov term is taken as
 * the remainder so that the sum is exact in floating point as well.
 *
 * LMDI needs every driver positive in both periods. When a period has no customers, the whole
 * change is the arrival or loss of customers. When revenue is zero or negative with customers
 * present (free or negative-value orders), it falls back to the sequential split
 * (customers first, then frequency, then aov), which is exact for any values.
 */
export function decomposeRevenueChange(before: RevenueDrivers, after: RevenueDrivers): DriverChange {
  const r0 = before.revenue;
  const r1 = after.revenue;
  const total = r1 - r0;
  if (before.customers <= 0 || after.customers <= 0) return { total, customers: total, frequency: 0, aov: 0 };
  if (before.frequency <= 0 || after.frequency <= 0 || before.aov <= 0 || after.aov <= 0) {
    const customers = (after.customers - before.customers) * before.frequency * before.aov;
    const frequency = after.customers * (after.frequency - before.frequency) * before.aov;
    return { total, customers, frequency, aov: total - customers - frequency };
  }
  const weight = logMean(r1, r0);
  const customers = weight * Math.log(after.customers / before.customers);
  const frequency = weight * Math.log(after.frequency / before.frequency);
  return { total, customers, frequency, aov: total - customers - frequency };
}

/** Logarithmic mean of two positive numbers; the limit a when they are (nearly) equal. */
export function logMean(a: number, b: number): number {
  const d = Math.log(a) - Math.log(b);
  // Below ~1e-12 the quotient is pure rounding noise; the limit is exact to that precision.
  if (Math.abs(d) < 1e-12) return (a + b) / 2;
  return (a - b) / d;
}
