/**
 * Predictive customer models: pure functions over typed arrays.
 *
 * MODELS (one file each; equations cited in each file)
 *   bg-nbd.ts       BG/NBD       params { r, alpha, a, b }           Fader, Hardie & Lee 2005
 *   mbg-nbd.ts      MBG/NBD      params { r, alpha, a, b }           Batislam, Denizel & Filiztekin 2007
 *   pareto-nbd.ts   Pareto/NBD   params { r, alpha, s, beta }        Schmittlein, Morrison & Colombo 1987
 *   bg-bb.ts        BG/BB        params { alpha, beta, gamma, delta } Fader, Hardie & Shang 2010
 *   gamma-gamma.ts  Gamma-Gamma  params { p, q, gamma }              Fader, Hardie & Lee 2005b
 *
 * INPUTS: one entry per customer (or per group, with weights = customers in it), Float64Array:
 *   CountHistories    { x, tx, T, weights? }  x repeat purchases, tx last purchase and T end of
 *                     observation, both from the first purchase, in ONE time unit (alpha, beta come
 *                     out in it; the published CDNOW numbers use weeks). tx = 0 when x = 0.
 *   DiscreteHistories { x, tx, n, weights? }  BG/BB: x transactions in n opportunities, last at tx.
 *   SpendHistories    { x, monetary, weights? } Gamma-Gamma: mean value of the x repeat purchases.
 * Invalid inputs throw RegularsError('INVALID_ARGUMENT') naming the first bad row.
 *
 * FITTING: fitBgNbd(data, options?) and likewise fitMbgNbd, fitParetoNbd, fitBgBb, fitGammaGamma
 *   -> FitResult<P> = { model, params, logLikelihood, converged, iterations, gradientNorm,
 *      standardErrors, warnings, nObservations, nGroups, startsTried, evaluations, penalty }.
 *   - Identical histories are grouped first (group-histories.ts), so cost grows with distinct
 *     histories; terms that depend only on x (or T) are computed once per x (or T).
 *   - Maximum likelihood on log-parameters with analytic gradients, BFGS with a strong-Wolfe line
 *     search (optimize/bfgs.ts), several starting points (options.starts / allStarts), an optional
 *     L2 penalty on the log-parameters (options.penalty, see FitOptions), convergence diagnostics.
 *   - Time (and money) are rescaled to the data's mean T (mean spend) inside the fit, so the
 *     optimiser sees O(1) numbers whatever the unit; results are in the caller's units.
 *   - Above 100,000 distinct histories the multi-start search runs on a deterministic 50,000-history
 *     subsample and BFGS then finishes on all the data from there (mle.ts): the full data see a
 *     handful of evaluations, so a million customers fit in well under a second.
 *   - A fit whose likelihood keeps rising towards an edge (BG/NBD a -> 0 when nobody seems to drop
 *     out) stops at a bounded value and says so in `warnings`; it never returns NaN or throws.
 *   - standardErrors: from the numeric Hessian of the analytic gradient, mapped to the natural
 *     scale by the delta method (se(theta) = theta * se(ln theta)); null where unavailable.
 *   - xxxLogLikelihood(params, data) gives the log-likelihood at given parameters.
 *
 * PREDICTIONS (vectorised: Float64Array in, Float64Array out, one entry per customer):
 *   xxxPAlive(params, histories)                          P(alive at the end of observation)
 *   xxxForecast(params, histories[, pAlive]) -> (t, out) => void
 *                                                         expected purchases in the next t time units,
 *                                                         reusing P(alive) and per-(x, T) terms across horizons
 *                                                         (BG/NBD, MBG/NBD, Pareto/NBD: pass pAlive if already computed)
 *   xxxExpectedPurchases(params, histories, t)            the same for one horizon
 *   xxxExpectedPurchasesNew(params, times)                E[X(t)] of a new customer at each time
 *   bgNbdPurchaseProbabilities(params, t, kMax) (also mbgNbd; bgBbPurchaseProbabilities(params, n))
 *                                                         P(X(t) = k), k = 0..kMax, new customer
 *   xxxTimeToNextPurchase(params, histories)              { median, pAlive }: median time to the next
 *                                                         purchase of a customer who stays alive
 *   gammaGammaExpectedSpend(params, x, monetary)          expected value per order (q > 1, else
 *                                                         RegularsError('MODEL_NOT_APPLICABLE'))
 *   customerLifetimeValue(forecast, spend, { months, monthlyDiscountRate, timeUnitsPerMonth })
 *                                                         discounted CLV in monthly steps (clv.ts)
 * BG/BB times are opportunities (whole numbers; forecasts floor t).
 *
 * SIMULATION (simulate.ts): simulateBgNbd(params, nCustomers, T, rng, { timeStep? }) and likewise
 * for MBG/NBD, Pareto/NBD, BG/BB and Gamma-Gamma spend, with a seeded Rng from src/platform/random.ts.
 */
export type {
  CountHistories,
  DiscreteHistories,
  FitOptions,
  FitResult,
  ModelName,
  PurchaseForecast,
  SpendHistories,
  StandardErrors,
} from './types.js';
export { groupHistories, type GroupedHistories } from './group-histories.js';
export {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdForecast,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  bgNbdPurchaseProbabilities,
  bgNbdTimeToNextPurchase,
  fitBgNbd,
  type BgNbdParams,
} from './bg-nbd.js';
export {
  fitMbgNbd,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdForecast,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
  mbgNbdPurchaseProbabilities,
  mbgNbdTimeToNextPurchase,
  type MbgNbdParams,
} from './mbg-nbd.js';
export {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdForecast,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
  paretoNbdTimeToNextPurchase,
  type ParetoNbdParams,
} from './pareto-nbd.js';
export {
  bgBbExpectedPurchases,
  bgBbExpectedPurchasesNew,
  bgBbForecast,
  bgBbLogLikelihood,
  bgBbPAlive,
  bgBbPurchaseProbabilities,
  bgBbTimeToNextPurchase,
  fitBgBb,
  type BgBbParams,
} from './bg-bb.js';
export {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
} from './gamma-gamma.js';
export { customerLifetimeValue, DAYS_PER_MONTH, WEEKS_PER_MONTH, type ClvOptions } from './clv.js';
export {
  simulateBgBb,
  simulateBgNbd,
  simulateGammaGamma,
  simulateMbgNbd,
  simulateParetoNbd,
  type SimulatedCounts,
  type SimulateOptions,
} from './simulate.js';
