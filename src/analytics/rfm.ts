import type { CustomerOrders, OrderLog } from './order-log.js';
import type { Rfm } from './report.types.js';

/** A named RFM segment: a set of cells of the recency x frequency score grid. */
export interface RfmSegmentRule {
  readonly name: string;
  /** Human-readable definition, shown in the report. */
  readonly rule: string;
  readonly matches: (r: number, f: number) => boolean;
}

const within = (v: number, lo: number, hi: number): boolean => v >= lo && v <= hi;

/**
 * The widely used recency x frequency grid (M is scored but, as usual, not used to name segments),
 * plus "Lost" carved out of Hibernating for the oldest one-time buyers. Every one of the 25 cells
 * belongs to exactly one segment (the tests check it). The index in this list is the segment
 * number returned per customer by `rfmScores`.
 */
export const RFM_SEGMENTS: readonly RfmSegmentRule[] = [
  { name: 'Champions', rule: 'R 5 & F 4-5', matches: (r, f) => r === 5 && within(f, 4, 5) },
  { name: 'Loyal', rule: 'R 3-4 & F 4-5', matches: (r, f) => within(r, 3, 4) && within(f, 4, 5) },
  { name: 'Potential loyalists', rule: 'R 4-5 & F 2-3', matches: (r, f) => within(r, 4, 5) && within(f, 2, 3) },
  { name: 'New', rule: 'R 5 & F 1', matches: (r, f) => r === 5 && f === 1 },
  { name: 'Promising', rule: 'R 4 & F 1', matches: (r, f) => r === 4 && f === 1 },
  { name: 'Need attention', rule: 'R 3 & F 3', matches: (r, f) => r === 3 && f === 3 },
  { name: 'About to sleep', rule: 'R 3 & F 1-2', matches: (r, f) => r === 3 && within(f, 1, 2) },
  { name: 'At risk', rule: 'R 1-2 & F 3-4', matches: (r, f) => within(r, 1, 2) && within(f, 3, 4) },
  { name: "Can't lose", rule: 'R 1-2 & F 5', matches: (r, f) => within(r, 1, 2) && f === 5 },
  {
    name: 'Hibernating',
    rule: 'R 1-2 & F 1-2, except R 1 & F 1 (Lost)',
    matches: (r, f) => within(r, 1, 2) && within(f, 1, 2) && !(r === 1 && f === 1),
  },
  { name: 'Lost', rule: 'R 1 & F 1', matches: (r, f) => r === 1 && f === 1 },
];

/** Segment number of each (r, f) cell: GRID[(r - 1) * 5 + (f - 1)]. */
const GRID: Int8Array = (() => {
  const grid = new Int8Array(25).fill(-1);
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++) grid[(r - 1) * 5 + f - 1] = RFM_SEGMENTS.findIndex((s) => s.matches(r, f));
  return grid;
})();

/** Index in RFM_SEGMENTS of the segment of recency score r and frequency score f (both 1-5). */
export function rfmSegmentOf(r: number, f: number): number {
  return GRID[(r - 1) * 5 + f - 1];
}

export const RFM_METHOD =
  'Each customer who has ordered by the as-of date gets three scores from 1 to 5: Recency (days since the last order; fewer is better), ' +
  'Frequency (number of orders) and Monetary (total spend). Recency and Monetary scores are tie-aware quintiles: ' +
  'score = 1 + floor(5 x (customers with a strictly worse value) / (customers)), capped at 5, so customers with equal values always share a score. ' +
  'Frequency is 1 for customers with a single order; repeat customers get 2-5 by tie-aware quartiles among repeat customers ' +
  '(2 + floor(4 x (repeat customers with fewer orders) / (repeat customers))), because most customers order once and plain quintiles would leave scores 2-3 empty. ' +
  'Segments are named from the Recency and Frequency scores by the rules shown.';

/** Per-customer RFM scores, indexed by customer number; 0 scores and segment -1 for customers with no order by the as-of day. */
export interface RfmScores {
  /** Customers with at least one order by the as-of day: the population the quintiles are taken over. */
  readonly customers: number;
  readonly recency: Uint8Array;
  readonly frequency: Uint8Array;
  readonly monetary: Uint8Array;
  /** Index into RFM_SEGMENTS. */
  readonly segment: Int8Array;
  /** Total spend by the as-of day (the Monetary value), kept for revenue shares. */
  readonly spend: Float64Array;
}

/**
 * RFM scores and segment of every customer as of `asOfDay` (later orders are ignored): the
 * per-customer view the server and the segments/triggers use. Tie-aware quintiles (see
 * RFM_METHOD) need "how many customers have a strictly worse value": recency and frequency are
 * integers, so that comes from a count array and its prefix sums; spend is a float, so it comes
 * from four cut-off values of a sorted copy (see `monetaryCutoffs`). No per-customer objects.
 */
