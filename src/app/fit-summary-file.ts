import { COUNT_MODELS } from '../domain/analytics/count-models.js';
import {
  bgBbExpectedPurchases,
  bgBbPAlive,
  customerLifetimeValue,
  DAYS_PER_MONTH,
  fitBgBb,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  type FitResult,
  type GammaGammaParams,
  type ModelName,
  WEEKS_PER_MONTH,
} from '../domain/analytics/models/index.js';
import type { Rejection } from '../domain/analytics/report.types.js';
import { RegularsError } from '../domain/errors.js';
import type { ReadSummary, SummaryFile } from './ports.js';

export const FIT_MODELS = ['bgnbd', 'mbgnbd', 'pareto-nbd', 'bgbb', 'gamma-gamma'] as const satisfies readonly ModelName[];

export interface FitInput {
  readonly path: string;
  readonly model: ModelName;
  readonly penalty?: number;
  /** Forecast horizon, in the summary's time unit (periods for BG/BB); predictions only with it. */
  readonly horizon?: number;
  readonly timeUnit: 'week' | 'day';
  readonly clvMonths: number;
  readonly monthlyDiscountRate: number;
  readonly strict?: boolean;
}

/** The predictions table: named columns, one value per customer. */
export interface Predictions {
  readonly customerIds: readonly string[];
  readonly columns: readonly { readonly name: string; readonly values: Float64Array }[];
}

export interface FitOutput {
  readonly fit: FitResult<Readonly<Record<string, number>>>;
  /** Gamma-Gamma fitted beside a count model when the summary has monetary_value. */
  readonly spend: FitResult<GammaGammaParams> | null;
  readonly predictions: Predictions | null;
  /** Why a part was left out (e.g. no expected spend when q <= 1). */
  readonly notes: readonly string[];
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
}

const asRecord = <P>(r: FitResult<P>) => r as unknown as FitResult<Readonly<Record<string, number>>>;

/**
 * `regulars fit`: fit one model to a per-customer summary and, with a horizon, predict every
 * customer. With a count model and monetary_value, Gamma-Gamma is fitted on the repeat customers
 * too, for expected spend and CLV (monthly steps, discounted; docs/models.md).
 */
export async function fitSummaryFile(deps: { readSummary: ReadSummary }, input: FitInput): Promise<FitOutput> {
  const discrete = input.model === 'bgbb';
  const file = await deps.readSummary(input.path, { discrete, strict: input.strict });
  if (file.frequency.length === 0) {
    throw new RegularsError('NO_ORDERS', `${input.path} has no usable rows (${file.rowsRead} read, ${file.rejectedRows} rejected)`, { rejections: file.rejections.slice(0, 10) });
  }
  const options = { penalty: input.penalty };
  const notes: string[] = [];
  const base = { rowsRead: file.rowsRead, rejectedRows: file.rejectedRows, rejections: file.rejections };
  const horizon = input.horizon;

  if (input.model === 'gamma-gamma') {
    if (file.monetary === null) throw new RegularsError('MISSING_COLUMN', 'Gamma-Gamma needs a monetary_value column', { missing: ['monetary_value'] });
    const spendData = repeatSpend(file);
    const fit = fitGammaGamma(spendData, options);
    const predictions = horizon === undefined ? null : spendPredictions(fit.params, file, notes);
    return { fit: asRecord(fit), spend: null, predictions, notes, ...base };
  }

  if (discrete) {
    const h = { x: file.frequency, tx: file.recency, n: file.T, weights: file.weights ?? undefined };
    const fit = fitBgBb(h, options);
    const predictions =
      horizon === undefined
        ? null
        : {
            customerIds: file.customerIds,
            columns: [
              { name: 'p_alive', values: bgBbPAlive(fit.params, h) },
              { name: 'expected_purchases', values: bgBbExpectedPurchases(fit.params, h, horizon) },
            ],
          };
    return { fit: asRecord(fit), spend: null, predictions, notes, ...base };
  }

  const model = COUNT_MODELS[input.model];
  const h = { x: file.frequency, tx: file.recency, T: file.T };
  const fit = model.fit(h, options);
  let spend: FitResult<GammaGammaParams> | null = null;
  if (file.monetary !== null) {
    try {
      spend = fitGammaGamma(repeatSpend(file), options);
    } catch (error) {
      if (!(error instanceof RegularsError)) throw error;
      notes.push(`Gamma-Gamma could not be fitted (${error.message}): no expected spend or CLV.`);
    }
  }
  if (horizon === undefined) return { fit, spend, predictions: null, notes, ...base };

  const pAlive = model.pAlive(fit.params, h);
  const forecast = model.forecast(fit.params, h, pAlive);
  const expected = new Float64Array(h.x.length);
  forecast(horizon, expected);
  const columns = [
    { name: 'p_alive', values: pAlive },
    { name: 'expected_purchases', values: expected },
  ];
  if (spend !== null) {
    const spendColumn = spendPredictions(spend.params, file, notes);
    if (spendColumn !== null) {
      const expectedSpend = spendColumn.columns[0].values;
      const timeUnitsPerMonth = input.timeUnit === 'week' ? WEEKS_PER_MONTH : DAYS_PER_MONTH;
      const clv = customerLifetimeValue(forecast, expectedSpend, { months: input.clvMonths, monthlyDiscountRate: input.monthlyDiscountRate, timeUnitsPerMonth });
      columns.push({ name: 'expected_spend', values: expectedSpend }, { name: 'clv', values: clv });
    }
  }
  return { fit, spend, predictions: { customerIds: file.customerIds, columns }, notes, ...base };
}

/** The repeat customers' mean spend: Gamma-Gamma's data (first purchases are not in the mean). */
function repeatSpend(file: SummaryFile) {
  const keep: number[] = [];
  for (let i = 0; i < file.frequency.length; i++) if (file.frequency[i] > 0 && file.monetary![i] > 0) keep.push(i);
  return {
    x: Float64Array.from(keep, (i) => file.frequency[i]),
    monetary: Float64Array.from(keep, (i) => file.monetary![i]),
  };
}

/** Expected spend per order for every customer, or null (with a note) when q <= 1. */
function spendPredictions(params: GammaGammaParams, file: SummaryFile, notes: string[]): Predictions | null {
  if (params.q <= 1) {
    notes.push(`Gamma-Gamma q = ${params.q.toFixed(3)} <= 1: the mean spend is infinite, so there is no expected spend or CLV.`);
    return null;
  }
  return { customerIds: file.customerIds, columns: [{ name: 'expected_spend', values: gammaGammaExpectedSpend(params, file.frequency, file.monetary!) }] };
}
