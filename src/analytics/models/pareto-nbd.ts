/**
 * Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting Your Customers: Who Are They and
 * What Will They Do Next?", Management Science 33(1). While alive a customer buys at Poisson rate
 * lambda ~ Gamma(r, alpha); her lifetime is Exponential(mu), mu ~ Gamma(s, beta). The likelihood and
 * expressions follow Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions" (sections on the likelihood, P(alive) and conditional expectations).
 */
import { fillDigammaShift, fillLogPochhammer, log1mExp } from '../special/log-space.js';
import { logHyp2f1UnitShift } from '../special/hyp2f1.js';
import { integrateAdaptive } from '../special/integrate.js';
import { checkLengths, checkPAlive, checkParams, forecastByHistory, medianWait } from './count-common.js';
import { fitAtPoissonLimit, fitModel, genericBoundary, LIMIT_SHAPE, poissonLimitOf } from './fit-result.js';
import { groupRows, prepareCounts, subsampleCounts, type PreparedCounts } from './group-histories.js';
import type { LogLikelihood } from './mle.js';
import type { CountHistories, FitOptions, FitResult, PurchaseForecast } from './types.js';

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/** Series terms above which the integral is computed by quadrature instead of the 2F1 series. */
const SERIES_TERM_LIMIT = 150;

/**
 * The dropout part of the likelihood, I = int_tx^T (alpha + tau)^-(r+x) (beta + tau)^-(s+1) d tau
 * (the Pareto/NBD likelihood is C [ (alpha + T)^-(r+x) (beta + T)^-s + s I ], by integrating the
 * individual likelihood over lambda and mu), as
 * ln I and d ln I / d(r, alpha, s, beta) in grad. In closed form, with A = r + s + x,
 * m = max(alpha, beta), z(t) = |alpha - beta| / (m + t), B = s + 1 if alpha >= beta else r + x
 * (the note's A0 term, divided by s / A):
 *   I = [F(tx) - F(T)] / A,   F(t) = 2F1(A, B; A + 1; z(t)) / (m + t)^A.
 * Everything is kept in logs: (m + t)^A overflows for x in the hundreds (x = 221, tx = 103.43,
 * T = 103.57: (114)^222 ~ 1e456), and F(tx) - F(T) is taken as ln F(tx) + ln(1 - F(T)/F(tx)).
 * When z is so close to 1 that the series would be long, I is integrated numerically instead.
 * Returns -Infinity when tx = T (I = 0).
 */
export function paretoDropoutIntegral(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  grad: Float64Array,
  forceQuadrature = false,
): number {
  if (!(T > tx)) {
    grad.fill(0);
    return Number.NEGATIVE_INFINITY;
  }
  const A = r + s + x;
  const alphaIsMax = alpha >= beta;
  const m = alphaIsMax ? alpha : beta;
  const mn = alphaIsMax ? beta : alpha;
  const B = alphaIsMax ? s + 1 : r + x;
  const zTx = (m - mn) / (m + tx);
  if (!forceQuadrature && (B * zTx + 40) / (1 - zTx) < SERIES_TERM_LIMIT) {
    const l1 = logF(A, B, m, mn, tx, alphaIsMax, g1);
    const l2 = logF(A, B, m, mn, T, alphaIsMax, g2);
    if (Number.isFinite(l1) && Number.isFinite(l2)) {
      const diff = l2 - l1; // < 0: F decreases in t
      const rho = Math.exp(diff);
      const inv = 1 / -Math.expm1(diff);
      for (let k = 0; k < 4; k++) grad[k] = (g1[k] - rho * g2[k]) * inv;
      grad[0] -= 1 / A;
      grad[2] -= 1 / A;
      return l1 + log1mExp(diff) - Math.log(A);
    }
  }
  return dropoutIntegralByQuadrature(r, alpha, s, beta, x, tx, T, grad);
}

