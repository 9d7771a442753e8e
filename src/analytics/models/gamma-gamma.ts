/**
 * Gamma-Gamma spend model: Fader, Hardie & Lee (2005b), "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", JMR 42(4), section 4 and its technical note (Fader & Hardie 2013, "The
 * Gamma-Gamma Model of Monetary Value"). Each purchase value z ~ Gamma(p, rate nu); across
 * customers nu ~ Gamma(q, rate gamma). Fitted on customers with at least one repeat purchase, from
 * their number of repeat purchases x and the mean value of those purchases m. It assumes spend is
 * independent of the purchase process, so it pairs with any of the count models for CLV.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { RegularsError } from '../../platform/errors.js';
import { checkParams } from './count-common.js';
import { fitModel, genericBoundary, LIMIT_SHAPE } from './fit-result.js';
import { MAX_PURCHASES } from './group-histories.js';
import type { LogLikelihood } from './mle.js';
import { spendLimit, Z_CRITICAL, type SpendLimit } from './spend-limit.js';
import type { FitOptions, FitResult, SpendHistories } from './types.js';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

const NAMES = ['p', 'q', 'gamma'] as const;

export interface PreparedSpend {
  readonly scale: number;
  readonly nObservations: number;
  readonly maxX: number;
  readonly xs: Int32Array;
  /** Scaled mean spend. */
  readonly m: Float64Array;
  readonly w: Float64Array;
  readonly weightByX: Float64Array;
  /** sum w x ln m and sum w ln m (scaled m), constants of the likelihood. */
  readonly sumWXLogM: number;
  readonly sumWLogM: number;
  readonly sumWXLogX: number;
  readonly ignored: number;
}

export function prepareSpend(data: SpendHistories): PreparedSpend {
  const { x, monetary, weights } = data;
  const n = x.length;
  if (monetary.length !== n || (weights && weights.length !== n))
    throw new RegularsError('INVALID_ARGUMENT', 'x, monetary (and weights) must have the same length');
  let used = 0;
  let ignored = 0;
  let wSum = 0;
  let wm = 0;
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const w = weights ? weights[i] : 1;
    if (
      !(xi >= 0) ||
      !Number.isInteger(xi) ||
      xi > MAX_PURCHASES ||
      !Number.isFinite(monetary[i]) ||
      !(w >= 0) ||
      !Number.isFinite(w)
    ) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `customer ${i}: need x a whole number from 0 to ${MAX_PURCHASES}, a finite monetary value and weight >= 0 (got x=${xi}, monetary=${monetary[i]}, weight=${w})`,
        { row: i },
      );
    }
    if (xi === 0 || w === 0) continue;
    if (!(monetary[i] > 0)) {
      ignored += w;
      continue;
    }
    used++;
    wSum += w;
    wm += w * monetary[i];
    if (xi > maxX) maxX = xi;
  }
  const scale = wSum > 0 ? wm / wSum : 1;
  const xs = new Int32Array(used);
  const m = new Float64Array(used);
  const w = new Float64Array(used);
  const weightByX = new Float64Array(maxX + 1);
  let sumWXLogM = 0;
  let sumWLogM = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i] : 1;
    if (x[i] === 0 || wi === 0 || !(monetary[i] > 0)) continue;
    xs[k] = x[i];
    m[k] = monetary[i] / scale;
    w[k] = wi;
    weightByX[x[i]] += wi;
    const lm = Math.log(m[k]);
    sumWXLogM += wi * x[i] * lm;
    sumWLogM += wi * lm;
    k++;
  }
  let sumWXLogX = 0;
  for (let xv = 1; xv <= maxX; xv++) sumWXLogX += weightByX[xv] * xv * Math.log(xv);
  return { scale, nObservations: wSum, maxX, xs, m, w, weightByX, sumWXLogM, sumWLogM, sumWXLogX, ignored };
}

