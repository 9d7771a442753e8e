/**
 * BG/BB: Fader, Hardie & Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
 * Setting", Marketing Science 29(6). For businesses with discrete transaction opportunities (yearly
 * donations, weekly markets, monthly boxes): at each opportunity an alive customer transacts with
 * probability p ~ Beta(alpha, beta), and becomes inactive at the start of an opportunity with
 * probability theta ~ Beta(gamma, delta). Time is counted in opportunities after the first.
 */
import betaln from '@stdlib/math-base-special-betaln';
import { RegularsError } from '../../platform/errors.js';
import { fillDigammaShift, fillLogPochhammer } from '../special/log-space.js';
import { checkParams } from './count-common.js';
import { fitModel, genericBoundary } from './fit-result.js';
import { groupRows, MAX_PURCHASES } from './group-histories.js';
import type { LogLikelihood } from './mle.js';
import type { DiscreteHistories, FitOptions, FitResult, PurchaseForecast } from './types.js';

export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

export interface PreparedDiscrete {
  readonly nObservations: number;
  readonly maxN: number;
  readonly x: Int32Array;
  readonly tx: Int32Array;
  readonly n: Int32Array;
  readonly w: Float64Array;
}

function checkLengthsDiscrete(h: DiscreteHistories): number {
  const len = h.x.length;
  if (h.tx.length !== len || h.n.length !== len || (h.weights && h.weights.length !== len)) {
    throw new RegularsError('INVALID_ARGUMENT', 'x, tx, n (and weights) must have the same length');
  }
  return len;
}

/** Validates (whole numbers, 0 <= x <= tx <= n, tx = 0 iff x = 0) and groups identical (x, tx, n). */
export function prepareDiscrete(data: DiscreteHistories): PreparedDiscrete {
  const len = checkLengthsDiscrete(data);
  const { x, tx, n, weights } = data;
  for (let i = 0; i < len; i++) {
    const ok =
      Number.isInteger(x[i]) &&
      Number.isInteger(tx[i]) &&
      Number.isInteger(n[i]) &&
      x[i] >= 0 &&
      x[i] <= tx[i] &&
      tx[i] <= n[i] &&
      n[i] >= 1 &&
      n[i] <= MAX_PURCHASES &&
      (x[i] === 0) === (tx[i] === 0);
    if (!ok) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `customer ${i}: need whole numbers with 0 <= x <= tx <= n, 1 <= n <= ${MAX_PURCHASES} and tx = 0 exactly when x = 0 (got x=${x[i]}, tx=${tx[i]}, n=${n[i]})`,
        { row: i },
      );
    }
    if (weights && !(weights[i] >= 0 && Number.isFinite(weights[i]))) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `customer ${i}: weight must be a finite number >= 0 (got ${weights[i]})`,
        { row: i },
      );
    }
  }
  const { firstRow, groupOf, nGroups } = groupRows(x, tx, n);
  const w = new Float64Array(nGroups);
  for (let i = 0; i < len; i++) w[groupOf[i]] += weights ? weights[i] : 1;
  let total = 0;
  let maxN = 0;
  const gx = new Int32Array(nGroups);
  const gtx = new Int32Array(nGroups);
  const gn = new Int32Array(nGroups);
  for (let g = 0; g < nGroups; g++) {
    const r = firstRow[g];
    gx[g] = x[r];
    gtx[g] = tx[r];
    gn[g] = n[r];
    total += w[g];
    if (gn[g] > maxN) maxN = gn[g];
  }
  return { nObservations: total, maxN, x: gx, tx: gtx, n: gn, w };
}

/**
 * Log-likelihood on log-parameters with analytic gradient. Per history (FHS 2010, section 3):
 *   L = B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
 *     + sum_{i=0}^{n - tx - 1} B(alpha + x, beta + tx - x + i) / B(alpha, beta) * B(gamma + 1, delta + tx + i) / B(gamma, delta),
 * (alive throughout, or inactive from opportunity tx + i + 1), summed by log-sum-exp. All beta
 * functions are differences of log-Pochhammer tables built once per evaluation, e.g.
 *   ln B(alpha + x, beta + k) - ln B(alpha, beta) = lnP(alpha, x) + lnP(beta, k) - lnP(alpha + beta, x + k).
 */
