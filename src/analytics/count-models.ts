/**
 * The three continuous-time count models behind one interface, so the report can fit, compare and
 * predict with any of them by name. Parameters travel as plain records ({ r, alpha, a, b } or
 * { r, alpha, s, beta }), as they appear in the JSON report.
 */
import {
  bgNbdForecast,
  bgNbdExpectedPurchasesNew,
  bgNbdPAlive,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  mbgNbdExpectedPurchasesNew,
  mbgNbdForecast,
  mbgNbdPAlive,
  paretoNbdExpectedPurchasesNew,
  paretoNbdForecast,
  paretoNbdPAlive,
  type BgNbdParams,
  type CountHistories,
  type FitOptions,
  type FitResult,
  type MbgNbdParams,
  type ParetoNbdParams,
  type PurchaseForecast,
} from './models/index.js';
import type { CountModelName } from './report.types.js';

export type CountParams = Readonly<Record<string, number>>;

export interface CountModel {
  readonly name: CountModelName;
  /** Free parameters (the k of BIC). */
  readonly parameterCount: number;
  fit(data: CountHistories, options?: FitOptions<CountParams>): FitResult<CountParams>;
  /** P(alive at the end of each history). */
  pAlive(params: CountParams, h: CountHistories): Float64Array;
  /** Expected repeat purchases of each customer in the next t time units, for any t (pAlive: from pAlive() when already computed). */
  forecast(params: CountParams, h: CountHistories, pAlive?: Float64Array): PurchaseForecast;
  /** E[X(t)], repeat purchases by t of a customer who has just made a first purchase. */
  expectedPurchasesNew(params: CountParams, t: Float64Array): Float64Array;
}

/** How the report names each model. */
export const COUNT_MODEL_LABELS: Readonly<Record<CountModelName, string>> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  'pareto-nbd': 'Pareto/NBD',
};

/** In the order the report lists them. */
export const COUNT_MODEL_NAMES: readonly CountModelName[] = ['bgnbd', 'mbgnbd', 'pareto-nbd'];

// The records are checked by each model's own parameter check (checkParams) before use.
const bg = (p: CountParams): BgNbdParams => p as unknown as BgNbdParams;
const mbg = (p: CountParams): MbgNbdParams => p as unknown as MbgNbdParams;
const pareto = (p: CountParams): ParetoNbdParams => p as unknown as ParetoNbdParams;
const asRecord = <P>(result: FitResult<P>): FitResult<CountParams> => result as unknown as FitResult<CountParams>;

export const COUNT_MODELS: Readonly<Record<CountModelName, CountModel>> = {
  bgnbd: {
    name: 'bgnbd',
    parameterCount: 4,
    fit: (data, options) => asRecord(fitBgNbd(data, options as FitOptions<BgNbdParams> | undefined)),
    pAlive: (p, h) => bgNbdPAlive(bg(p), h),
    forecast: (p, h, pAlive) => bgNbdForecast(bg(p), h, pAlive),
    expectedPurchasesNew: (p, t) => bgNbdExpectedPurchasesNew(bg(p), t),
  },
  mbgnbd: {
    name: 'mbgnbd',
    parameterCount: 4,
    fit: (data, options) => asRecord(fitMbgNbd(data, options as FitOptions<MbgNbdParams> | undefined)),
    pAlive: (p, h) => mbgNbdPAlive(mbg(p), h),
    forecast: (p, h, pAlive) => mbgNbdForecast(mbg(p), h, pAlive),
    expectedPurchasesNew: (p, t) => mbgNbdExpectedPurchasesNew(mbg(p), t),
  },
  'pareto-nbd': {
    name: 'pareto-nbd',
    parameterCount: 4,
    fit: (data, options) => asRecord(fitParetoNbd(data, options as FitOptions<ParetoNbdParams> | undefined)),
    pAlive: (p, h) => paretoNbdPAlive(pareto(p), h),
    forecast: (p, h, pAlive) => paretoNbdForecast(pareto(p), h, pAlive),
    expectedPurchasesNew: (p, t) => paretoNbdExpectedPurchasesNew(pareto(p), t),
  },
};
