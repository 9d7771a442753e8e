/**
 * The predictions section of `regulars analyze`: the sequence of pure steps from the
 * order log to the report's `models` field.
 *
 * 1. Summarise every customer who first bought before the calibration end, in weeks (x, t_x, T,
 *    mean repeat spend, and the holdout purchases when there is a holdout).
 * 2. Fit the count models (all three with `auto`), score each: BIC, and with a holdout the mean
 *    absolute error of its per-customer holdout predictions. Choose by holdout error, else by BIC.
 * 3. Fit Gamma-Gamma on the repeat customers' mean spend (only usable with q > 1).
 * 4. Backtest the chosen model on the holdout: by calibration frequency, and the weekly tracking curve.
 * 5. Predict every customer at the report's as-of day with the calibration fit's parameters
 *    (histories up to the as-of day; no refit, so with a holdout the parameters have not seen the
 *    holdout's purchases): P(alive), purchases in the next 13 weeks, spend per purchase, 12-month CLV.
 */
import { backtestByFrequency, purchaseTimeline, sum, trackingCurve } from './backtest.js';
import { COUNT_MODEL_LABELS as MODEL_LABELS, COUNT_MODEL_NAMES, COUNT_MODELS } from './count-models.js';
import { customerLists, customerSpend } from './customer-predictions.js';
import { ymdFromDay } from './day.js';
import { bayesianInformationCriterion, chooseModel, meanAbsoluteError } from './model-selection.js';
import {
  customerLifetimeValue,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  WEEKS_PER_MONTH,
  type CountHistories,
} from './models/index.js';
import type { CustomerOrders, OrderLog } from './order-log.js';
import type {
  Backtest,
  CountModelName,
  CustomerPredictions,
  ModelChoiceRule,
  ModelFitRow,
  ModelSection,
  SpendModel,
} from './report.types.js';
import { summarizeCustomers, type CustomerSummary } from './summary.js';
import { repeatPurchaseCurve } from './repeat-curve.js';
import { repeatCurvePredictions } from './repeat-curve-predictions.js';

/** Values of `--model`. */
export const MODEL_CHOICES = ['auto', 'bgnbd', 'mbgnbd', 'pareto-nbd', 'none'] as const;
export type ModelChoice = (typeof MODEL_CHOICES)[number];

/** Below this many calibration customers the fits say little; the section is left out with a note. */
export const MIN_MODEL_CUSTOMERS = 20;
/** Forecast horizon of the per-customer lists: a quarter, 13 weeks. */
export const HORIZON_WEEKS = 13;
/** CLV horizon and monthly discount rate (0.01 a month is about 12.7% a year). */
export const CLV_MONTHS = 12;
export const MONTHLY_DISCOUNT_RATE = 0.01;

/**
 * Fit options for the report. Standard errors are not shown and cost 2 x 4 more likelihood
 * evaluations. A warm start on 5,000 distinct histories (instead of the default 50,000) makes the
 * fits on a few hundred thousand customers about 3x faster (Pareto/NBD on 240,000 customers of the
 * 1M-row benchmark: 2.2 s -> 0.6 s) and ends at the same optimum: BFGS finishes on all the data.
 */
const FIT_OPTIONS = { standardErrors: false, warmStartGroups: 5_000 } as const;

export interface ModelSectionOptions {
  readonly model: Exclude<ModelChoice, 'none'>;
  /** Last day of the calibration period (inclusive). */
  readonly calibrationEndDay: number;
  /** Last day of the holdout period (inclusive), after the calibration end and not after asOfDay; null for no holdout. */
  readonly holdoutEndDay: number | null;
}

export interface ModelSectionResult {
  readonly section: ModelSection | null;
  /** Why the section is null. */
  readonly note: string | null;
  /** With too few customers for the models: every customer's predictions from the store's repeat curve. */
  readonly repeatCurvePredictions?: CustomerPredictions;
}

/**
 * What stands in for the models' predictions while there are too few customers to fit them: the
 * store's own repeat curve, the share of customers with k orders who placed another.
 */
function repeatCurveFallback(byCustomer: CustomerOrders): string {
  const curve = repeatPurchaseCurve(byCustomer).slice(0, 3);
  const shares = curve.flatMap(({ orders, customers, probabilityNext: p }) =>
    p === null
      ? []
      : [
          `${(100 * p).toFixed(0)}% of those with ${orders} ${orders === 1 ? 'order' : 'orders'} (${Math.round(p * customers)} of ${customers})`,
        ],
  );
  if (shares.length === 0) return '';
  return `Until then, the store's repeat curve stands in for them: ${shares.join(', ')} placed another.`;
}