export function bgBbLikelihood(prep: PreparedDiscrete): LogLikelihood {
  const { maxN, x, tx, n, w } = prep;
  const size = maxN + 2;
  const lA = new Float64Array(size);
  const dA = new Float64Array(size);
  const lB = new Float64Array(size);
  const dB = new Float64Array(size);
  const lAB = new Float64Array(size);
  const dAB = new Float64Array(size);
  const lD = new Float64Array(size);
  const dD = new Float64Array(size);
  const lGD = new Float64Array(size);
  const dGD = new Float64Array(size);
  const terms = new Float64Array(size);
  const nGroups = x.length;
  return {
    nObservations: prep.nObservations,
    nGroups,
    evaluate(theta: Float64Array, grad: Float64Array): number {
      const alpha = Math.exp(theta[0]);
      const beta = Math.exp(theta[1]);
      const gamma = Math.exp(theta[2]);
      const delta = Math.exp(theta[3]);
      const lnGamma = theta[2];
      fillLogPochhammer(alpha, maxN + 1, lA);
      fillDigammaShift(alpha, maxN + 1, dA);
      fillLogPochhammer(beta, maxN + 1, lB);
      fillDigammaShift(beta, maxN + 1, dB);
      fillLogPochhammer(alpha + beta, maxN + 1, lAB);
      fillDigammaShift(alpha + beta, maxN + 1, dAB);
      fillLogPochhammer(delta, maxN + 1, lD);
      fillDigammaShift(delta, maxN + 1, dD);
      fillLogPochhammer(gamma + delta, maxN + 1, lGD);
      fillDigammaShift(gamma + delta, maxN + 1, dGD);
      let ll = 0;
      let ga = 0;
      let gb = 0;
      let gg = 0;
      let gd = 0;
      for (let g = 0; g < nGroups; g++) {
        const xi = x[g];
        const ti = tx[g];
        const ni = n[g];
        const wi = w[g];
        // Term 0: alive through n.
        terms[0] = lA[xi] + lB[ni - xi] - lAB[ni] + lD[ni] - lGD[ni];
        let max = terms[0];
        const nTerms = 1 + ni - ti;
        for (let i = 0; i < ni - ti; i++) {
          const m = ti + i;
          const v = lA[xi] + lB[m - xi] - lAB[m] + lnGamma + lD[m] - lGD[m + 1];
          terms[i + 1] = v;
          if (v > max) max = v;
        }
        let sum = 0;
        for (let k = 0; k < nTerms; k++) {
          terms[k] = Math.exp(terms[k] - max);
          sum += terms[k];
        }
        ll += wi * (max + Math.log(sum));
        // Gradient: weights pk = terms[k] / sum of each term's gradient.
        const inv = wi / sum;
        const p0 = terms[0] * inv;
        ga += wi * dA[xi] - p0 * dAB[ni];
        gb += p0 * dB[ni - xi];
        gb -= p0 * dAB[ni];
        gg -= p0 * dGD[ni];
        gd += p0 * (dD[ni] - dGD[ni]);
        for (let i = 0; i < ni - ti; i++) {
          const m = ti + i;
          const pk = terms[i + 1] * inv;
          ga -= pk * dAB[m];
          gb += pk * (dB[m - xi] - dAB[m]);
          gg += pk * (1 / gamma - dGD[m + 1]);
          gd += pk * (dD[m] - dGD[m + 1]);
        }
      }
      // d ln B(alpha, beta) terms are inside the Pochhammer differences; the chain rule to log-parameters:
      grad[0] = alpha * ga;
      grad[1] = beta * gb;
      grad[2] = gamma * gg;
      grad[3] = delta * gd;
      return ll;
    },
  };
}

function describeBoundary(index: number, direction: -1 | 1): string {
  if ((index === 2 && direction < 0) || (index === 3 && direction > 0))
    return `${NAMES[index]} -> ${direction < 0 ? '0' : 'infinity'}: the fit finds (almost) no dropout; P(alive) is near 1 for all. Common when there are few opportunities`;
  if ((index === 0 || index === 1) && direction > 0)
    return `${NAMES[index]} -> infinity: transaction probabilities look the same for every customer (no heterogeneity in p)`;
  if ((index === 2 || index === 3) && direction > 0)
    return `${NAMES[index]} -> infinity: dropout probabilities look the same for every customer (no heterogeneity in theta)`;
  return genericBoundary(NAMES[index], direction);
}

/** Maximum-likelihood fit of BG/BB on grouped histories; see index.ts for the conventions. */
export function fitBgBb(data: DiscreteHistories, options: FitOptions<BgBbParams> = {}): FitResult<BgBbParams> {
  const prep = prepareDiscrete(data);
  return fitModel<BgBbParams>(
    {
      model: 'bgbb',
      names: NAMES,
      ll: bgBbLikelihood(prep),
      defaultStarts: [
        [1, 1, 1, 1],
        [0.5, 0.5, 0.5, 2],
        [2, 1, 0.5, 3],
        [1, 3, 1, 5],
      ],
      unitFactors: [1, 1, 1, 1],
      toNaturalLogLikelihood: (ll) => ll,
      describeBoundary,
    },
    options,
  );
}

