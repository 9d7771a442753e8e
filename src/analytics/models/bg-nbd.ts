/**
 * BG/NBD: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
 * the Pareto/NBD Model", Marketing Science 24(2). While alive a customer buys at Poisson rate
 * lambda ~ Gamma(r, alpha); after each purchase she drops out with probability p ~ Beta(a, b).
 * Equation numbers below are the paper's.
 */
import { fillDigammaShift, fillLogPochhammer } from '../special/log-space.js';
import {
  aliveExpectedPurchases,
  checkLengths,
  checkPAlive,
  checkParams,
  forecastByHistory,
  medianWait,
  nbdProbabilitiesAndTails,
} from './count-common.js';
import { fitRateDropoutModel, genericBoundary } from './fit-result.js';
import { prepareCounts, subsampleCounts, type PreparedCounts } from './group-histories.js';
import type { LogLikelihood } from './mle.js';
import type { CountHistories, FitOptions, FitResult, PurchaseForecast } from './types.js';

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Log-likelihood (eq. 6) on log-parameters, with its analytic gradient. Per customer
 *   ln L = K(x) + ln[ (alpha + T)^-(r+x) + [x > 0] a / (b + x - 1) (alpha + tx)^-(r+x) ],
 *   K(x) = ln Gamma(r + x) - ln Gamma(r) + r ln alpha + ln B(a, b + x) - ln B(a, b),
 * using B(a + 1, b + x - 1) = B(a, b + x) a / (b + x - 1). K(x) and its derivatives are summed once
 * per distinct x (with the total weight of that x), the x = 0 customers once per distinct T, and
 * only the bracket, a log-sum-exp of two terms, is evaluated per distinct history.
 */
export function bgNbdLikelihood(prep: PreparedCounts): LogLikelihood {
  const { maxX, Tu, zeroWeightByT, px, ptx, pT, pw, weightByX } = prep;
  const lpR = new Float64Array(maxX + 1);
  const dpR = new Float64Array(maxX + 1);
  const lpB = new Float64Array(maxX + 1);
  const dpB = new Float64Array(maxX + 1);
  const lpAB = new Float64Array(maxX + 1);
  const dpAB = new Float64Array(maxX + 1);
  const lnRatio = new Float64Array(maxX + 1);
  const invB = new Float64Array(maxX + 1);
  const lnAT = new Float64Array(Tu.length);
  const invAT = new Float64Array(Tu.length);
  const nPos = px.length;
  return {
    nObservations: prep.nObservations,
    nGroups: prep.nGroups,
    subsample: (maxGroups) => bgNbdLikelihood(subsampleCounts(prep, maxGroups)),
    evaluate(theta: Float64Array, grad: Float64Array): number {
      const r = Math.exp(theta[0]);
      const alpha = Math.exp(theta[1]);
      const a = Math.exp(theta[2]);
      const b = Math.exp(theta[3]);
      const lnAlpha = theta[1];
      const lnA = theta[2];
      fillLogPochhammer(r, maxX, lpR);
      fillDigammaShift(r, maxX, dpR);
      fillLogPochhammer(b, maxX, lpB);
      fillDigammaShift(b, maxX, dpB);
      fillLogPochhammer(a + b, maxX, lpAB);
      fillDigammaShift(a + b, maxX, dpAB);

      let ll = 0;
      let gr = 0;
      let gAlpha = 0;
      let ga = 0;
      let gb = 0;
      for (let x = 0; x <= maxX; x++) {
        if (x > 0) {
          lnRatio[x] = lnA - Math.log(b + x - 1);
          invB[x] = 1 / (b + x - 1);
        }
        const W = weightByX[x];
        if (W === 0) continue;
        ll += W * (lpR[x] + r * lnAlpha + lpB[x] - lpAB[x]);
        gr += W * (dpR[x] + lnAlpha);
        gAlpha += (W * r) / alpha;
        ga -= W * dpAB[x];
        gb += W * (dpB[x] - dpAB[x]);
      }
      for (let j = 0; j < Tu.length; j++) {
        const l = Math.log(alpha + Tu[j]);
        const inv = 1 / (alpha + Tu[j]);
        lnAT[j] = l;
        invAT[j] = inv;
        const w0 = zeroWeightByT[j];
        if (w0 > 0) {
          ll -= w0 * r * l;
          gr -= w0 * l;
          gAlpha -= w0 * r * inv;
        }
      }
      let sumP = 0;
      let sumPInvB = 0;
      for (let i = 0; i < nPos; i++) {
        const x = px[i];
        const w = pw[i];
        const ti = pT[i];
        const k = r + x;
        const lT = lnAT[ti];
        const atx = alpha + ptx[i];
        const ltx = Math.log(atx);
        // ln[e^u + e^v] with u = -k lT, v = lnRatio - k ltx; p = e^v / (e^u + e^v).
        const d = lnRatio[x] + k * (lT - ltx);
        let softplus: number;
        let p: number;
        if (d > 0) {
          const e = Math.exp(-d);
          softplus = d + Math.log1p(e);
          p = 1 / (1 + e);
        } else {
          const e = Math.exp(d);
          softplus = Math.log1p(e);
          p = e / (1 + e);
        }
        const q = 1 - p;
        ll += w * (softplus - k * lT);
        gr -= w * (q * lT + p * ltx);
        gAlpha -= w * k * (q * invAT[ti] + p / atx);
        sumP += w * p;
        sumPInvB += w * p * invB[x];
      }
      ga += sumP / a;
      gb -= sumPInvB;
      grad[0] = r * gr;
      grad[1] = alpha * gAlpha;
      grad[2] = a * ga;
      grad[3] = b * gb;
      return ll;
    },
  };
}

