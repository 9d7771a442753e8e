/**
 * Per-customer metrics and predictions for segments (docs/segments.md, "Metrics"), computed from an
 * order log with the analytics' own code: the summary (x, t_x, T in weeks), BG/NBD and Gamma-Gamma
 * fitted exactly as `regulars analyze --model bgnbd` fits them (same inputs, same options), so
 * P(alive) and expected orders are the report's figures for the same orders.
 *
 * Columnar in and out (typed arrays, one entry per customer): a million customers cost a few
 * passes and no per-customer objects.
 */
import { customerSpend } from '../../analytics/customer-predictions.js';
import { COUNT_MODELS } from '../../analytics/count-models.js';
import type { CustomerOrders, OrderLog } from '../../analytics/order-log.js';
import {
  customerLifetimeValue,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  WEEKS_PER_MONTH,
  type CountHistories,
} from '../../analytics/models/index.js';
import {
  quantileCutoffs,
  RFM_SEGMENTS,
  rfmSegmentOf,
  rfmThresholds,
  scoreRfm,
  type RfmThresholds,
} from '../../analytics/rfm.js';
import { summarizeCustomers } from '../../analytics/summary.js';

/** Horizon of expected_orders: 13 weeks, the analyze report's "next quarter" (HORIZON_WEEKS there). */
export const EXPECTED_ORDERS_WEEKS = 13;
export const EXPECTED_ORDERS_DAYS = EXPECTED_ORDERS_WEEKS * 7;
/** predicted_clv: 12 months discounted at 1% a month, as the analyze report (CLV_MONTHS, MONTHLY_DISCOUNT_RATE). */
export const CLV_MONTHS = 12;
export const MONTHLY_DISCOUNT_RATE = 0.01;
/** Fewer customers with some history than this and no model is fitted (MIN_MODEL_CUSTOMERS of the report). */
export const MIN_MODEL_CUSTOMERS = 20;
/** The report's fit options (build-model-section.ts): same options, same optimum. */
const FIT_OPTIONS = { standardErrors: false, warmStartGroups: 5_000 } as const;

/** A store's fitted models, kept with the metrics so one customer can be updated without refitting. */
export interface StoreModel {
  readonly countModel: 'bgnbd';
  readonly params: Readonly<Record<string, number>>;
  /** Gamma-Gamma parameters, or null when it could not be used (then spend per order is the customer's own average). */
  readonly spend: Readonly<Record<string, number>> | null;
  readonly fittedCustomers: number;
  readonly converged: boolean;
  readonly warnings: readonly string[];
}

/** Why a store has no model, or its model. */
export type StoreModelResult =
  { readonly model: StoreModel; readonly note: null } | { readonly model: null; readonly note: string };

/**
 * Fits BG/NBD (and Gamma-Gamma on repeat customers' mean spend) on every customer who first bought
 * before the as-of day, in weeks: the analyze report's step 1-3 with the model given as bgnbd and
 * no holdout. Null with the reason when the data cannot support a fit.
 */