export function bgBbLogLikelihood(params: BgBbParams, data: DiscreteHistories): number {
  checkParams('BG/BB', params, NAMES);
  const prep = prepareDiscrete(data);
  const theta = Float64Array.of(
    Math.log(params.alpha),
    Math.log(params.beta),
    Math.log(params.gamma),
    Math.log(params.delta),
  );
  return bgBbLikelihood(prep).evaluate(theta, new Float64Array(4));
}

/** ln L of one history at natural parameters (the likelihood above, for predictions). */
function logLikelihoodOne(pr: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = pr;
  const lbab = betaln(alpha, beta);
  const lbgd = betaln(gamma, delta);
  let max = betaln(alpha + x, beta + n - x) - lbab + betaln(gamma, delta + n) - lbgd;
  const terms = [max];
  for (let i = 0; i < n - tx; i++) {
    const v = betaln(alpha + x, beta + tx - x + i) - lbab + betaln(gamma + 1, delta + tx + i) - lbgd;
    terms.push(v);
    if (v > max) max = v;
  }
  let sum = 0;
  for (const v of terms) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * S(u, v) = ln[Gamma(1 + delta + v) Gamma(gamma + delta + u) / (Gamma(1 + delta + u) Gamma(gamma + delta + v))]
 * as a sum of log1p terms, exact even when gamma is close to 1 (where the gammaln differences cancel).
 */
function survivalLogRatio(gamma: number, delta: number, u: number, v: number): number {
  let s = 0;
  for (let j = u; j < v; j++) s -= Math.log1p((gamma - 1) / (1 + delta + j));
  return s;
}

/**
 * (1 - e^S) / (gamma - 1) with S = survivalLogRatio(u, v), continuous at gamma = 1 where it tends to
 * sum_{j=u}^{v-1} 1 / (1 + delta + j).
 */
function expectedAliveOpportunities(gamma: number, delta: number, u: number, v: number): number {
  if (gamma === 1) {
    let s = 0;
    for (let j = u; j < v; j++) s += 1 / (1 + delta + j);
    return s;
  }
  return -Math.expm1(survivalLogRatio(gamma, delta, u, v)) / (gamma - 1);
}

/**
 * P(alive at opportunity n + 1 | x, tx, n) (FHS 2010 eq. 11):
 *   B(alpha + x, beta + n - x) / B(alpha, beta) * B(gamma, delta + n + 1) / B(gamma, delta) / L.
 */
export function bgBbPAlive(params: BgBbParams, h: DiscreteHistories): Float64Array {
  checkParams('BG/BB', params, NAMES);
  prepareDiscrete(h);
  const { alpha, beta, gamma, delta } = params;
  const { firstRow, groupOf, nGroups } = groupRows(h.x, h.tx, h.n);
  const byGroup = new Float64Array(nGroups);
  for (let g = 0; g < nGroups; g++) {
    const i = firstRow[g];
    const x = h.x[i];
    const n = h.n[i];
    const lAlive =
      betaln(alpha + x, beta + n - x) - betaln(alpha, beta) + betaln(gamma, delta + n + 1) - betaln(gamma, delta);
    byGroup[g] = Math.min(1, Math.exp(lAlive - logLikelihoodOne(params, x, h.tx[i], n)));
  }
  const out = new Float64Array(h.x.length);
  for (let i = 0; i < out.length; i++) out[i] = byGroup[groupOf[i]];
  return out;
}

/**
 * Forecast of transactions in the next t opportunities, n + 1 .. n + floor(t) (FHS 2010 eq. 13):
 *   1/L * B(alpha + x + 1, beta + n - x) / B(alpha, beta) * delta / (gamma - 1)
 *       * Gamma(gamma + delta) / Gamma(1 + delta)
 *       * [Gamma(1 + delta + n) / Gamma(gamma + delta + n) - Gamma(1 + delta + n + t) / Gamma(gamma + delta + n + t)].
 * The gamma-function ratios are computed as log1p sums (see survivalLogRatio), so gamma near 1 is fine.
 */
export function bgBbForecast(params: BgBbParams, h: DiscreteHistories): PurchaseForecast {
  checkParams('BG/BB', params, NAMES);
  prepareDiscrete(h);
  const { alpha, beta, gamma, delta } = params;
  const { firstRow, groupOf, nGroups } = groupRows(h.x, h.tx, h.n);
  const base = new Float64Array(nGroups);
  const nOf = new Int32Array(nGroups);
  for (let g = 0; g < nGroups; g++) {
    const i = firstRow[g];
    const x = h.x[i];
    const n = h.n[i];
    nOf[g] = n;
    base[g] =
      betaln(alpha + x + 1, beta + n - x) -
      betaln(alpha, beta) +
      Math.log(delta) +
      survivalLogRatio(gamma, delta, 0, n) -
      logLikelihoodOne(params, x, h.tx[i], n);
  }
  const values = new Float64Array(nGroups);
  const len = h.x.length;
  return (t: number, out: Float64Array): void => {
    if (out.length !== len)
      throw new RegularsError('INVALID_ARGUMENT', `forecast output must have one entry per customer (${len})`);
    if (!(t >= 0) || !Number.isFinite(t))
      throw new RegularsError('INVALID_ARGUMENT', `horizon must be a finite number >= 0 (got ${t})`);
    const periods = Math.floor(t);
    for (let g = 0; g < nGroups; g++)
      values[g] = Math.exp(base[g]) * expectedAliveOpportunities(gamma, delta, nOf[g], nOf[g] + periods);
    for (let i = 0; i < len; i++) out[i] = values[groupOf[i]];
  };
}

export function bgBbExpectedPurchases(params: BgBbParams, h: DiscreteHistories, t: number): Float64Array {
  const out = new Float64Array(h.x.length);
  bgBbForecast(params, h)(t, out);
  return out;
}

/**
 * E[X(n)] for a new customer over her first n opportunities:
 *   alpha / (alpha + beta) * delta / (gamma - 1) * [1 - Gamma(gamma + delta) Gamma(1 + delta + n) / (Gamma(gamma + delta + n) Gamma(1 + delta))].
 */
export function bgBbExpectedPurchasesNew(params: BgBbParams, n: Float64Array): Float64Array {
  checkParams('BG/BB', params, NAMES);
  const { alpha, beta, gamma, delta } = params;
  return n.map(
    (ni) => (alpha / (alpha + beta)) * delta * expectedAliveOpportunities(gamma, delta, 0, Math.floor(Math.max(0, ni))),
  );
}

/**
 * P(X(n) = k), k = 0..n, for a new customer:
 *   C(n, k) B(alpha + k, beta + n - k) / B(alpha, beta) * B(gamma, delta + n) / B(gamma, delta)
 *   + sum_{i=k}^{n-1} C(i, k) B(alpha + k, beta + i - k) / B(alpha, beta) * B(gamma + 1, delta + i) / B(gamma, delta).
 */
export function bgBbPurchaseProbabilities(params: BgBbParams, n: number): Float64Array {
  checkParams('BG/BB', params, NAMES);
  if (!(n >= 0) || !Number.isInteger(n))
    throw new RegularsError('INVALID_ARGUMENT', `n must be a whole number >= 0 (got ${n})`);
  const { alpha, beta, gamma, delta } = params;
  const lbab = betaln(alpha, beta);
  const lbgd = betaln(gamma, delta);
  const lnChoose = (a: number, b: number): number => -Math.log(a + 1) - betaln(a - b + 1, b + 1);
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    let v = Math.exp(lnChoose(n, k) + betaln(alpha + k, beta + n - k) - lbab + betaln(gamma, delta + n) - lbgd);
    for (let i = k; i < n; i++)
      v += Math.exp(lnChoose(i, k) + betaln(alpha + k, beta + i - k) - lbab + betaln(gamma + 1, delta + i) - lbgd);
    out[k] = v;
  }
  return out;
}

