import type { CustomerOrders, OrderLog } from './order-log.js';
import type { TimeBetweenOrders } from './report.types.js';

export interface TimeBetweenOrdersOptions {
  /** Gaps are reported for order numbers 1..maxOrderNumber; the last one pools every later order. Default 5. */
  readonly maxOrderNumber?: number;
}

/**
 * Lower edges of the gap histogram, in days. Weekly, then fortnightly, then half-monthly to six
 * months (replenishment cycles of 30, 60, 90 days land in their own buckets), then monthly to a
 * year; the last bucket, from 365 on, is open-ended.
 */
export const GAP_BUCKET_EDGES: readonly number[] = [
  0, 7, 14, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180, 210, 240, 270, 300, 330, 365,
];

/**
 * Days between a customer's consecutive purchases, as of `asOfDay` (later orders are ignored).
 *
 * Why orders on the same day are one purchase: this follows the BTYD definition the `summary`
 * command uses ("purchases on the same day are one purchase"). A second order placed the same
 * day is a split basket or a forgotten item, not a return visit; counting it as a gap of 0 would
 * pull "median days to 2nd order" towards 0 for shops where customers often place several orders
 * a day (e.g. the Online Retail invoices), which says nothing about when customers come back.
 * So "order n" here is the customer's n-th purchase day, and every gap is at least 1 day.
 *
 * Gaps are integer days, so quantiles come from per-day count arrays (one per order number):
 * one pass over the orders and no sort. Quantiles interpolate linearly between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy), so an even count's median is the mean of
 * the two middle gaps.
 */
export function timeBetweenOrders(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  options: TimeBetweenOrdersOptions = {},
): TimeBetweenOrders {
  const maxN = Math.max(1, Math.floor(options.maxOrderNumber ?? 5));
  const day = log.orderDay;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;

  let minDay = asOfDay;
  for (let o = 0; o < log.orderCount; o++) {
    const d = day[o];
    if (d < minDay) minDay = d;
  }
  // Every gap lies in 1 .. asOfDay - minDay.
  const width = asOfDay - minDay + 1;
  const counts = new Int32Array(maxN * width);
  const totals = new Int32Array(maxN);
  let maxGap = 0;

  for (let c = 0; c < nCustomers; c++) {
    const lo = start[c];
    const hi = start[c + 1];
    if (lo === hi) continue;
    let prev = day[order[lo]];
    if (prev > asOfDay) continue;
    let n = 1;
    for (let i = lo + 1; i < hi; i++) {
      const d = day[order[i]];
      if (d > asOfDay) break; // orders are sorted by day
      if (d === prev) continue;
      const gap = d - prev;
      const slot = (n < maxN ? n : maxN) - 1;
      counts[slot * width + gap]++;
      totals[slot]++;
      if (gap > maxGap) maxGap = gap;
      n++;
      prev = d;
    }
  }

  const byOrderNumber: TimeBetweenOrders['byOrderNumber'][number][] = [];
  for (let slot = 0; slot < maxN; slot++) {
    const count = totals[slot];
    if (count === 0) continue;
    const offset = slot * width;
    byOrderNumber.push({
      fromOrder: slot + 1,
      count,
      medianDays: quantileOfCounts(counts, offset, width, count, 0.5),
      p25Days: quantileOfCounts(counts, offset, width, count, 0.25),
      p75Days: quantileOfCounts(counts, offset, width, count, 0.75),
    });
  }

  const edges = GAP_BUCKET_EDGES;
  const bucketCounts = new Array<number>(edges.length).fill(0);
  let bucket = 0;
  for (let gap = 1; gap < width; gap++) {
    while (bucket + 1 < edges.length && gap >= edges[bucket + 1]) bucket++;
    let sum = 0;
    for (let slot = 0; slot < maxN; slot++) sum += counts[slot * width + gap];
    bucketCounts[bucket] += sum;
  }
  const last = edges.length - 1;
  const histogram = edges.map((fromDay, b) => ({
    fromDay,
    // The open-ended last bucket ends one day past the longest gap seen, so [fromDay, toDay) still holds.
    toDay: b < last ? edges[b + 1] : Math.max(fromDay, maxGap) + 1,
    count: bucketCounts[b],
  }));

  const first = byOrderNumber.length > 0 && byOrderNumber[0].fromOrder === 1 ? byOrderNumber[0] : null;
  return { medianDaysToSecondOrder: first ? first.medianDays : null, byOrderNumber, histogram };
}

/**
 * Type-7 quantile of `total` integer values given as counts per value: counts[offset + v] is how
 * often value v occurs, for v in 0..width-1.
 */
export function quantileOfCounts(counts: Int32Array, offset: number, width: number, total: number, p: number): number {
  const h = (total - 1) * p;
  const rank = Math.floor(h);
  const frac = h - rank;
  const low = valueAtRank(counts, offset, width, rank);
  if (frac === 0 || rank + 1 >= total) return low;
  const high = valueAtRank(counts, offset, width, rank + 1);
  return low + frac * (high - low);
}

/** The value at 0-based `rank` in the sorted multiset described by the counts. */
function valueAtRank(counts: Int32Array, offset: number, width: number, rank: number): number {
  let seen = 0;
  for (let v = 0; v < width; v++) {
    seen += counts[offset + v];
    if (seen > rank) return v;
  }
  return width - 1;
}