/** Every k-th customer, weighted by k, for a quick first fit on very large data (see mle.ts). */
function subsampleSpend(prep: PreparedSpend, maxGroups: number): PreparedSpend {
  const n = prep.xs.length;
  const k = Math.max(1, Math.ceil(n / Math.max(1, maxGroups)));
  const len = Math.ceil(n / k);
  const xs = new Int32Array(len);
  const m = new Float64Array(len);
  const w = new Float64Array(len);
  const weightByX = new Float64Array(prep.maxX + 1);
  let nObservations = 0;
  let sumWXLogM = 0;
  let sumWLogM = 0;
  for (let j = 0, i = 0; i < n; i += k, j++) {
    xs[j] = prep.xs[i];
    m[j] = prep.m[i];
    w[j] = prep.w[i] * k;
    weightByX[xs[j]] += w[j];
    nObservations += w[j];
    const lm = Math.log(m[j]);
    sumWXLogM += w[j] * xs[j] * lm;
    sumWLogM += w[j] * lm;
  }
  let sumWXLogX = 0;
  for (let xv = 1; xv <= prep.maxX; xv++) sumWXLogX += weightByX[xv] * xv * Math.log(xv);
  return { ...prep, nObservations, xs, m, w, weightByX, sumWXLogM, sumWLogM, sumWXLogX };
}

/**
 * Log-likelihood of the mean spend m given x (the density of the mean of x Gamma(p, nu) values,
 * mixed over nu ~ Gamma(q, gamma); Fader & Hardie 2013 eq. 3 written for m rather than x m):
 *   ln f = ln Gamma(p x + q) - ln Gamma(p x) - ln Gamma(q) + q ln gamma + (p x - 1) ln m + p x ln x
 *          - (p x + q) ln(gamma + x m),
 * with the gammaln/digamma terms once per distinct x and one logarithm per customer.
 */
export function gammaGammaLikelihood(prep: PreparedSpend): LogLikelihood {
  const { maxX, xs, m, w, weightByX, sumWXLogM, sumWLogM, sumWXLogX } = prep;
  const n = xs.length;
  return {
    nObservations: prep.nObservations,
    nGroups: n,
    subsample: (maxGroups) => gammaGammaLikelihood(subsampleSpend(prep, maxGroups)),
    evaluate(theta: Float64Array, grad: Float64Array): number {
      const p = Math.exp(theta[0]);
      const q = Math.exp(theta[1]);
      const gamma = Math.exp(theta[2]);
      const lnGamma = theta[2];
      const W = prep.nObservations;
      let ll = -W * gammaln(q) + W * q * lnGamma + p * sumWXLogM - sumWLogM + p * sumWXLogX;
      let gp = sumWXLogM + sumWXLogX;
      let gq = -W * digamma(q) + W * lnGamma;
      let gg = (W * q) / gamma;
      for (let x = 1; x <= maxX; x++) {
        const Wx = weightByX[x];
        if (Wx === 0) continue;
        const px = p * x;
        ll += Wx * (gammaln(px + q) - gammaln(px));
        const dPlus = digamma(px + q);
        gp += Wx * x * (dPlus - digamma(px));
        gq += Wx * dPlus;
      }
      let sumL = 0;
      let sumXL = 0;
      let sumRatio = 0;
      for (let i = 0; i < n; i++) {
        const x = xs[i];
        const wi = w[i];
        const base = gamma + x * m[i];
        const l = Math.log(base);
        sumL += wi * l;
        sumXL += wi * x * l;
        sumRatio += (wi * (p * x + q)) / base;
      }
      ll -= p * sumXL + q * sumL;
      gp -= sumXL;
      gq -= sumL;
      gg -= sumRatio;
      grad[0] = p * gp;
      grad[1] = q * gq;
      grad[2] = gamma * gg;
      return ll;
    },
  };
}

function describeBoundary(index: number, direction: -1 | 1): string {
  if (index === 1 && direction > 0)
    return 'q -> infinity (with gamma): mean spend looks the same for every customer (no heterogeneity in nu)';
  if (index === 0 && direction > 0)
    return 'p -> infinity: each customer spends the same amount on every purchase (no variation around the customer mean)';
  return genericBoundary(NAMES[index], direction);
}

/**
 * The fit at the spend limit (spend-limit.ts): q = LIMIT_SHAPE stands for infinity and
 * gamma = q M / p keeps the mean purchase value p gamma / (q - 1) at the common mean M, so every
 * customer's expected spend is M to about 1e-7; no standard errors (the likelihood is flat there).
 */