/**
 * Median number of opportunities until the next transaction of a customer who stays alive: p has
 * the posterior Beta(alpha + x, beta + n - x), so P(no transaction in k opportunities) =
 * B(alpha + x, beta + n - x + k) / B(alpha + x, beta + n - x); the median is the smallest k >= 1 at
 * which that is <= 1/2 (Infinity past a million opportunities). P(alive) beside it.
 */
export function bgBbTimeToNextPurchase(
  params: BgBbParams,
  h: DiscreteHistories,
): { median: Float64Array; pAlive: Float64Array } {
  const pAlive = bgBbPAlive(params, h);
  const { alpha, beta } = params;
  const median = new Float64Array(h.x.length);
  const memo = new Map<number, number>();
  for (let i = 0; i < median.length; i++) {
    const a = alpha + h.x[i];
    const b = beta + h.n[i] - h.x[i];
    const key = h.x[i] * (MAX_PURCHASES + 1) + h.n[i];
    let m = memo.get(key);
    if (m === undefined) {
      let logSurv = 0;
      m = Number.POSITIVE_INFINITY;
      for (let k = 1; k <= 1_000_000; k++) {
        logSurv += Math.log((b + k - 1) / (a + b + k - 1));
        if (logSurv <= -Math.LN2) {
          m = k;
          break;
        }
      }
      memo.set(key, m);
    }
    median[i] = m;
  }
  return { median, pAlive };
}