/** See the module comment. `log` holds the orders up to `asOfDay`. */
export function buildModelSection(
  log: OrderLog,
  byCustomer: CustomerOrders,
  asOfDay: number,
  options: ModelSectionOptions,
): ModelSectionResult {
  const { calibrationEndDay: calEnd, holdoutEndDay: holdEnd } = options;
  const calibrationEnd = ymdFromDay(calEnd);
  const unavailable = (note: string): ModelSectionResult => ({ section: null, note });

  const cal = summarizeCustomers(log, byCustomer, {
    calibrationEndDay: calEnd,
    holdoutEndDay: holdEnd ?? undefined,
    timeUnit: 'week',
  });
  // Customers who first bought on the calibration end day have T = 0: nothing to fit on.
  const fitted = rowsWhere(cal, (k) => cal.T[k] > 0);
  const n = fitted.x.length;
  if (n < MIN_MODEL_CUSTOMERS) {
    return {
      section: null,
      note:
        `The models need at least ${MIN_MODEL_CUSTOMERS} customers who first bought before the calibration end (${calibrationEnd}); there ${n === 1 ? 'is' : 'are'} ${n}. ` +
        repeatCurveFallback(byCustomer),
      repeatCurvePredictions: repeatCurvePredictions(log, byCustomer, {
        asOfDay,
        horizonWeeks: HORIZON_WEEKS,
        clvMonths: CLV_MONTHS,
        monthlyDiscountRate: MONTHLY_DISCOUNT_RATE,
      }),
    };
  }
  if (sum(fitted.x) === 0) {
    return unavailable(
      `No customer made a repeat purchase by the calibration end (${calibrationEnd}), so there is nothing to learn repeat behaviour from.`,
    );
  }

  const warnings: string[] = [];
  const holdoutWeeks = holdEnd === null ? null : (holdEnd - calEnd) / 7;
  const names: readonly CountModelName[] = options.model === 'auto' ? COUNT_MODEL_NAMES : [options.model];
  const table: ModelFitRow[] = [];
  const holdoutPredictions: Float64Array[] = [];
  for (const name of names) {
    const model = COUNT_MODELS[name];
    try {
      const fit = model.fit(fitted, FIT_OPTIONS);
      if (!Number.isFinite(fit.logLikelihood)) {
        warnings.push(
          `${MODEL_LABELS[name]} could not be fitted: ${fit.warnings.join('; ') || 'the likelihood could not be evaluated'}`,
        );
        continue;
      }
      let holdoutMae: number | null = null;
      if (holdoutWeeks !== null && fitted.holdout) {
        const predicted = new Float64Array(n);
        model.forecast(fit.params, fitted)(holdoutWeeks, predicted);
        holdoutPredictions.push(predicted);
        holdoutMae = finiteOrNull(meanAbsoluteError(fitted.holdout, predicted));
      }
      table.push({
        model: name,
        params: { ...fit.params },
        logLikelihood: fit.logLikelihood,
        bic: bayesianInformationCriterion(fit.logLikelihood, model.parameterCount, n),
        holdoutMae,
        converged: fit.converged,
        warnings: fit.warnings,
      });
    } catch (error) {
      warnings.push(
        `${MODEL_LABELS[name]} could not be fitted: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const choiceRule: ModelChoiceRule =
    options.model !== 'auto' ? 'given' : holdoutWeeks !== null ? 'holdout-mae' : 'bic';
  const chosenIndex = choiceRule === 'given' ? (table.length > 0 ? 0 : -1) : chooseModel(table, choiceRule);
  if (chosenIndex < 0) return unavailable(`No model could be fitted. ${warnings.join(' ')}`.trim());
  const chosen = table[chosenIndex];
  const model = COUNT_MODELS[chosen.model];
  if (!chosen.converged)
    warnings.push(
      `The chosen model (${MODEL_LABELS[chosen.model]}) did not converge: treat its predictions as approximate.`,
    );

  const spend = fitSpend(fitted, warnings);

  let backtest: Backtest | null = null;
  if (holdEnd !== null && holdoutWeeks !== null && fitted.holdout) {
    const predicted = holdoutPredictions[chosenIndex];
    const timeline = purchaseTimeline(log, byCustomer, calEnd - 1, holdEnd);
    backtest = {
      holdoutWeeks,
      byFrequency: backtestByFrequency(fitted.x, fitted.holdout, predicted),
      tracking: timeline ? trackingCurve(timeline, (t) => model.expectedPurchasesNew(chosen.params, t)) : [],
      calibrationEndWeek: timeline ? (calEnd - timeline.firstDay + 1) / 7 : 0,
      mae: meanAbsoluteError(fitted.holdout, predicted),
      totalActual: sum(fitted.holdout),
      totalPredicted: sum(predicted),
    };
  }

  // Every customer at the as-of day (the calibration summary itself when the two days coincide).
  const now =
    calEnd === asOfDay && holdEnd === null
      ? cal
      : summarizeCustomers(log, byCustomer, { calibrationEndDay: asOfDay, timeUnit: 'week' });
  const histories: CountHistories = { x: now.frequency, tx: now.recency, T: now.T };
  const pAlive = model.pAlive(chosen.params, histories);
  const forecast = model.forecast(chosen.params, histories, pAlive);
  const expectedPurchases = new Float64Array(pAlive.length);
  forecast(HORIZON_WEEKS, expectedPurchases);
  const spendTotal = customerSpend(log, byCustomer, now.customer);
  let expectedSpend: Float64Array;
  if (spend) {
    expectedSpend = gammaGammaExpectedSpend(spend.params, now.frequency, now.monetaryValue);
  } else {
    // Without a spend model, each customer's own average per purchase day is the best guess.
    expectedSpend = new Float64Array(spendTotal.length);
    for (let k = 0; k < expectedSpend.length; k++) expectedSpend[k] = spendTotal[k] / (now.frequency[k] + 1);
    warnings.push(
      'Expected spend and CLV use each customer\u2019s own average order value, because the Gamma-Gamma spend model could not be used (see spend).',
    );
  }
  const clv = customerLifetimeValue(forecast, expectedSpend, {
    months: CLV_MONTHS,
    monthlyDiscountRate: MONTHLY_DISCOUNT_RATE,
    timeUnitsPerMonth: WEEKS_PER_MONTH,
  });
  const daysSinceLast = new Float64Array(now.T.length);
  for (let k = 0; k < daysSinceLast.length; k++) daysSinceLast[k] = Math.round((now.T[k] - now.recency[k]) * 7);
  const lists = customerLists({
    customerId: (k) => log.customerIds[now.customer[k]],
    frequency: now.frequency,
    daysSinceLast,
    spend: spendTotal,
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
  });

  return {
    section: {
      calibrationEnd,
      holdoutEnd: holdEnd === null ? null : ymdFromDay(holdEnd),
      timeUnit: 'week',
      calibrationCustomers: n,
      chosen: chosen.model,
      choiceRule,
      table,
      spend,
      backtest,
      customers: {
        asOf: ymdFromDay(asOfDay),
        horizonWeeks: HORIZON_WEEKS,
        clvMonths: CLV_MONTHS,
        monthlyDiscountRate: MONTHLY_DISCOUNT_RATE,
        spendSource: spend ? 'gamma-gamma' : 'average-order-value',
        source: 'model',
        ...lists,
      },
      warnings,
    },
    note: null,
  };
}

interface FittedRows extends CountHistories {
  readonly monetary: Float64Array;
  readonly holdout: Float64Array | null;
}

/** The summary rows that pass `keep`, as model inputs. */
function rowsWhere(s: CustomerSummary, keep: (k: number) => boolean): FittedRows {
  let count = 0;
  for (let k = 0; k < s.customer.length; k++) if (keep(k)) count++;
  const rows = new Int32Array(count);
  for (let k = 0, j = 0; k < s.customer.length; k++) if (keep(k)) rows[j++] = k;
  const pick = (from: Float64Array): Float64Array => {
    const out = new Float64Array(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = from[rows[j]];
    return out;
  };
  return {
    x: pick(s.frequency),
    tx: pick(s.recency),
    T: pick(s.T),
    monetary: pick(s.monetaryValue),
    holdout: s.holdoutFrequency ? pick(s.holdoutFrequency) : null,
  };
}

/** Gamma-Gamma on the repeat customers, or null (with the reason in warnings) when it cannot be fitted or has q <= 1. */
function fitSpend(rows: FittedRows, warnings: string[]): SpendModel | null {
  try {
    const fit = fitGammaGamma({ x: rows.x, monetary: rows.monetary }, FIT_OPTIONS);
    if (!Number.isFinite(fit.logLikelihood) || !(fit.params.q > 1)) {
      warnings.push(
        `Gamma-Gamma spend model not used: ${fit.warnings.join('; ') || 'the likelihood could not be evaluated'}.`,
      );
      return null;
    }
    return { model: 'gamma-gamma', params: { ...fit.params }, customers: fit.nObservations, warnings: fit.warnings };
  } catch (error) {
    warnings.push(`Gamma-Gamma spend model not used: ${error instanceof Error ? error.message : String(error)}.`);
    return null;
  }
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