function fitAtSpendLimit(
  prep: PreparedSpend,
  limit: SpendLimit,
  extra: readonly string[],
): FitResult<GammaGammaParams> {
  const mean = limit.meanSpend * prep.scale;
  return {
    model: 'gamma-gamma',
    params: { p: limit.p, q: LIMIT_SHAPE, gamma: (LIMIT_SHAPE * mean) / limit.p },
    logLikelihood: limit.logLikelihood - Math.log(prep.scale) * prep.nObservations,
    converged: true,
    iterations: 0,
    gradientNorm: 0,
    standardErrors: { p: null, q: null, gamma: null },
    warnings: [
      ...extra,
      `mean spend looks the same for every customer: customers' mean purchase values vary no more than their own purchases' variation explains (heterogeneity z = ${limit.z.toFixed(2)}, below ${Z_CRITICAL}), so the fit is the limit without heterogeneity, q, gamma -> infinity: an expected spend of ${mean.toPrecision(4)} per purchase for everyone`,
    ],
    nObservations: prep.nObservations,
    nGroups: prep.xs.length,
    startsTried: 0,
    evaluations: 0,
    penalty: 0,
  };
}

/**
 * Maximum-likelihood fit on customers with x > 0 and monetary > 0 (others are left out; those with
 * x > 0 but a non-positive mean spend are counted in a warning). An unpenalised fit from the
 * default starts first tests for the limit without heterogeneity (spend-limit.ts) and answers with
 * it when the data show none.
 */
export function fitGammaGamma(
  data: SpendHistories,
  options: FitOptions<GammaGammaParams> = {},
): FitResult<GammaGammaParams> {
  const prep = prepareSpend(data);
  const extra: string[] = [];
  if (prep.ignored > 0)
    extra.push(`${prep.ignored} customers with repeat purchases but a mean spend <= 0 were left out`);
  if (options.starts === undefined && (options.penalty ?? 0) === 0) {
    const limit = spendLimit(prep);
    if (limit !== null && limit.z < Z_CRITICAL) return fitAtSpendLimit(prep, limit, extra);
  }
  const result = fitModel<GammaGammaParams>(
    {
      model: 'gamma-gamma',
      names: NAMES,
      ll: gammaGammaLikelihood(prep),
      // Mean spend is 1 in scaled units: p gamma / (q - 1) = 1 at each start.
      defaultStarts: [
        [2, 3, 1],
        [6, 4, 0.5],
        [1, 1.5, 0.5],
        [10, 10, 0.9],
      ],
      unitFactors: [1, 1, prep.scale],
      // Measuring money in units of `scale` divides each density of m by scale.
      toNaturalLogLikelihood: (ll) => ll - Math.log(prep.scale) * prep.nObservations,
      describeBoundary,
      extraWarnings: extra,
    },
    options,
  );
  if (result.params.q <= 1) {
    result.warnings.push(
      `q = ${result.params.q.toPrecision(4)} <= 1: the population mean spend is infinite, so expected spend (and CLV) cannot be predicted from this fit`,
    );
  }
  return result;
}

/** Log-likelihood of the spend data at the given parameters (customers with x > 0 and monetary > 0). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendHistories): number {
  checkParams('Gamma-Gamma', params, NAMES);
  const prep = prepareSpend(data);
  const theta = Float64Array.of(Math.log(params.p), Math.log(params.q), Math.log(params.gamma / prep.scale));
  return gammaGammaLikelihood(prep).evaluate(theta, new Float64Array(3)) - Math.log(prep.scale) * prep.nObservations;
}

/**
 * Expected value of a future purchase given x repeat purchases with mean value m (FHL 2005b eq. 5):
 *   E[Z | x, m] = p (gamma + x m) / (p x + q - 1)
 *              = (q - 1) / (p x + q - 1) * p gamma / (q - 1) + p x / (p x + q - 1) * m,
 * a weighted mean of the population mean and the customer's own mean; the population mean
 * p gamma / (q - 1) for x = 0. The mean exists only for q > 1: otherwise throws MODEL_NOT_APPLICABLE.
 */
export function gammaGammaExpectedSpend(
  params: GammaGammaParams,
  x: Float64Array,
  monetary: Float64Array,
): Float64Array {
  checkParams('Gamma-Gamma', params, NAMES);
  const { p, q, gamma } = params;
  if (!(q > 1)) {
    throw new RegularsError(
      'MODEL_NOT_APPLICABLE',
      `Gamma-Gamma expected spend needs q > 1 (got q = ${q}): with q <= 1 the mean spend is infinite`,
      { q },
    );
  }
  if (monetary.length !== x.length)
    throw new RegularsError('INVALID_ARGUMENT', 'x and monetary must have the same length');
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] > 0 && monetary[i] > 0 ? x[i] : 0;
    out[i] = (p * (gamma + xi * (xi > 0 ? monetary[i] : 0))) / (p * xi + q - 1);
  }
  return out;
}