const g1 = new Float64Array(4);
const g2 = new Float64Array(4);
const g3 = new Float64Array(3);

/** ln F(t) and its gradient in (r, alpha, s, beta) written to g. */
function logF(A: number, B: number, m: number, mn: number, t: number, alphaIsMax: boolean, g: Float64Array): number {
  const mt = m + t;
  const z = (m - mn) / mt;
  const lnS = logHyp2f1UnitShift(A, B, z, g3, SERIES_TERM_LIMIT);
  if (!Number.isFinite(lnS)) return Number.NaN;
  const lnMt = Math.log(mt);
  const dA = g3[0] - lnMt;
  const dB = g3[1];
  const dz = g3[2];
  const dm = (dz * (mn + t)) / (mt * mt) - A / mt;
  const dmn = -dz / mt;
  g[0] = dA + (alphaIsMax ? 0 : dB); // r
  g[2] = dA + (alphaIsMax ? dB : 0); // s
  g[1] = alphaIsMax ? dm : dmn; // alpha
  g[3] = alphaIsMax ? dmn : dm; // beta
  return lnS - A * lnMt;
}

const quadOut = new Float64Array(5);

/**
 * I and its gradient by adaptive Gauss-Kronrod quadrature, for the cases the 2F1 series handles
 * badly (z near 1: alpha and beta orders of magnitude apart). The variable of integration is chosen
 * so that the integrand is smooth:
 * - u = ln(alpha + tau) when the range is wide ((T - tx) / (alpha + tx) >= 1/2): the integrand
 *   f d tau = (alpha + tau)^(1 - r - x) (beta + tau)^-(s+1) du is then a product of near-exponentials;
 * - u = tau itself on narrow ranges (where ln(alpha + tau) would lose the range to rounding);
 * and when the integrand still falls steeply (r + x large), by w = e^(lambda0 (u - u0)), lambda0
 * its log-slope at u0, which leaves only a slowly varying factor. The integrand is scaled by its
 * value at tx so it cannot underflow; the derivative integrands are the integrand times d ln f / d theta.
 */
function dropoutIntegralByQuadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  grad: Float64Array,
): number {
  const k = r + x;
  const s1 = s + 1;
  const la0 = Math.log(alpha + tx);
  const lb0 = Math.log(beta + tx);
  const useLog = (T - tx) / (alpha + tx) >= 0.5;
  const u0 = useLog ? la0 : tx;
  const u1 = useLog ? Math.log(alpha + T) : T;
  // d/du of ln g, g = f d tau / du, at u0.
  const lambda0 = useLog ? 1 - k - (s1 * (alpha + tx)) / (beta + tx) : -k / (alpha + tx) - s1 / (beta + tx);
  const steep = lambda0 * (u1 - u0) < -5;
  const tilt = steep ? lambda0 : 0;
  // Writes g(u) / g(u0) * e^(-tilt (u - u0)) and its products with d ln f / d(r, alpha, s, beta).
  const fill = (u: number, out: Float64Array): void => {
    let tau: number;
    let la: number; // ln(alpha + tau) - la0
    let logJ: number; // ln(d tau / du) relative to u0
    if (useLog) {
      tau = Math.exp(u) - alpha;
      la = u - la0;
      logJ = la;
    } else {
      tau = u;
      la = Math.log1p((tau - tx) / (alpha + tx));
      logJ = 0;
    }
    const lb = Math.log1p((tau - tx) / (beta + tx));
    const e = Math.exp(-k * la - s1 * lb + logJ - tilt * (u - u0));
    out[0] = e;
    out[1] = -e * (la0 + la);
    out[2] = (-e * k) / (alpha + tau);
    out[3] = -e * (lb0 + lb);
    out[4] = (-e * s1) / (beta + tau);
  };
  const options = { relativeTolerance: 1e-13, maxIntervals: 2000 };
  if (steep) {
    // u = u0 + ln(w) / lambda0, du = dw / (lambda0 w); the tilt e^(lambda0 (u - u0)) = w cancels the 1/w.
    const w1 = Math.exp(lambda0 * (u1 - u0));
    integrateAdaptive((w, out) => fill(u0 + Math.log(w) / lambda0, out), 5, w1, 1, quadOut, options);
    for (let i = 0; i < 5; i++) quadOut[i] /= -lambda0;
  } else {
    integrateAdaptive(fill, 5, u0, u1, quadOut, options);
  }
  const J = quadOut[0];
  for (let i = 0; i < 4; i++) grad[i] = quadOut[i + 1] / J;
  // I = g(u0) * J with ln g(u0) = -k ln(alpha + tx) - (s + 1) ln(beta + tx) (+ ln(alpha + tx) for u = ln(alpha + tau)).
  return (useLog ? 1 - k : -k) * la0 - s1 * lb0 + Math.log(J);
}

