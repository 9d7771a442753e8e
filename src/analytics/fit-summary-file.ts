import { timeToNextExpectedPurchase } from './models/next-purchase.js';
import { COUNT_MODELS } from './count-models.js';
import {
  bgBbExpectedPurchases,
  bgBbPAlive,
  customerLifetimeValue,
  DAYS_PER_MONTH,
  fitBgBb,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  type CountHistories,
  type FitResult,
  type GammaGammaParams,
  type ModelName,
  type SpendHistories,
  WEEKS_PER_MONTH,
} from './models/index.js';
import type { Rejection } from './report.types.js';
import { RegularsError } from '../platform/errors.js';
import type { IdList, ReadSummary, SummaryFile, SummaryKind } from './ports.js';

export const FIT_MODELS = [
  'bgnbd',
  'mbgnbd',
  'pareto-nbd',
  'bgbb',
  'gamma-gamma',
] as const satisfies readonly ModelName[];

export interface FitInput {
  readonly path: string;
  readonly model: ModelName;
  readonly penalty?: number;
  /** Predict every customer (`--predictions`). */
  readonly predict: boolean;
  /** Forecast horizon in the summary's time unit (whole periods for BG/BB); needed to predict with a count model. */
  readonly horizon?: number;
  readonly timeUnit: 'week' | 'day';
  readonly clvMonths: number;
  readonly monthlyDiscountRate: number;
  readonly strict?: boolean;
  /** The day the summary's histories end (its calibration end), as a day number: adds next_order_date. */
  readonly asOfDay?: number;
}

/** One column of predictions: numbers, or day numbers written as dates; NaN is written as an empty cell where `blank` says so. */
export interface PredictionColumn {
  readonly name: string;
  readonly values: Float64Array;
  readonly kind?: 'number' | 'day';
  readonly blank?: boolean;
}

/** The predictions table: named columns, one value per summary row. */
export interface Predictions {
  readonly customerIds: IdList;
  readonly columns: readonly PredictionColumn[];
}

/** Far enough for any next order: 100 years in the summary's unit. */
const NEXT_ORDER_HORIZON_YEARS = 100;

type AnyFit = FitResult<Readonly<Record<string, number>>>;

export interface FitOutput {
  readonly fit: AnyFit;
  /** Gamma-Gamma fitted beside a count model when the summary has monetary_value. */
  readonly spend: FitResult<GammaGammaParams> | null;
  readonly predictions: Predictions | null;
  /** What the caller should know beyond the fit's own warnings (rows left out, columns omitted). */
  readonly notes: readonly string[];
  readonly rowsRead: number;
  readonly rejectedRows: number;
  readonly rejections: readonly Rejection[];
}

const KIND: Readonly<Record<ModelName, SummaryKind>> = {
  bgnbd: 'count',
  mbgnbd: 'count',
  'pareto-nbd': 'count',
  bgbb: 'discrete',
  'gamma-gamma': 'spend',
};

const asRecord = <P>(r: FitResult<P>) => r as unknown as AnyFit;

/**
 * `regulars fit`: fits one model to a per-customer summary and, when asked, predicts every row.
 * With a count model and monetary_value, Gamma-Gamma is fitted on the repeat customers too, for
 * expected spend and CLV (monthly steps, discounted; docs/models.md); when it cannot be used the
 * notes say why and those columns are left out.
 */
