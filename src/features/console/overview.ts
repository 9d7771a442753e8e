import { groupOrdersByCustomer } from '../../analytics/customer-orders.js';
import { ordersUpTo } from '../../analytics/order-log-window.js';
import type { OrderLog } from '../../analytics/order-log.js';
import { buildRetentionReport } from '../../analytics/retention-report.js';
import type { RetentionReport } from '../../analytics/report.types.js';

/** The parts of the retention report the console's Overview shows, as `regulars analyze` computes them. */
export type OverviewReport = Pick<
  RetentionReport,
  | 'orders'
  | 'customers'
  | 'revenue'
  | 'aov'
  | 'purchaseFrequency'
  | 'purchaseFrequencyPerYear'
  | 'repeatCustomerRate'
  | 'clvSimple'
  | 'formulas'
  | 'repeatCurve'
  | 'cohorts'
  | 'growth'
  | 'bestCustomers'
  | 'actions'
>;

export interface ClvBucket {
  /** Lower bound, inclusive, in major units. */
  readonly from: number;
  /** Upper bound, exclusive; null for the last, open bucket. */
  readonly to: number | null;
  readonly customers: number;
}

export interface ClvDistribution {
  readonly customers: number;
  readonly median: number;
  readonly buckets: readonly ClvBucket[];
}

export interface Overview {
  /** 'YYYY-MM-DD': the day the figures are as of (the latest purchase's, as analyze chooses, unless asked). */
  readonly asOf: string | null;
  readonly firstOrderDate: string | null;
  readonly lastOrderDate: string | null;
  readonly report: OverviewReport | null;
  /** Predicted CLV per customer from the latest metrics refresh; null before the first. */
  readonly clvDistribution: ClvDistribution | null;
}

/**
 * The Overview from a store's purchases: the analyze report's own function on the same order log,
 * cut at the as-of day the way `loadOrders` cuts an export (default: the latest purchase's day), so
 * the two give the same numbers for the same orders.
 */
export function buildOverview(
  all: OrderLog,
  asOfDay: number | null,
  predictedClv: Float64Array,
  withoutConsent = 0,
): Overview {
  const clvDistribution = clvHistogram(predictedClv);
  if (all.orderCount === 0)
    return { asOf: null, firstOrderDate: null, lastOrderDate: null, report: null, clvDistribution };
  let lastDay = all.orderDay[0];
  for (let o = 1; o < all.orderCount; o++) if (all.orderDay[o] > lastDay) lastDay = all.orderDay[o];
  const day = asOfDay ?? lastDay;
  const log = ordersUpTo(all, day);
  const report = buildRetentionReport({
    log,
    byCustomer: groupOrdersByCustomer(log),
    asOfDay: day,
    source: { file: '', format: 'generic', currency: null, rowsRead: 0 },
    rejectedRows: 0,
    rejections: [],
    excluded: { cancelled: 0, refunded: 0 },
  });
  return {
    asOf: report.source.asOf,
    firstOrderDate: report.source.firstOrderDate,
    lastOrderDate: report.source.lastOrderDate,
    report: log.orderCount === 0 ? null : withConsentAction(pickOverview(report), withoutConsent),
    clvDistribution,
  };
}

function pickOverview(r: RetentionReport): OverviewReport {
  return {
    orders: r.orders,
    customers: r.customers,
    revenue: r.revenue,
    aov: r.aov,
    purchaseFrequency: r.purchaseFrequency,
    purchaseFrequencyPerYear: r.purchaseFrequencyPerYear,
    repeatCustomerRate: r.repeatCustomerRate,
    clvSimple: r.clvSimple,
    formulas: r.formulas,
    repeatCurve: r.repeatCurve,
    cohorts: r.cohorts,
    growth: r.growth,
    bestCustomers: r.bestCustomers,
    actions: r.actions,
  };
}

/**
 * The consent action from the store's consent records rather than an export's column (the log
 * the server builds has none): buyers with no email marketing consent on record cannot be sent a
 * newsletter until it is imported or asked for. Listed last, as analyze lists its own.
 */
export function withConsentAction(report: OverviewReport, withoutConsent: number): OverviewReport {
  if (withoutConsent <= 0) return report;
  const n = withoutConsent.toLocaleString('en-US');
  return {
    ...report,
    actions: [
      ...report.actions.filter((a) => a.kind !== 'consent'),
      {
        kind: 'consent',
        customers: withoutConsent,
        text: `${n} customers who bought have no email marketing consent on record: import it (an export's accepts_marketing column, or POST /v1/customers with consent) before writing to them.`,
      },
    ],
  };
}

/** Bucket edges as multiples of a power of ten (1-2-5 steps): round amounts a reader takes in at once. */
const STEPS = [1, 2, 5];

/**
 * A histogram of predicted CLV with at most about a dozen round-edged buckets up to the 95th
 * percentile, the rest in one open bucket, so a few very valuable customers do not flatten it.
 */
export function clvHistogram(values: Float64Array): ClvDistribution | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const top = Math.max(sorted[Math.min(n - 1, Math.floor(n * 0.95))], 1e-9);
  let width = 0;
  for (let p = -2; width === 0; p++)
    for (const s of STEPS) {
      const w = s * 10 ** p;
      if (top / w <= 12) {
        width = w;
        break;
      }
    }
  const count = Math.max(1, Math.ceil(top / width));
  const counts = new Array<number>(count + 1).fill(0);
  for (const v of sorted) counts[Math.min(count, Math.max(0, Math.floor(v / width)))]++;
  const buckets: ClvBucket[] = counts.map((customers, i) => ({
    from: Math.round(i * width * 100) / 100,
    to: i === count ? null : Math.round((i + 1) * width * 100) / 100,
    customers,
  }));
  if (buckets[count].customers === 0) buckets.pop();
  return { customers: n, median, buckets };
}