export function fitStoreModel(log: OrderLog, byCustomer: CustomerOrders, asOfDay: number): StoreModelResult {
  const s = summarizeCustomers(log, byCustomer, { calibrationEndDay: asOfDay, timeUnit: 'week' });
  // Customers who first bought on the as-of day have T = 0: nothing to fit on.
  const keep: number[] = [];
  for (let k = 0; k < s.customer.length; k++) if (s.T[k] > 0) keep.push(k);
  const pick = (from: Float64Array): Float64Array => Float64Array.from(keep, (k) => from[k]);
  const fitted = { x: pick(s.frequency), tx: pick(s.recency), T: pick(s.T), monetary: pick(s.monetaryValue) };
  const n = keep.length;
  if (n < MIN_MODEL_CUSTOMERS) {
    return {
      model: null,
      note: `BG/NBD needs at least ${MIN_MODEL_CUSTOMERS} customers who first bought before the as-of day; there ${n === 1 ? 'is' : 'are'} ${n}, so P(alive), expected orders, CLV and the expected next order by the model are left empty.`,
    };
  }
  if (!fitted.x.some((x) => x > 0)) {
    return {
      model: null,
      note: 'No customer has made a repeat purchase, so there is nothing to learn repeat behaviour from; predictions are left empty.',
    };
  }
  let fit;
  try {
    fit = COUNT_MODELS.bgnbd.fit(fitted, FIT_OPTIONS);
  } catch (error) {
    return {
      model: null,
      note: `BG/NBD could not be fitted: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!Number.isFinite(fit.logLikelihood)) {
    return {
      model: null,
      note: `BG/NBD could not be fitted: ${fit.warnings.join('; ') || 'the likelihood could not be evaluated'}`,
    };
  }
  const warnings = [...fit.warnings];
  let spend: Record<string, number> | null = null;
  try {
    const gg = fitGammaGamma({ x: fitted.x, monetary: fitted.monetary }, FIT_OPTIONS);
    if (Number.isFinite(gg.logLikelihood) && gg.params.q > 1) spend = { ...gg.params };
    else
      warnings.push(
        `Gamma-Gamma spend model not used: ${gg.warnings.join('; ') || 'q <= 1 (no finite mean spend)'}; CLV uses each customer's own average order value.`,
      );
  } catch (error) {
    warnings.push(
      `Gamma-Gamma spend model not used: ${error instanceof Error ? error.message : String(error)}; CLV uses each customer's own average order value.`,
    );
  }
  return {
    model: {
      countModel: 'bgnbd',
      params: { ...fit.params },
      spend,
      fittedCustomers: n,
      converged: fit.converged,
      warnings,
    },
    note: null,
  };
}

/** A population's cut-offs, so one customer scores as the whole-store refresh scored everyone. */
export interface PopulationCutoffs {
  readonly rfm: RfmThresholds;
  /** 99 cut-offs: value_percentile = how many lie strictly below the customer's value. */
  readonly value: readonly number[];
  readonly valueBasis: 'predicted_clv' | 'total_spent';
}

/** Metrics of every customer with a purchase by the as-of day; NaN marks a missing float, NO_DAY a missing day. */
export interface CustomerMetricColumns {
  /** Index into log.customerIds. */
  readonly customer: Int32Array;
  readonly ordersCount: Int32Array;
  readonly purchaseDays: Int32Array;
  readonly totalSpent: Float64Array;
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  readonly avgIntervalDays: Float64Array;
  readonly rfmRecency: Uint8Array;
  readonly rfmFrequency: Uint8Array;
  readonly rfmMonetary: Uint8Array;
  /** Index into RFM_SEGMENTS. */
  readonly rfmSegment: Int8Array;
  readonly valuePercentile: Uint8Array;
  /** Null when there is no model. */
  readonly pAlive: Float64Array | null;
  readonly expectedOrders: Float64Array | null;
  readonly clv: Float64Array | null;
  readonly expectedNextOrderDay: Int32Array;
}

export const NO_DAY = -2147483648;

/**
 * The metrics of every customer in the log with a purchase by the as-of day. `cutoffs` given: score
 * RFM and value against them (one customer updated after an order); absent: take them from this
 * population and return them. `spend` (per log customer) replaces the log's amounts as the
 * customer's total spent, which RFM and the value percentile rank: the store passes exact minor
 * units, so its scores equal the customer 360's. Orders after the as-of day must not be in the log.
 */