export function rfmScores(log: OrderLog, byCustomer: CustomerOrders, asOfDay: number): RfmScores {
  const day = log.orderDay;
  const amount = log.orderAmount;
  const { start, order } = byCustomer;
  const nCustomers = start.length - 1;

  const recencyDays = new Int32Array(nCustomers).fill(-1);
  const orderCount = new Int32Array(nCustomers);
  const spend = new Float64Array(nCustomers);
  let active = 0;
  let maxRecency = 0;
  let maxOrders = 0;
  for (let c = 0; c < nCustomers; c++) {
    const hi = start[c + 1];
    let sum = 0;
    let count = 0;
    let last = 0;
    for (let i = start[c]; i < hi; i++) {
      const o = order[i];
      const d = day[o];
      if (d > asOfDay) break; // orders are sorted by day
      sum += amount[o];
      count++;
      last = d;
    }
    if (count === 0) continue;
    active++;
    const recency = asOfDay - last;
    recencyDays[c] = recency;
    orderCount[c] = count;
    spend[c] = sum;
    if (recency > maxRecency) maxRecency = recency;
    if (count > maxOrders) maxOrders = count;
  }

  // worseRecency[v]: customers with recency strictly greater than v (a longer absence is worse).
  const recencyCounts = new Int32Array(maxRecency + 2);
  // fewerOrders[v]: customers with strictly fewer than v orders.
  const orderCounts = new Int32Array(maxOrders + 2);
  const sortedSpend = new Float64Array(active);
  let k = 0;
  for (let c = 0; c < nCustomers; c++) {
    if (orderCount[c] === 0) continue;
    recencyCounts[recencyDays[c]]++;
    orderCounts[orderCount[c]]++;
    sortedSpend[k++] = spend[c];
  }
  const worseRecency = new Int32Array(maxRecency + 2);
  for (let v = maxRecency; v >= 0; v--) worseRecency[v] = worseRecency[v + 1] + recencyCounts[v + 1];
  const fewerOrders = new Int32Array(maxOrders + 2);
  for (let v = 1; v <= maxOrders + 1; v++) fewerOrders[v] = fewerOrders[v - 1] + orderCounts[v - 1];
  sortedSpend.sort();
  const cutoffs = monetaryCutoffs(sortedSpend);

  const recency = new Uint8Array(nCustomers);
  const frequency = new Uint8Array(nCustomers);
  const monetary = new Uint8Array(nCustomers);
  const segment = new Int8Array(nCustomers).fill(-1);
  for (let c = 0; c < nCustomers; c++) {
    if (orderCount[c] === 0) continue;
    const r = tieAwareScore(worseRecency[recencyDays[c]], active);
    const f = frequencyScore(orderCount[c], fewerOrders, active);
    recency[c] = r;
    frequency[c] = f;
    const m = spend[c];
    monetary[c] =
      1 + (m > cutoffs[0] ? 1 : 0) + (m > cutoffs[1] ? 1 : 0) + (m > cutoffs[2] ? 1 : 0) + (m > cutoffs[3] ? 1 : 0);
    segment[c] = GRID[(r - 1) * 5 + f - 1];
  }
  return { customers: active, recency, frequency, monetary, segment, spend };
}

/**
 * Frequency score: 1 for a single order; repeat customers get 2-5 by tie-aware quartiles among
 * repeat customers: 2 + floor(4 x (repeat customers with fewer orders) / repeat customers).
 * Most customers of most shops order once, so plain quintiles over everyone give that majority
 * score 1 and leap straight to 4 for a second order, leaving scores 2-3 (and the segments built
 * on them: Potential loyalists, Need attention) empty.
 */
export function frequencyScore(orders: number, fewerOrders: Int32Array, active: number): number {
  if (orders <= 1) return 1;
  const oneTime = fewerOrders[2];
  const repeaters = active - oneTime;
  return Math.min(5, 2 + Math.floor((4 * (fewerOrders[orders] - oneTime)) / repeaters));
}

/** 1 + floor(5 x worse / n), capped at 5: the tie-aware quintile score. */
export function tieAwareScore(worse: number, n: number): number {
  // Integer operands: the quotient is exact whenever the true value is an integer, so boundaries never round down.
  return Math.min(5, 1 + Math.floor((5 * worse) / n));
}

/**
 * Cut-offs that turn tie-aware quintiles into four comparisons per customer instead of a binary
 * search each. With `below(v)` the number of values strictly below v, the score reaches s + 1
 * exactly when floor(5 x below(v) / n) >= s, i.e. below(v) >= ceil(s x n / 5) =: k, and
 * below(v) >= k holds exactly when the k-th smallest value, sorted[k - 1], is below v. So
 * score(v) = 1 + #{s in 1..4 : v > sorted[ceil(s x n / 5) - 1]}.
 */
