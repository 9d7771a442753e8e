/**
 * The retention report: what `regulars analyze` prints, writes as JSON (camelCase, documented in
 * docs/report-schema.md) and renders as HTML. Plain data only, so every renderer reads one shape.
 */

export interface Rejection {
  /** 1-based line number in the source file. */
  readonly line: number;
  /** Column (header name) at fault, or '' for a whole-row problem. */
  readonly field: string;
  /** Error code from docs/errors.md. */
  readonly code: string;
  readonly reason: string;
}

export interface ReportSource {
  readonly file: string;
  readonly format: 'generic' | 'shopify' | 'cdnow';
  readonly currency: string | null;
  readonly asOf: string;
  readonly firstOrderDate: string | null;
  readonly lastOrderDate: string | null;
  readonly rowsRead: number;
}

export interface ClvSimple {
  readonly value: number;
  readonly aov: number;
  readonly frequencyPerYear: number;
  readonly lifespanYears: number;
  readonly lifespanSource: 'estimated' | 'given';
  readonly formula: string;
}

export interface RepeatCurvePoint {
  /** x: customers with at least this many orders ... */
  readonly orders: number;
  readonly customers: number;
  /** ... and the probability that they place order x+1 (null when nobody has x orders). */
  readonly probabilityNext: number | null;
}

export interface TimeBetweenOrders {
  readonly medianDaysToSecondOrder: number | null;
  /** Gap from order n to order n+1, for n = 1..; the last entry pools n >= its value. */
  readonly byOrderNumber: readonly { readonly fromOrder: number; readonly count: number; readonly medianDays: number; readonly p25Days: number; readonly p75Days: number }[];
  /** Histogram of all gaps between consecutive orders, in day buckets [fromDay, toDay). */
  readonly histogram: readonly { readonly fromDay: number; readonly toDay: number; readonly count: number }[];
}

export interface CohortRow {
  /** 'YYYY-MM' of the first order. */
  readonly cohort: string;
  readonly customers: number;
  /** Share of the cohort with a repeat order in month k after the first order (k = 0 is the first month). */
  readonly repeatShare: readonly number[];
  /** Cumulative revenue per cohort customer up to and including month k. */
  readonly revenuePerCustomer: readonly number[];
}

export interface Cohorts {
  readonly maxMonths: number;
  readonly rows: readonly CohortRow[];
}

export interface GrowthPeriod {
  /** e.g. '2025-Q3'. */
  readonly period: string;
  readonly revenue: number;
  readonly customers: number;
  readonly frequency: number;
  readonly aov: number;
  /** Change in revenue versus the previous period, split into the three drivers (sums to the change). */
  readonly change: { readonly total: number; readonly customers: number; readonly frequency: number; readonly aov: number } | null;
}

export interface BestCustomersGroup {
  readonly customers: number;
  readonly ordersPerCustomer: number;
  readonly aov: number;
  readonly revenuePerCustomer: number;
  readonly revenueShare: number;
}

export interface RfmSegment {
  readonly name: string;
  readonly rule: string;
  readonly customers: number;
  readonly revenueShare: number;
}

export interface Rfm {
  /** How scores are assigned. */
  readonly method: string;
  readonly segments: readonly RfmSegment[];
}

export interface ReplenishmentCycle {
  readonly sku: string;
  readonly name: string;
  readonly repeatCustomers: number;
  readonly medianDays: number;
  /** Customers whose next purchase of this product is due now (see the report's actions). */
  readonly dueNow: number;
}

export interface FirstProductRepeat {
  readonly sku: string;
  readonly name: string;
  readonly customers: number;
  readonly repeatRate: number;
}

export interface Products {
  /** Distinct customers due for at least one replenishment reminder now. */
  readonly dueCustomers: number;
  readonly replenishment: readonly ReplenishmentCycle[];
  readonly repeatRateByFirstProduct: readonly FirstProductRepeat[];
}

export interface CrossSellPair {
  readonly kind: 'same-order' | 'later';
  readonly fromSku: string;
  readonly fromName: string;
  readonly toSku: string;
  readonly toName: string;
  /** Orders (same-order) or customers (later) with both. */
  readonly count: number;
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
}

export interface Action {
  readonly kind: 'replenishment' | 'win-back' | 'second-order' | 'vip' | 'cross-sell' | 'consent';
  readonly customers: number;
  readonly text: string;
}

export interface RetentionReport {
  readonly source: ReportSource;
  readonly orders: number;
  readonly customers: number;
  readonly revenue: number;
  readonly aov: number;
  /** Orders per customer over the whole period. */
  readonly purchaseFrequency: number;
  /** Orders per customer per year (over the observed span). */
  readonly purchaseFrequencyPerYear: number;
  readonly repeatCustomerRate: number;
  readonly clvSimple: ClvSimple;
  /** Formula of every headline metric, shown beside it. */
  readonly formulas: Readonly<Record<string, string>>;
  readonly rejectedRows: number;
  /** The first rejected rows with line, field, code and reason (all are counted in rejectedRows). */
  readonly rejections: readonly Rejection[];
  readonly excludedOrders: { readonly cancelled: number; readonly refunded: number };
  readonly repeatCurve: readonly RepeatCurvePoint[];
  readonly timeBetweenOrders: TimeBetweenOrders;
  readonly cohorts: Cohorts;
  readonly growth: readonly GrowthPeriod[];
  readonly bestCustomers: { readonly top: BestCustomersGroup; readonly rest: BestCustomersGroup };
  readonly rfm: Rfm;
  readonly products: Products;
  readonly crossSell: readonly CrossSellPair[];
  readonly actions: readonly Action[];
}