export function computeCustomerMetrics(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  model: StoreModel | null,
  given?: PopulationCutoffs,
  spend?: Float64Array,
): { readonly metrics: CustomerMetricColumns; readonly cutoffs: PopulationCutoffs } {
  const now = summarizeCustomers(log, byCustomer, { calibrationEndDay: asOfDay, timeUnit: 'week' });
  const n = now.customer.length;
  const { start, order } = byCustomer;
  const ordersCount = new Int32Array(n);
  const purchaseDays = new Int32Array(n);
  const totalSpent = new Float64Array(n);
  const firstDay = new Int32Array(n);
  const lastDay = new Int32Array(n);
  const avgIntervalDays = new Float64Array(n);
  const expectedNextOrderDay = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = now.customer[k];
    let count = 0;
    let sum = 0;
    let days = 0;
    let previous = NO_DAY;
    for (let i = start[c]; i < start[c + 1]; i++) {
      const o = order[i];
      const d = log.orderDay[o];
      if (d > asOfDay) break; // orders are sorted by day
      count++;
      sum += log.orderAmount[o];
      if (d !== previous) days++;
      previous = d;
    }
    ordersCount[k] = count;
    purchaseDays[k] = days;
    totalSpent[k] = spend === undefined ? sum : spend[c];
    firstDay[k] = log.orderDay[order[start[c]]];
    lastDay[k] = previous;
    avgIntervalDays[k] = days >= 2 ? (previous - firstDay[k]) / (days - 1) : Number.NaN;
    expectedNextOrderDay[k] = days >= 2 ? previous + Math.round(avgIntervalDays[k]) : NO_DAY;
  }

  let pAlive: Float64Array | null = null;
  let expectedOrders: Float64Array | null = null;
  let clv: Float64Array | null = null;
  if (model) {
    // The report's step 5 (build-model-section.ts) with the model's parameters.
    const count = COUNT_MODELS[model.countModel];
    const histories: CountHistories = { x: now.frequency, tx: now.recency, T: now.T };
    pAlive = count.pAlive(model.params, histories);
    const forecast = count.forecast(model.params, histories, pAlive);
    expectedOrders = new Float64Array(n);
    forecast(EXPECTED_ORDERS_WEEKS, expectedOrders);
    let expectedSpend: Float64Array;
    if (model.spend)
      expectedSpend = gammaGammaExpectedSpend(
        model.spend as { p: number; q: number; gamma: number },
        now.frequency,
        now.monetaryValue,
      );
    else {
      const spendTotal = customerSpend(log, byCustomer, now.customer);
      expectedSpend = new Float64Array(n);
      for (let k = 0; k < n; k++) expectedSpend[k] = spendTotal[k] / (now.frequency[k] + 1);
    }
    clv = customerLifetimeValue(forecast, expectedSpend, {
      months: CLV_MONTHS,
      monthlyDiscountRate: MONTHLY_DISCOUNT_RATE,
      timeUnitsPerMonth: WEEKS_PER_MONTH,
    });
  }

  const value = clv ?? totalSpent;
  const cutoffs: PopulationCutoffs = given ?? {
    rfm: rfmThresholds(lastDay, ordersCount, totalSpent),
    value: Array.from(quantileCutoffs(Float64Array.from(value).sort(), 100)),
    valueBasis: clv ? 'predicted_clv' : 'total_spent',
  };
  const rfmRecency = new Uint8Array(n);
  const rfmFrequency = new Uint8Array(n);
  const rfmMonetary = new Uint8Array(n);
  const rfmSegment = new Int8Array(n);
  const valuePercentile = new Uint8Array(n);
  const basis = cutoffs.valueBasis === 'predicted_clv' && clv ? clv : totalSpent;
  for (let k = 0; k < n; k++) {
    const score = scoreRfm(cutoffs.rfm, lastDay[k], ordersCount[k], totalSpent[k]);
    rfmRecency[k] = score.recency;
    rfmFrequency[k] = score.frequency;
    rfmMonetary[k] = score.monetary;
    rfmSegment[k] = rfmSegmentOf(score.recency, score.frequency);
    valuePercentile[k] = countBelow(cutoffs.value, basis[k]);
  }
  return {
    metrics: {
      customer: now.customer,
      ordersCount,
      purchaseDays,
      totalSpent,
      firstDay,
      lastDay,
      avgIntervalDays,
      rfmRecency,
      rfmFrequency,
      rfmMonetary,
      rfmSegment,
      valuePercentile,
      pAlive,
      expectedOrders,
      clv,
      expectedNextOrderDay,
    },
    cutoffs,
  };
}

/** How many of the ascending cut-offs lie strictly below v (binary search). */
function countBelow(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The RFM segment's name. */
export function rfmSegmentName(index: number): string {
  return RFM_SEGMENTS[index].name;
}