/**
 * Log-likelihood on log-parameters with its analytic gradient (the note's likelihood, in log space):
 *   ln L = ln Gamma(r + x) - ln Gamma(r) + r ln alpha + s ln beta
 *          + ln[ e^(-(r+x) ln(alpha+T) - s ln(beta+T)) + s I ].
 * The first line is summed once per distinct x.
 */
export function paretoNbdLikelihood(prep: PreparedCounts): LogLikelihood {
  const { maxX, Tu, zeroWeightByT, px, ptx, pT, pw, weightByX } = prep;
  const lpR = new Float64Array(maxX + 1);
  const dpR = new Float64Array(maxX + 1);
  const gI = new Float64Array(4);
  return {
    nObservations: prep.nObservations,
    nGroups: prep.nGroups,
    subsample: (maxGroups) => paretoNbdLikelihood(subsampleCounts(prep, maxGroups)),
    evaluate(theta: Float64Array, grad: Float64Array): number {
      const r = Math.exp(theta[0]);
      const alpha = Math.exp(theta[1]);
      const s = Math.exp(theta[2]);
      const beta = Math.exp(theta[3]);
      const lnAlpha = theta[1];
      const lnBeta = theta[3];
      const lnS = theta[2];
      fillLogPochhammer(r, maxX, lpR);
      fillDigammaShift(r, maxX, dpR);
      let ll = 0;
      let gr = 0;
      let gAlpha = 0;
      let gs = 0;
      let gBeta = 0;
      for (let x = 0; x <= maxX; x++) {
        const W = weightByX[x];
        if (W === 0) continue;
        ll += W * (lpR[x] + r * lnAlpha + s * lnBeta);
        gr += W * (dpR[x] + lnAlpha);
        gAlpha += (W * r) / alpha;
        gs += W * lnBeta;
        gBeta += (W * s) / beta;
      }
      const history = (w: number, x: number, tx: number, T: number): void => {
        const lAT = Math.log(alpha + T);
        const lBT = Math.log(beta + T);
        const u = -(r + x) * lAT - s * lBT;
        const lnI = paretoDropoutIntegral(r, alpha, s, beta, x, tx, T, gI);
        const v = lnS + lnI;
        let lse: number;
        let p: number;
        if (v === Number.NEGATIVE_INFINITY) {
          lse = u;
          p = 0;
        } else if (v > u) {
          const e = Math.exp(u - v);
          lse = v + Math.log1p(e);
          p = 1 / (1 + e);
        } else {
          const e = Math.exp(v - u);
          lse = u + Math.log1p(e);
          p = e / (1 + e);
        }
        const q = 1 - p;
        ll += w * lse;
        gr += w * (-q * lAT + (p > 0 ? p * gI[0] : 0));
        gAlpha += w * ((-q * (r + x)) / (alpha + T) + (p > 0 ? p * gI[1] : 0));
        gs += w * (-q * lBT + (p > 0 ? p * (1 / s + gI[2]) : 0));
        gBeta += w * ((-q * s) / (beta + T) + (p > 0 ? p * gI[3] : 0));
      };
      for (let j = 0; j < Tu.length; j++) if (zeroWeightByT[j] > 0) history(zeroWeightByT[j], 0, 0, Tu[j]);
      for (let i = 0; i < px.length; i++) history(pw[i], px[i], ptx[i], Tu[pT[i]]);
      grad[0] = r * gr;
      grad[1] = alpha * gAlpha;
      grad[2] = s * gs;
      grad[3] = beta * gBeta;
      return ll;
    },
  };
}