export function monetaryCutoffs(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  const cutoffs = new Float64Array(4).fill(Number.POSITIVE_INFINITY);
  if (n === 0) return cutoffs;
  for (let s = 1; s <= 4; s++) cutoffs[s - 1] = sorted[Math.floor((s * n + 4) / 5) - 1];
  return cutoffs;
}

/**
 * The RFM section of the report: every segment (empty ones included, so the table always has the
 * same rows) with its rule, customer count and share of revenue by the as-of day. Pass `scores`
 * when they were already computed for other uses.
 */
export function rfm(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  scores: RfmScores = rfmScores(log, byCustomer, asOfDay),
): Rfm {
  const counts = new Float64Array(RFM_SEGMENTS.length);
  const revenue = new Float64Array(RFM_SEGMENTS.length);
  let total = 0;
  const { segment, spend } = scores;
  for (let c = 0; c < segment.length; c++) {
    const s = segment[c];
    if (s < 0) continue;
    counts[s]++;
    revenue[s] += spend[c];
    total += spend[c];
  }
  return {
    method: RFM_METHOD,
    segments: RFM_SEGMENTS.map((s, i) => ({
      name: s.name,
      rule: s.rule,
      customers: counts[i],
      revenueShare: total !== 0 ? revenue[i] / total : 0,
    })),
  };
}

/**
 * A store's RFM population reduced to the cut-offs that score any one customer exactly as
 * `rfmScores` scores everyone (the server ranks one customer per request against a base computed
 * once by SQL). Each tie-aware quantile score is "1 + cut-offs strictly below the value", the same
 * identity `monetaryCutoffs` relies on, applied to last-order days, repeat order counts and spend.
 */
export interface RfmThresholds {
  /** Customers with an order by the as-of day: the population ranked against. */
  readonly customers: number;
  /** Four last-order days: R = 1 + the cut-offs before the customer's last order day. */
  readonly lastDayCutoffs: readonly number[];
  /** Three order counts of repeat customers: F = 2 + the cut-offs below the customer's count (1 for one order). */
  readonly repeatOrderCutoffs: readonly number[];
  /** Four spend values: M = 1 + the cut-offs below the customer's spend. */
  readonly spendCutoffs: readonly number[];
}

/** One customer's RFM scores (1-5) and segment (index into RFM_SEGMENTS). */
export interface RfmScore {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly segment: number;
}

/**
 * Cut-offs for `bins` tie-aware quantiles of a sorted array: score = 1 + #{cut-offs < v} equals
 * 1 + floor(bins x (values below v) / n), by the argument of `monetaryCutoffs` with 5 replaced by
 * bins. +Infinity when there are no values, so everything scores the lowest.
 */
export function quantileCutoffs(sorted: Float64Array, bins: number): Float64Array {
  const n = sorted.length;
  const cutoffs = new Float64Array(bins - 1).fill(Number.POSITIVE_INFINITY);
  if (n === 0) return cutoffs;
  for (let s = 1; s < bins; s++) cutoffs[s - 1] = sorted[Math.floor((s * n + bins - 1) / bins) - 1];
  return cutoffs;
}

/**
 * The thresholds of a population given per customer (customers with at least one order by the
 * as-of day): the day of their last order, their number of orders and their total spend (any unit:
 * only the order matters). Recency as days since the last order ranks like the last order day
 * reversed, so the as-of day is not needed here.
 */
export function rfmThresholds(
  lastDays: ArrayLike<number>,
  orderCounts: ArrayLike<number>,
  spend: ArrayLike<number>,
): RfmThresholds {
  const n = lastDays.length;
  if (orderCounts.length !== n || spend.length !== n)
    throw new Error('rfmThresholds needs one last day, order count and spend per customer');
  const repeat: number[] = [];
  for (let i = 0; i < n; i++) if (orderCounts[i] > 1) repeat.push(orderCounts[i]);
  return {
    customers: n,
    lastDayCutoffs: Array.from(quantileCutoffs(Float64Array.from(lastDays).sort(), 5)),
    repeatOrderCutoffs: Array.from(quantileCutoffs(Float64Array.from(repeat).sort(), 4)),
    spendCutoffs: Array.from(quantileCutoffs(Float64Array.from(spend).sort(), 5)),
  };
}

const above = (cutoffs: readonly number[], v: number): number => cutoffs.reduce((k, t) => k + (v > t ? 1 : 0), 0);

/**
 * Scores one customer (last order day, orders, spend by the as-of day) against a population's
 * thresholds: the same scores `rfmScores` gives that customer when it belongs to the population.
 */
export function scoreRfm(thresholds: RfmThresholds, lastDay: number, orders: number, spend: number): RfmScore {
  const recency = 1 + above(thresholds.lastDayCutoffs, lastDay);
  const frequency = orders <= 1 ? 1 : 2 + above(thresholds.repeatOrderCutoffs, orders);
  const monetary = 1 + above(thresholds.spendCutoffs, spend);
  return { recency, frequency, monetary, segment: rfmSegmentOf(recency, frequency) };
}