function describeBoundary(index: number, direction: -1 | 1): string {
  if (index === 2 && direction < 0)
    return 'a -> 0: the fit finds (almost) no dropout, as if every customer were still alive (P(alive) near 1 for all); common when histories are short. Consider MBG/NBD, a penalty, or a longer calibration period';
  if (index === 3 && direction > 0)
    return 'b -> infinity: the dropout probability after each purchase tends to 0 (nobody drops out); P(alive) is near 1 for all. Consider a penalty or a longer calibration period';
  if ((index === 0 || index === 1) && direction > 0)
    return `${NAMES[index]} -> infinity: purchase rates look the same for every customer (no heterogeneity in lambda); the model reduces to a common Poisson rate r/alpha`;
  if ((index === 2 || index === 3) && direction > 0)
    return `${NAMES[index]} -> infinity: dropout probabilities look the same for every customer (no heterogeneity in p)`;
  return genericBoundary(NAMES[index], direction);
}

/** Maximum-likelihood fit of BG/NBD (eq. 6) on grouped histories; see index.ts for the conventions. */
export function fitBgNbd(data: CountHistories, options: FitOptions<BgNbdParams> = {}): FitResult<BgNbdParams> {
  return fitRateDropoutModel<BgNbdParams>('bgnbd', NAMES, bgNbdLikelihood, describeBoundary, data, options);
}

/** Log-likelihood of the histories at the given parameters (eq. 6 summed with weights). */
export function bgNbdLogLikelihood(params: BgNbdParams, data: CountHistories): number {
  checkParams('BG/NBD', params, NAMES);
  const prep = prepareCounts(data);
  const theta = Float64Array.of(
    Math.log(params.r),
    Math.log(params.alpha / prep.scale),
    Math.log(params.a),
    Math.log(params.b),
  );
  return bgNbdLikelihood(prep).evaluate(theta, new Float64Array(4)) - Math.log(prep.scale) * prep.sumWeightedX;
}

/**
 * P(alive at T | x, tx, T) (Fader, Hardie & Lee 2008, "Computing P(alive) using the BG/NBD model"):
 *   1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)).
 */