function describeBoundary(index: number, direction: -1 | 1): string {
  if ((index === 2 && direction < 0) || (index === 3 && direction > 0))
    return `${NAMES[index]} -> ${direction < 0 ? '0' : 'infinity'}: the fit finds (almost) no dropout (mean lifetime beyond the data); P(alive) is near 1 for all. Common when histories are short`;
  if ((index === 0 || index === 1) && direction > 0)
    return `${NAMES[index]} -> infinity: purchase rates look the same for every customer (no heterogeneity in lambda)`;
  if ((index === 2 || index === 3) && direction > 0)
    return `${NAMES[index]} -> infinity: dropout rates look the same for every customer (no heterogeneity in mu)`;
  return genericBoundary(NAMES[index], direction);
}

/** Maximum-likelihood fit of Pareto/NBD on grouped histories; see index.ts for the conventions. */
export function fitParetoNbd(
  data: CountHistories,
  options: FitOptions<ParetoNbdParams> = {},
): FitResult<ParetoNbdParams> {
  const prep = prepareCounts(data);
  const limit = poissonLimitOf(data, options);
  if (limit !== null) {
    // r = 1e8 and alpha = r / lambda: every rate within 0.01% of lambda; s = 1e-8: a dropout rate
    // of about 1e-16 lambda, nobody leaves; beta = alpha keeps the dropout integral on its short
    // series. Forecasts from them equal the Poisson process's (lambda t, P(alive) 1) to about 1e-6.
    const alpha = LIMIT_SHAPE / limit.rate;
    const params = { r: LIMIT_SHAPE, alpha, s: 1 / LIMIT_SHAPE, beta: alpha };
    return fitAtPoissonLimit('pareto-nbd', params, limit, prep, 'r, alpha -> infinity, s -> 0');
  }
  const rate = Math.max(1e-3, prep.sumWeightedX / Math.max(prep.nObservations, 1e-300));
  return fitModel<ParetoNbdParams>(
    {
      model: 'pareto-nbd',
      names: NAMES,
      ll: paretoNbdLikelihood(prep),
      defaultStarts: [
        [1, 1 / rate, 1, 1],
        [0.5, 0.5 / rate, 0.5, 0.5],
        [2, 2 / rate, 2, 4],
        [1, 1 / rate, 0.3, 3],
      ],
      unitFactors: [1, prep.scale, 1, prep.scale],
      // Each history's density carries time^-x (alpha^r beta^s / ((alpha + T)^(r+x) (beta + T)^s), and I has the same dimension).
      toNaturalLogLikelihood: (ll) => ll - Math.log(prep.scale) * prep.sumWeightedX,
      describeBoundary,
    },
    options,
  );
}

export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: CountHistories): number {
  checkParams('Pareto/NBD', params, NAMES);
  const prep = prepareCounts(data);
  const theta = Float64Array.of(
    Math.log(params.r),
    Math.log(params.alpha / prep.scale),
    Math.log(params.s),
    Math.log(params.beta / prep.scale),
  );
  return paretoNbdLikelihood(prep).evaluate(theta, new Float64Array(4)) - Math.log(prep.scale) * prep.sumWeightedX;
}

/**
 * P(alive at T | x, tx, T), the share of the likelihood from customers still alive at T:
 *   (alpha + T)^-(r+x) (beta + T)^-s / [ (alpha + T)^-(r+x) (beta + T)^-s + s I ],
 * computed once per distinct (x, tx, T).
 */
