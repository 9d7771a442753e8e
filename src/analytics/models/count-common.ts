/**
 * Pieces shared by the continuous-time count models (BG/NBD, MBG/NBD, Pareto/NBD): parameter
 * checks, the (x, T)-memoised forecast, the expected purchases of a customer known to be alive,
 * and the median waiting time to the next purchase.
 */
import betaln from '@stdlib/math-base-special-betaln';
import { RegularsError } from '../../platform/errors.js';
import { integrateAdaptive } from '../special/integrate.js';
import { logHyp2f1 } from '../special/hyp2f1.js';
import { groupRows } from './group-histories.js';
import type { CountHistories, PurchaseForecast } from './types.js';

/** Throws INVALID_ARGUMENT unless every named parameter is a positive finite number. */
export function checkParams(model: string, params: object, names: readonly string[]): void {
  const rec = params as Record<string, unknown>;
  for (const name of names) {
    const v = rec[name];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new RegularsError(
        'INVALID_ARGUMENT',
        `${model}: parameter ${name} must be a positive finite number (got ${String(v)})`,
      );
    }
  }
}

/** Throws INVALID_ARGUMENT unless x, tx, T have one length; returns it. */
export function checkLengths(h: {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}): number {
  const n = h.x.length;
  if (h.tx.length !== n || h.T.length !== n)
    throw new RegularsError('INVALID_ARGUMENT', 'x, tx and T must have the same length');
  return n;
}

/**
 * P(alive) handed to a forecast by a caller that has already computed it (one entry per history,
 * each a probability); throws INVALID_ARGUMENT otherwise.
 */
export function checkPAlive(pAlive: Float64Array, h: CountHistories): Float64Array {
  if (pAlive.length !== h.x.length)
    throw new RegularsError(
      'INVALID_ARGUMENT',
      `pAlive must have one entry per customer (${h.x.length}, got ${pAlive.length})`,
    );
  return pAlive;
}

/**
 * A forecast that is P(alive) times an expectation depending only on (x, T): the expectation is
 * computed once per distinct (x, T) and horizon (a 2F1 evaluation each), not once per customer.
 */
export function forecastByHistory(
  h: CountHistories,
  pAlive: Float64Array,
  aliveExpectation: (x: number, T: number, t: number) => number,
): PurchaseForecast {
  const n = checkLengths(h);
  const { firstRow, groupOf, nGroups } = groupRows(h.x, h.T, h.T);
  const values = new Float64Array(nGroups);
  return (t: number, out: Float64Array): void => {
    if (out.length !== n)
      throw new RegularsError('INVALID_ARGUMENT', `forecast output must have one entry per customer (${n})`);
    if (!(t >= 0) || !Number.isFinite(t))
      throw new RegularsError('INVALID_ARGUMENT', `horizon must be a finite number >= 0 (got ${t})`);
    for (let g = 0; g < nGroups; g++) {
      const r = firstRow[g];
      values[g] = aliveExpectation(h.x[r], h.T[r], t);
    }
    for (let i = 0; i < n; i++) out[i] = pAlive[i] * values[groupOf[i]];
  };
}

/**
 * Expected purchases in (T, T + t] of a customer alive at T whose purchase rate has the posterior
 * Gamma(k, alpha + T) (k = r + x) and whose dropout probability after each purchase has the
 * posterior Beta(a, bPost): E[(1 / p) (1 - (1 + p tau)^-k)], tau = t / (alpha + T). In closed form
 * (Fader, Hardie & Lee 2005, eq. 10, numerator):
 *   (a + bPost - 1) / (a - 1) * [1 - ((alpha + T) / (alpha + T + t))^k 2F1(k, bPost; a + bPost - 1; z)],
 *   z = t / (alpha + T + t).
 * The closed form is 0/0 at a = 1 and its 2F1 has a non-positive third parameter when
 * a + bPost <= 1; there (and if the series fails) the expectation is integrated over p instead.
 */