export function bgNbdPAlive(params: BgNbdParams, h: CountHistories): Float64Array {
  checkParams('BG/NBD', params, NAMES);
  const n = checkLengths(h);
  const { r, alpha, a, b } = params;
  const out = new Float64Array(n);
  const lnA = Math.log(a);
  for (let i = 0; i < n; i++) {
    const x = h.x[i];
    if (x === 0) {
      out[i] = 1;
      continue;
    }
    const d = lnA - Math.log(b + x - 1) + (r + x) * Math.log1p((h.T[i] - h.tx[i]) / (alpha + h.tx[i]));
    out[i] = d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
  }
  return out;
}

/**
 * Forecast of repeat purchases in (T, T + t] (eq. 10): P(alive) times the expectation for an alive
 * customer, whose lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x).
 * knownPAlive: P(alive) of the same histories when the caller has computed it already, so it is
 * not computed twice (computed here otherwise).
 */
export function bgNbdForecast(params: BgNbdParams, h: CountHistories, knownPAlive?: Float64Array): PurchaseForecast {
  if (knownPAlive) checkParams('BG/NBD', params, NAMES);
  const pAlive = knownPAlive ? checkPAlive(knownPAlive, h) : bgNbdPAlive(params, h);
  const { r, alpha, a, b } = params;
  return forecastByHistory(h, pAlive, (x, T, t) => aliveExpectedPurchases(r + x, alpha + T, a, b + x, t));
}

/** Expected repeat purchases of each customer in the next t time units (eq. 10). */
export function bgNbdExpectedPurchases(params: BgNbdParams, h: CountHistories, t: number): Float64Array {
  const out = new Float64Array(h.x.length);
  bgNbdForecast(params, h)(t, out);
  return out;
}

/** Expected purchases by time t of a new customer, E[X(t)] (eq. 9), for each t. */
export function bgNbdExpectedPurchasesNew(params: BgNbdParams, t: Float64Array): Float64Array {
  checkParams('BG/NBD', params, NAMES);
  const { r, alpha, a, b } = params;
  return t.map((ti) => aliveExpectedPurchases(r, alpha, a, b, ti));
}

/**
 * P(X(t) = k) for k = 0..kMax for a new customer (eq. 8):
 *   B(a, b + k) / B(a, b) NB_k(t) + [k > 0] B(a + 1, b + k - 1) / B(a, b) P(N(t) >= k),
 * NB the negative binomial count of an ever-alive customer.
 */
export function bgNbdPurchaseProbabilities(params: BgNbdParams, t: number, kMax: number): Float64Array {
  checkParams('BG/NBD', params, NAMES);
  const { r, alpha, a, b } = params;
  const { pmf, tail } = nbdProbabilitiesAndTails(r, alpha, t, kMax);
  const out = new Float64Array(kMax + 1);
  let logBetaRatio = 0; // ln B(a, b + k) - ln B(a, b)
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) logBetaRatio += Math.log((b + k - 1) / (a + b + k - 1));
    const ratio = Math.exp(logBetaRatio);
    out[k] = ratio * pmf[k] + (k > 0 ? ratio * (a / (b + k - 1)) * tail[k] : 0);
  }
  return out;
}

/**
 * Median time until the next purchase of a customer who is alive (lambda ~ Gamma(r + x, alpha + T),
 * and in BG/NBD dropout happens only just after a purchase, so the next purchase of an alive
 * customer is certain): (alpha + T)(2^(1/(r+x)) - 1), with P(alive) beside it.
 */
export function bgNbdTimeToNextPurchase(
  params: BgNbdParams,
  h: CountHistories,
): { median: Float64Array; pAlive: Float64Array } {
  const pAlive = bgNbdPAlive(params, h);
  const median = new Float64Array(h.x.length);
  for (let i = 0; i < median.length; i++) median[i] = medianWait(params.r + h.x[i], params.alpha + h.T[i]);
  return { median, pAlive };
}
