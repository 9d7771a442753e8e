/**
 * The limit of the Gamma-Gamma spend model when customers' mean spend does not differ beyond what
 * their own purchases' variation explains: every customer's purchase values are Gamma(p, nu) with
 * one nu for everyone. Gamma-Gamma reaches it as q, gamma -> infinity with q / gamma = nu (the
 * Gamma(q, gamma) mixing distribution becomes a point mass); an optimiser follows that ridge to
 * the edge of the box slowly, each step costing a pass over every customer, so the fit tests for
 * it first (as the count models test for their Poisson limit, poisson-limit.ts).
 *
 * In the limit the mean m of a customer's x purchase values is Gamma(p x, rate x nu), with mean
 * mu = p / nu and variance mu^2 / (p x). The maximum-likelihood mu is M = sum x m / sum x (all
 * repeat spend over all repeat purchases); p solves sum x [ln(p x) - digamma(p x)] = -sum x ln(m / M).
 *
 * The test is the score test for a random effect on each customer's mean (mu_i = mu (1 + e_i),
 * Var e_i = tau, tested at tau = 0), with k_i = p x_i and d_i = m_i / M - 1:
 *   U = 1/2 sum_i k_i (k_i d_i^2 - 1),
 * the spread of the mean spends beyond the within-customer variance mu^2 / k_i, weighted towards
 * the customers with many purchases, whose means should vary least. Its variance under the limit,
 * net of what estimating mu and p explains (the efficient score; both estimates sit at their own
 * score's zero), is
 *   V = sum_i (k_i^2 + k_i) / 2 - (sum_i x_i)^2 / (4 sum_i x_i^2 [trigamma(k_i) - 1 / k_i]),
 * and z = U / sqrt(V) is about N(0, 1) there. Heterogeneity makes U large and positive; a z below
 * Z_CRITICAL finds none, and the limit is the answer.
 */
import digamma from '@stdlib/math-base-special-digamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { PreparedSpend } from './gamma-gamma.js';
import { Z_CRITICAL } from './poisson-limit.js';

export { Z_CRITICAL };

export interface SpendLimit {
  /** Shape of each purchase value's Gamma distribution, the same for everyone. */
  readonly p: number;
  /** The common mean purchase value, in the prepared (scaled) money unit. */
  readonly meanSpend: number;
  /** Log-likelihood at the limit, in the prepared (scaled) money unit. */
  readonly logLikelihood: number;
  /** The heterogeneity score statistic. */
  readonly z: number;
}

/** trigamma(k) - 1/k, without the cancellation of computing both for large k. */
export function trigammaMinusReciprocal(k: number): number {
  let sum = 0;
  let x = k;
  while (x < 6) {
    sum += 1 / (x * x);
    x += 1;
  }
  const x2 = x * x;
  // Asymptotic series of trigamma(x) - 1/x.
  const tail = (1 / (2 * x2)) * (1 + (1 / (3 * x)) * (1 - (1 / (5 * x2)) * (1 - (5 / (7 * x2)) * (1 - 7 / (5 * x2)))));
  return x === k ? tail : sum + 1 / x + tail - 1 / k;
}

/**
 * The spend limit of the prepared data and its heterogeneity statistic; null when it does not
 * apply (no customer, or no variation at all in the purchase values: p -> infinity, another
 * edge, left to the full fit).
 */
export function spendLimit(prep: PreparedSpend): SpendLimit | null {
  const { xs, m, w, weightByX, maxX } = prep;
  let wx = 0;
  let wxm = 0;
  for (let i = 0; i < xs.length; i++) {
    wx += w[i] * xs[i];
    wxm += w[i] * xs[i] * m[i];
  }
  if (!(wx > 0 && wxm > 0)) return null;
  const M = wxm / wx;
  const lnM = Math.log(M);
  // sum w x ln(m / M) <= 0 (Jensen); 0 only when every mean spend is M.
  const s = prep.sumWXLogM - wx * lnM;
  if (!(s < -1e-12 * wx)) return null;
  const score = (p: number): number => {
    let g = s;
    for (let x = 1; x <= maxX; x++) if (weightByX[x] > 0) g += weightByX[x] * x * (Math.log(p * x) - digamma(p * x));
    return g;
  };
  // The score falls from +infinity to s < 0 as p grows: bisection on ln p.
  let lo = Math.log(1e-8);
  let hi = Math.log(1e12);
  if (score(Math.exp(hi)) > 0) return null;
  for (let it = 0; it < 100 && hi - lo > 1e-12; it++) {
    const mid = (lo + hi) / 2;
    if (score(Math.exp(mid)) > 0) lo = mid;
    else hi = mid;
  }
  const p = Math.exp((lo + hi) / 2);
  let ll = p * prep.sumWXLogM - prep.sumWLogM - p * wx * lnM - p * wx;
  let variance = 0;
  let pInformation = 0;
  for (let x = 1; x <= maxX; x++) {
    const W = weightByX[x];
    if (W === 0) continue;
    const k = p * x;
    ll += W * (k * Math.log(k) - gammaln(k));
    variance += (W * (k * k + k)) / 2;
    pInformation += W * x * x * trigammaMinusReciprocal(k);
  }
  variance -= (wx * wx) / (4 * pInformation);
  let u = 0;
  for (let i = 0; i < xs.length; i++) {
    const k = p * xs[i];
    const d = m[i] / M - 1;
    u += w[i] * k * (k * d * d - 1);
  }
  u /= 2;
  if (!(variance > 0) || !Number.isFinite(ll)) return null;
  return { p, meanSpend: M, logLikelihood: ll, z: u / Math.sqrt(variance) };
}
