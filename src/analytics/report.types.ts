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
  readonly byOrderNumber: readonly {
    readonly fromOrder: number;
    readonly count: number;
    readonly medianDays: number;
    readonly p25Days: number;
    readonly p75Days: number;
  }[];
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
  readonly change: {
    readonly total: number;
    readonly customers: number;
    readonly frequency: number;
    readonly aov: number;
  } | null;
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
  /** Predictive models; null when --model none or when they cannot be computed (see modelsNote). */
  readonly models: ModelSection | null;
  /** Why `models` is null, when it is (null otherwise, and with --model none). */
  readonly modelsNote: string | null;
  /**
   * With too few customers for the models (see modelsNote): every customer's predictions from the
   * store's repeat curve instead (`source: 'repeat-curve'`); null otherwise.
   */
  readonly repeatCurvePredictions: CustomerPredictions | null;
}

// ---------------------------------------------------------------------------------------------
// Predictions: the model section of the report, null when skipped or not computable.

/** The continuous-time count models `analyze` can fit and compare. */
export type CountModelName = 'bgnbd' | 'mbgnbd' | 'pareto-nbd';

/** How the model was chosen: lowest holdout MAE, lowest BIC, or named with --model. */
export type ModelChoiceRule = 'holdout-mae' | 'bic' | 'given';

export interface ModelFitRow {
  readonly model: CountModelName;
  /** BG/NBD and MBG/NBD: { r, alpha, a, b }; Pareto/NBD: { r, alpha, s, beta }; alpha and beta in weeks. */
  readonly params: Readonly<Record<string, number>>;
  readonly logLikelihood: number;
  /** -2 LL + k ln n, k = 4 parameters, n = customers fitted. */
  readonly bic: number;
  /** Mean over customers of |actual - predicted| repeat purchases in the holdout; null without a holdout. */
  readonly holdoutMae: number | null;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

export interface SpendModel {
  readonly model: 'gamma-gamma';
  readonly params: { readonly p: number; readonly q: number; readonly gamma: number };
  /** Customers with repeat purchases it was fitted on. */
  readonly customers: number;
  readonly warnings: readonly string[];
}

export interface BacktestFrequencyRow {
  /** Repeat purchases in the calibration period (the last row pools this many and more). */
  readonly frequency: number;
  /** True for the pooled 7+ row. */
  readonly pooled: boolean;
  readonly customers: number;
  /** Mean repeat purchases in the holdout, actual and predicted. */
  readonly actual: number;
  readonly predicted: number;
}

export interface TrackingPoint {
  /** Weeks since the first customer's first purchase, at the end of the point's day. */
  readonly week: number;
  /** Cumulative repeat purchases of the calibration customers up to this point. */
  readonly actual: number;
  readonly predicted: number;
}

export interface Backtest {
  readonly holdoutWeeks: number;
  readonly byFrequency: readonly BacktestFrequencyRow[];
  /** Weekly cumulative repeat purchases over calibration and holdout (Fader, Hardie & Lee 2005, fig. 3). */
  readonly tracking: readonly TrackingPoint[];
  /** Where the calibration period ends on the tracking chart's week axis. */
  readonly calibrationEndWeek: number;
  /** Mean absolute error per customer of the holdout repeat purchases. */
  readonly mae: number;
  readonly totalActual: number;
  /** Sum over customers of their conditional expected holdout purchases. */
  readonly totalPredicted: number;
}

export interface ValuableCustomer {
  readonly customerId: string;
  /** Purchase days (same-day orders count once). */
  readonly orders: number;
  readonly pAlive: number;
  /** Expected purchases in the next 13 weeks. */
  readonly expectedPurchasesNextQuarter: number;
  /** Expected value of one future purchase. */
  readonly expectedSpend: number;
  readonly clv12m: number;
}

export interface AtRiskCustomer {
  readonly customerId: string;
  readonly orders: number;
  /** Total spend up to the as-of day. */
  readonly spend: number;
  readonly pAlive: number;
  readonly daysSinceLastOrder: number;
}

export interface CustomerPredictions {
  /** Histories up to the report's as-of day, with the calibration fit's parameters. */
  readonly asOf: string;
  readonly horizonWeeks: number;
  readonly clvMonths: number;
  readonly monthlyDiscountRate: number;
  /** Expected spend per purchase: Gamma-Gamma, or each customer's own average when it could not be used. */
  readonly spendSource: 'gamma-gamma' | 'average-order-value';
  /**
   * What the predictions come from: `model`, the chosen count model; `repeat-curve`, the store's
   * repeat curve, for a store with too few customers to fit a model (pAlive then holds P(another order)).
   */
  readonly source: 'model' | 'repeat-curve';
  readonly topByClv: readonly ValuableCustomer[];
  readonly mostAtRisk: readonly AtRiskCustomer[];
  readonly counts: {
    readonly customers: number;
    /** P(alive) >= 0.5. */
    readonly likelyActive: number;
    /** P(alive) < 0.5 among customers with 2+ purchase days. */
    readonly atRisk: number;
    /** Expected purchases of all current customers in the next 13 weeks. */
    readonly expectedOrdersNextQuarter: number;
  };
}

export interface ModelSection {
  readonly calibrationEnd: string;
  readonly holdoutEnd: string | null;
  readonly timeUnit: 'week';
  /** Customers the models were fitted on (first purchase before the calibration end). */
  readonly calibrationCustomers: number;
  readonly chosen: CountModelName;
  readonly choiceRule: ModelChoiceRule;
  readonly table: readonly ModelFitRow[];
  readonly spend: SpendModel | null;
  readonly backtest: Backtest | null;
  readonly customers: CustomerPredictions;
  /** Caveats about the section as a whole (models that could not be fitted, the spend fallback). */
  readonly warnings: readonly string[];
}