export function aliveExpectedPurchases(k: number, alphaT: number, a: number, bPost: number, t: number): number {
  if (t <= 0) return 0;
  const c = a + bPost - 1;
  if (c > 0.5 && Math.abs(a - 1) > 1e-3) {
    const z = t / (alphaT + t);
    const lq = -k * Math.log1p(t / alphaT);
    const lf = logHyp2f1(k, bPost, c, z);
    const v = (c / (a - 1)) * -Math.expm1(lq + lf);
    if (Number.isFinite(v)) return Math.max(0, v);
  }
  return aliveExpectedPurchasesByQuadrature(k, t / alphaT, a, bPost);
}

/**
 * The same expectation by integrating over p ~ Beta(a, b). The integrand h(p) = (1 - (1 + p tau)^-k) / p
 * is smooth and bounded (h(0) = k tau); the Beta density's endpoint singularities are removed by
 * u = p^a on [0, 1/2] and v = (1 - p)^b on [1/2, 1].
 */
export function aliveExpectedPurchasesByQuadrature(k: number, tau: number, a: number, b: number): number {
  const h = (p: number): number =>
    p < 1e-8 ? k * tau * (1 - 0.5 * (k + 1) * p * tau) : -Math.expm1(-k * Math.log1p(p * tau)) / p;
  const out = new Float64Array(1);
  const left = (u: number, o: Float64Array): void => {
    const p = u ** (1 / a);
    o[0] = h(p) * Math.exp((b - 1) * Math.log1p(-p));
  };
  const right = (v: number, o: Float64Array): void => {
    const q = v ** (1 / b);
    const p = 1 - q;
    o[0] = h(p) * Math.exp((a - 1) * Math.log(p));
  };
  integrateAdaptive(left, 1, 0, 0.5 ** a, out);
  const l = out[0] / a;
  integrateAdaptive(right, 1, 0, 0.5 ** b, out);
  const r = out[0] / b;
  return (l + r) * Math.exp(-betaln(a, b));
}

/**
 * Median time to the next purchase of a customer who stays alive, when the purchase rate has the
 * posterior Gamma(k, alpha + T): the wait is then Lomax (Pareto II) with
 * P(W > w) = ((alpha + T) / (alpha + T + w))^k, whose median is (alpha + T) (2^(1/k) - 1).
 */
export function medianWait(k: number, alphaT: number): number {
  return alphaT * Math.expm1(Math.LN2 / k);
}

/**
 * P(N = j) for j = 0..J of the negative binomial count of purchases by t of an ever-alive customer
 * (Gamma(r, alpha) mixture of Poisson(lambda t)) and the upper tails P(N >= j), summed from the far
 * end so small tails keep their precision. J extends past kMax until the remaining mass is negligible.
 */
export function nbdProbabilitiesAndTails(
  r: number,
  alpha: number,
  t: number,
  kMax: number,
): { pmf: Float64Array; tail: Float64Array } {
  const pmfOut = new Float64Array(kMax + 1);
  const tailOut = new Float64Array(kMax + 2);
  if (t <= 0) {
    pmfOut[0] = 1;
    tailOut[0] = 1;
    return { pmf: pmfOut, tail: tailOut };
  }
  const q = t / (alpha + t);
  const logQ = Math.log(q);
  const values: number[] = [];
  let logTerm = r * (Math.log(alpha) - Math.log(alpha + t));
  let reference = 0; // P(N = kMax + 1): the smallest tail we need is at least this
  for (let j = 0; j < kMax + 100_000_000; j++) {
    const term = Math.exp(logTerm);
    values.push(term);
    if (j === kMax + 1) reference = term;
    const ratio = ((r + j) / (j + 1)) * q;
    if (j > kMax && ratio < 1 && (term === 0 || term * (ratio / (1 - ratio)) < 1e-17 * reference)) break;
    logTerm += Math.log((r + j) / (j + 1)) + logQ;
  }
  const J = values.length;
  let acc = 0;
  for (let j = J - 1; j >= 0; j--) {
    acc += values[j];
    if (j <= kMax + 1) tailOut[j] = acc;
    if (j <= kMax) pmfOut[j] = values[j];
  }
  return { pmf: pmfOut, tail: tailOut };
}
