/**
 * MBG/NBD: Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison of models for
 * customer base analysis", IJRM 24(3). BG/NBD with one change: the dropout coin is also tossed at
 * time 0, right after the first purchase, so customers with no repeat purchase can be inactive and
 * the a -> 0 boundary BG/NBD hits on short histories is less common. Formulas as implemented by the
 * lifetimes library (ModifiedBetaGeoFitter), which match the paper.
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

export interface MbgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Log-likelihood on log-parameters with its analytic gradient. Per customer (every x, tx = 0 when x = 0)
 *   ln L = K(x) + ln[ (alpha + T)^-(r+x) + a / (b + x) (alpha + tx)^-(r+x) ],
 *   K(x) = ln Gamma(r + x) - ln Gamma(r) + r ln alpha + ln B(a, b + x + 1) - ln B(a, b),
 * from B(a + 1, b + x) = B(a, b + x + 1) a / (b + x). As for BG/NBD, terms in x alone are summed
 * per distinct x and the x = 0 customers per distinct T.
 */
export function mbgNbdLikelihood(prep: PreparedCounts): LogLikelihood {
  const { maxX, Tu, zeroWeightByT, px, ptx, pT, pw, weightByX } = prep;
  const size = maxX + 2;
  const lpR = new Float64Array(size);
  const dpR = new Float64Array(size);
  const lpB = new Float64Array(size);
  const dpB = new Float64Array(size);
  const lpAB = new Float64Array(size);
  const dpAB = new Float64Array(size);
  const lnRatio = new Float64Array(size);
  const invB = new Float64Array(size);
  const lnAT = new Float64Array(Tu.length);
  const invAT = new Float64Array(Tu.length);
  const nPos = px.length;
  return {
    nObservations: prep.nObservations,
    nGroups: prep.nGroups,
    subsample: (maxGroups) => mbgNbdLikelihood(subsampleCounts(prep, maxGroups)),
    evaluate(theta: Float64Array, grad: Float64Array): number {
      const r = Math.exp(theta[0]);
      const alpha = Math.exp(theta[1]);
      const a = Math.exp(theta[2]);
      const b = Math.exp(theta[3]);
      const lnAlpha = theta[1];
      const lnA = theta[2];
      fillLogPochhammer(r, maxX + 1, lpR);
      fillDigammaShift(r, maxX + 1, dpR);
      fillLogPochhammer(b, maxX + 1, lpB);
      fillDigammaShift(b, maxX + 1, dpB);
      fillLogPochhammer(a + b, maxX + 1, lpAB);
      fillDigammaShift(a + b, maxX + 1, dpAB);

      let ll = 0;
      let gr = 0;
      let gAlpha = 0;
      let ga = 0;
      let gb = 0;
      for (let x = 0; x <= maxX; x++) {
        lnRatio[x] = lnA - Math.log(b + x);
        invB[x] = 1 / (b + x);
        const W = weightByX[x];
        if (W === 0) continue;
        ll += W * (lpR[x] + r * lnAlpha + lpB[x + 1] - lpAB[x + 1]);
        gr += W * (dpR[x] + lnAlpha);
        gAlpha += (W * r) / alpha;
        ga -= W * dpAB[x + 1];
        gb += W * (dpB[x + 1] - dpAB[x + 1]);
      }
      let sumP = 0;
      let sumPInvB = 0;
      // One history term: ln[e^u + e^v], u = -k ln(alpha + T), v = lnRatio - k ln(alpha + tx).
      const term = (w: number, x: number, k: number, lT: number, invT: number, ltx: number, invTx: number): void => {
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
        gAlpha -= w * k * (q * invT + p * invTx);
        sumP += w * p;
        sumPInvB += w * p * invB[x];
      };
      for (let j = 0; j < Tu.length; j++) {
        lnAT[j] = Math.log(alpha + Tu[j]);
        invAT[j] = 1 / (alpha + Tu[j]);
        const w0 = zeroWeightByT[j];
        if (w0 > 0) term(w0, 0, r, lnAT[j], invAT[j], lnAlpha, 1 / alpha);
      }
      for (let i = 0; i < nPos; i++) {
        const ti = pT[i];
        const atx = alpha + ptx[i];
        term(pw[i], px[i], r + px[i], lnAT[ti], invAT[ti], Math.log(atx), 1 / atx);
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
    return 'a -> 0: the fit finds (almost) no dropout (P(alive) near 1 for all); common when histories are short. Consider a penalty or a longer calibration period';
  if (index === 3 && direction > 0)
    return 'b -> infinity: the dropout probability tends to 0 (nobody drops out); P(alive) is near 1 for all';
  if ((index === 0 || index === 1) && direction > 0)
    return `${NAMES[index]} -> infinity: purchase rates look the same for every customer (no heterogeneity in lambda)`;
  if ((index === 2 || index === 3) && direction > 0)
    return `${NAMES[index]} -> infinity: dropout probabilities look the same for every customer (no heterogeneity in p)`;
  return genericBoundary(NAMES[index], direction);
}

/** Maximum-likelihood fit of MBG/NBD on grouped histories; see index.ts for the conventions. */
export function fitMbgNbd(data: CountHistories, options: FitOptions<MbgNbdParams> = {}): FitResult<MbgNbdParams> {
  return fitRateDropoutModel<MbgNbdParams>('mbgnbd', NAMES, mbgNbdLikelihood, describeBoundary, data, options);
}

/** Log-likelihood of the histories at the given parameters (weights applied). */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: CountHistories): number {
  checkParams('MBG/NBD', params, NAMES);
  const prep = prepareCounts(data);
  const theta = Float64Array.of(
    Math.log(params.r),
    Math.log(params.alpha / prep.scale),
    Math.log(params.a),
    Math.log(params.b),
  );
  return mbgNbdLikelihood(prep).evaluate(theta, new Float64Array(4)) - Math.log(prep.scale) * prep.sumWeightedX;
}

/** P(alive at T) = 1 / (1 + a / (b + x) ((alpha + T) / (alpha + tx))^(r + x)), for every x (x = 0 included). */
export function mbgNbdPAlive(params: MbgNbdParams, h: CountHistories): Float64Array {
  checkParams('MBG/NBD', params, NAMES);
  const n = checkLengths(h);
  const { r, alpha, a, b } = params;
  const out = new Float64Array(n);
  const lnA = Math.log(a);
  for (let i = 0; i < n; i++) {
    const x = h.x[i];
    const d = lnA - Math.log(b + x) + (r + x) * Math.log1p((h.T[i] - h.tx[i]) / (alpha + h.tx[i]));
    out[i] = d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
  }
  return out;
}

/**
 * Forecast of repeat purchases in (T, T + t]: P(alive) times the expectation of an alive customer,
 * lambda ~ Gamma(r + x, alpha + T) and p ~ Beta(a, b + x + 1) (x + 1 survived coin tosses):
 *   (a + b + x) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r+x) 2F1(r + x, b + x + 1; a + b + x; t / (alpha + T + t))].
 * knownPAlive: P(alive) of the same histories when the caller has computed it already, so it is
 * not computed twice (computed here otherwise).
 */
export function mbgNbdForecast(params: MbgNbdParams, h: CountHistories, knownPAlive?: Float64Array): PurchaseForecast {
  if (knownPAlive) checkParams('MBG/NBD', params, NAMES);
  const pAlive = knownPAlive ? checkPAlive(knownPAlive, h) : mbgNbdPAlive(params, h);
  const { r, alpha, a, b } = params;
  return forecastByHistory(h, pAlive, (x, T, t) => aliveExpectedPurchases(r + x, alpha + T, a, b + x + 1, t));
}

export function mbgNbdExpectedPurchases(params: MbgNbdParams, h: CountHistories, t: number): Float64Array {
  const out = new Float64Array(h.x.length);
  mbgNbdForecast(params, h)(t, out);
  return out;
}

/**
 * E[X(t)] for a new customer: b / (a - 1) [1 - (alpha / (alpha + t))^r 2F1(r, b + 1; a + b; t / (alpha + t))],
 * i.e. P(surviving the toss at time 0) = b / (a + b) times the alive expectation with p ~ Beta(a, b + 1).
 */
export function mbgNbdExpectedPurchasesNew(params: MbgNbdParams, t: Float64Array): Float64Array {
  checkParams('MBG/NBD', params, NAMES);
  const { r, alpha, a, b } = params;
  return t.map((ti) => (b / (a + b)) * aliveExpectedPurchases(r, alpha, a, b + 1, ti));
}

/**
 * P(X(t) = k), k = 0..kMax, for a new customer:
 *   B(a, b + k + 1) / B(a, b) NB_k(t) + B(a + 1, b + k) / B(a, b) P(N(t) >= k).
 */
export function mbgNbdPurchaseProbabilities(params: MbgNbdParams, t: number, kMax: number): Float64Array {
  checkParams('MBG/NBD', params, NAMES);
  const { r, alpha, a, b } = params;
  const { pmf, tail } = nbdProbabilitiesAndTails(r, alpha, t, kMax);
  const out = new Float64Array(kMax + 1);
  let logBetaRatio = 0; // ln B(a, b + k + 1) - ln B(a, b)
  for (let k = 0; k <= kMax; k++) {
    logBetaRatio += Math.log((b + k) / (a + b + k));
    const ratio = Math.exp(logBetaRatio);
    out[k] = ratio * pmf[k] + ratio * (a / (b + k)) * tail[k];
  }
  return out;
}

/** Median time to the next purchase of an alive customer (as BG/NBD), with P(alive) beside it. */
export function mbgNbdTimeToNextPurchase(
  params: MbgNbdParams,
  h: CountHistories,
): { median: Float64Array; pAlive: Float64Array } {
  const pAlive = mbgNbdPAlive(params, h);
  const median = new Float64Array(h.x.length);
  for (let i = 0; i < median.length; i++) median[i] = medianWait(params.r + h.x[i], params.alpha + h.T[i]);
  return { median, pAlive };
}