export function paretoNbdPAlive(params: ParetoNbdParams, h: CountHistories): Float64Array {
  checkParams('Pareto/NBD', params, NAMES);
  const n = checkLengths(h);
  const { r, alpha, s, beta } = params;
  const { firstRow, groupOf, nGroups } = groupRows(h.x, h.tx, h.T);
  const byGroup = new Float64Array(nGroups);
  const g = new Float64Array(4);
  for (let k = 0; k < nGroups; k++) {
    const i = firstRow[k];
    const x = h.x[i];
    const T = h.T[i];
    const u = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
    const v = Math.log(s) + paretoDropoutIntegral(r, alpha, s, beta, x, h.tx[i], T, g);
    const d = v - u;
    byGroup[k] = d > 0 ? Math.exp(-d) / (1 + Math.exp(-d)) : 1 / (1 + Math.exp(d));
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = byGroup[groupOf[i]];
  return out;
}

/**
 * (beta + T) [1 - ((beta + T) / (beta + T + t))^(s-1)] / (s - 1), the expected remaining lifetime
 * factor of the conditional expectation, continuous through s = 1 (limit (beta + T) ln(1 + t / (beta + T))).
 */
function lifetimeFactor(s: number, betaT: number, t: number): number {
  const L = Math.log1p(t / betaT);
  const e = s - 1;
  if (Math.abs(e * L) < 1e-8) return betaT * L * (1 - (e * L) / 2);
  return (betaT * -Math.expm1(-e * L)) / e;
}

/**
 * Forecast of purchases in (T, T + t] (the note's conditional expectation, after SMC 1987):
 *   P(alive) (r + x) / (alpha + T) (beta + T) / (s - 1) [1 - ((beta + T) / (beta + T + t))^(s-1)].
 * knownPAlive: P(alive) of the same histories when the caller has computed it already, so it is
 * not computed twice (computed here otherwise).
 */
export function paretoNbdForecast(
  params: ParetoNbdParams,
  h: CountHistories,
  knownPAlive?: Float64Array,
): PurchaseForecast {
  if (knownPAlive) checkParams('Pareto/NBD', params, NAMES);
  const pAlive = knownPAlive ? checkPAlive(knownPAlive, h) : paretoNbdPAlive(params, h);
  const { r, alpha, s, beta } = params;
  return forecastByHistory(h, pAlive, (x, T, t) => ((r + x) / (alpha + T)) * lifetimeFactor(s, beta + T, t));
}

export function paretoNbdExpectedPurchases(params: ParetoNbdParams, h: CountHistories, t: number): Float64Array {
  const out = new Float64Array(h.x.length);
  paretoNbdForecast(params, h)(t, out);
  return out;
}

/** E[X(t)] for a new customer: r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s-1)]. */
export function paretoNbdExpectedPurchasesNew(params: ParetoNbdParams, t: Float64Array): Float64Array {
  checkParams('Pareto/NBD', params, NAMES);
  const { r, alpha, s, beta } = params;
  return t.map((ti) => (ti > 0 ? (r / alpha) * lifetimeFactor(s, beta, ti) : 0));
}

/**
 * Median time to the next purchase of a customer who is alive and stays alive (lambda ~ Gamma(r + x,
 * alpha + T); the wait is Lomax), with P(alive) beside it. Unlike BG/NBD, a Pareto/NBD customer can
 * die before that purchase, which P(alive) alone does not cover.
 */
export function paretoNbdTimeToNextPurchase(
  params: ParetoNbdParams,
  h: CountHistories,
): { median: Float64Array; pAlive: Float64Array } {
  const pAlive = paretoNbdPAlive(params, h);
  const median = new Float64Array(h.x.length);
  for (let i = 0; i < median.length; i++) median[i] = medianWait(params.r + h.x[i], params.alpha + h.T[i]);
  return { median, pAlive };
}