export async function fitSummaryFile(deps: { readSummary: ReadSummary }, input: FitInput): Promise<FitOutput> {
  const kind = KIND[input.model];
  const file = await deps.readSummary(input.path, { kind, strict: input.strict });
  if (file.frequency.length === 0) {
    throw new RegularsError(
      'NO_ORDERS',
      `${input.path} has no usable rows (${file.rowsRead} read, ${file.rejectedRows} rejected)`,
      { rejections: file.rejections.slice(0, 10) },
    );
  }
  const base = { rowsRead: file.rowsRead, rejectedRows: file.rejectedRows, rejections: file.rejections };
  const notes: string[] = [];
  const options = { penalty: input.penalty };

  if (kind === 'spend') {
    const fit = fitGammaGamma(spendHistories(file), options);
    const spend = input.predict ? expectedSpend(fit.params, file, notes) : null;
    const predictions = spend && {
      customerIds: file.customerIds,
      columns: [{ name: 'expected_spend', values: spend }],
    };
    return { fit: asRecord(fit), spend: null, predictions, notes, ...base };
  }

  if (kind === 'discrete') {
    const h = { x: file.frequency, tx: file.recency!, n: file.span!, weights: file.weights ?? undefined };
    const fit = fitBgBb(h, options);
    const horizon = input.horizon;
    const predictions =
      !input.predict || horizon === undefined
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

  const model = COUNT_MODELS[input.model as keyof typeof COUNT_MODELS];
  const all: CountHistories = {
    x: file.frequency,
    tx: file.recency!,
    T: file.span!,
    weights: file.weights ?? undefined,
  };
  const fit = model.fit(observed(all, notes), options);
  const spendFit = file.monetary === null ? null : fitSpendBeside(file, options.penalty, notes);
  if (!input.predict || input.horizon === undefined) return { fit, spend: spendFit, predictions: null, notes, ...base };

  const pAlive = model.pAlive(fit.params, all);
  const forecast = model.forecast(fit.params, all, pAlive);
  const expected = new Float64Array(pAlive.length);
  forecast(input.horizon, expected);
  const wait = timeToNextExpectedPurchase(
    forecast,
    pAlive.length,
    NEXT_ORDER_HORIZON_YEARS * (input.timeUnit === 'week' ? 365.25 / 7 : 365.25),
  );
  const columns: PredictionColumn[] = [
    { name: 'p_alive', values: pAlive },
    { name: 'expected_purchases', values: expected },
    { name: 'next_order_in', values: wait, blank: true },
  ];
  if (input.asOfDay !== undefined) {
    const daysPerUnit = input.timeUnit === 'week' ? 7 : 1;
    const asOfDay = input.asOfDay;
    columns.push({
      name: 'next_order_date',
      values: wait.map((w) => asOfDay + Math.ceil(w * daysPerUnit)),
      kind: 'day',
      blank: true,
    });
  }
  const spend = spendFit && expectedSpend(spendFit.params, file, notes);
  if (spend) {
    const timeUnitsPerMonth = input.timeUnit === 'week' ? WEEKS_PER_MONTH : DAYS_PER_MONTH;
    const clv = customerLifetimeValue(forecast, spend, {
      months: input.clvMonths,
      monthlyDiscountRate: input.monthlyDiscountRate,
      timeUnitsPerMonth,
    });
    columns.push({ name: 'expected_spend', values: spend }, { name: 'clv', values: clv });
  }
  return { fit, spend: spendFit, predictions: { customerIds: file.customerIds, columns }, notes, ...base };
}

/**
 * The histories the count models can learn from: a customer whose first purchase is on the last
 * day (T = 0) has not been observed at all, so the fit leaves them out (they are still predicted).
 */
function observed(h: CountHistories, notes: string[]): CountHistories {
  let unobserved = 0;
  for (let i = 0; i < h.T.length; i++) if (h.T[i] === 0) unobserved++;
  if (unobserved === 0) return h;
  if (unobserved === h.T.length)
    throw new RegularsError(
      'NO_ORDERS',
      'every customer has T = 0 (a first purchase at the end of observation): there is nothing to fit the model on',
    );
  notes.push(
    `${unobserved} ${unobserved === 1 ? 'customer' : 'customers'} with T = 0 (a first purchase at the end of observation) were left out of the fit; they are predicted as new customers.`,
  );
  const rows = new Int32Array(h.T.length - unobserved);
  for (let i = 0, k = 0; i < h.T.length; i++) if (h.T[i] > 0) rows[k++] = i;
  const keep = (from: Float64Array) => Float64Array.from(rows, (i) => from[i]);
  return { x: keep(h.x), tx: keep(h.tx), T: keep(h.T), weights: h.weights && keep(h.weights) };
}

/** Gamma-Gamma's data: the mean spend of each customer's repeat purchases (fitGammaGamma leaves out x = 0 itself). */
function spendHistories(file: SummaryFile): SpendHistories {
  return { x: file.frequency, monetary: file.monetary!, weights: file.weights ?? undefined };
}

/** Gamma-Gamma beside a count model, or null with a note saying why it could not be fitted. */
function fitSpendBeside(
  file: SummaryFile,
  penalty: number | undefined,
  notes: string[],
): FitResult<GammaGammaParams> | null {
  let repeaters = 0;
  for (let i = 0; i < file.frequency.length; i++) if (file.frequency[i] > 0 && file.monetary![i] > 0) repeaters++;
  if (repeaters === 0) {
    notes.push(
      'Gamma-Gamma needs customers with repeat purchases and a monetary_value above 0, and there are none: no expected_spend or clv.',
    );
    return null;
  }
  try {
    const fit = fitGammaGamma(spendHistories(file), { penalty });
    for (const w of fit.warnings) notes.push(`Gamma-Gamma: ${w}`);
    return fit;
  } catch (error) {
    if (!(error instanceof RegularsError)) throw error;
    notes.push(`Gamma-Gamma could not be fitted (${error.message}): no expected_spend or clv.`);
    return null;
  }
}

/** Expected spend per purchase of every row, or null (with a note) when q <= 1 leaves the mean infinite. */
function expectedSpend(params: GammaGammaParams, file: SummaryFile, notes: string[]): Float64Array | null {
  if (!(params.q > 1)) {
    notes.push(
      `Gamma-Gamma q = ${params.q.toPrecision(4)} <= 1: the mean spend per purchase is infinite, so there is no expected_spend or clv.`,
    );
    return null;
  }
  return gammaGammaExpectedSpend(params, file.frequency, file.monetary!);
}
