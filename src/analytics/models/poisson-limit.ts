/**
 * The common limit of the count models when customers do not differ: every one buys at the same
 * Poisson rate lambda and nobody drops out. Pareto/NBD reaches it as r, alpha -> infinity with
 * r / alpha = lambda (Gamma(r, alpha) becomes a point mass) and s -> 0 (no dropout); its
 * likelihood, Gamma(r + x) / Gamma(r) alpha^r / (alpha + T)^(r + x) (beta / (beta + T))^s + ...,
 * tends to that of the Poisson process, lambda^x e^(-lambda T). An optimiser follows that ridge
 * to the edge of the box slowly, and each step there is costly, so the fitters test for it first.
 *
 * The test is the score test for overdispersion of a Poisson count (Dean & Lawless 1989, "Tests
 * for detecting overdispersion in Poisson regression models", JASA 84(406), with mu_i = lambda T_i):
 *   z = sum_i [(x_i - mu_i)^2 - x_i] / sqrt(2 sum_i mu_i^2),
 * about N(0, 1) when the counts are Poisson. Both departures the models describe make the counts
 * more dispersed: rates that vary (Var x = mu + mu^2 / r under the NBD) and dropout (customers who
 * left bought over a shorter time). A z below Z_CRITICAL finds neither, and the limit is the answer.
 */
import type { CountHistories } from './types.js';

/** One-sided 2.5% point of N(0, 1). */
export const Z_CRITICAL = 1.96;

export interface PoissonLimit {
  /** Purchases per time unit, the same for everyone: sum x / sum T (the maximum-likelihood rate). */
  readonly rate: number;
  /** sum_i w_i (x_i ln lambda - lambda T_i): the supremum of the count models' likelihood at the limit. */
  readonly logLikelihood: number;
  /** The overdispersion score statistic. */
  readonly z: number;
}

/**
 * The Poisson limit of the histories and its overdispersion statistic; null when it does not
 * apply (no repeat purchase at all, or no time observed), left to the full fit.
 */
export function poissonLimit(h: CountHistories): PoissonLimit | null {
  const { x, T, weights } = h;
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i] : 1;
    sx += w * x[i];
    sT += w * T[i];
  }
  if (!(sx > 0 && sT > 0)) return null;
  const rate = sx / sT;
  const lnRate = Math.log(rate);
  let ll = 0;
  let score = 0;
  let info = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weights ? weights[i] : 1;
    const mu = rate * T[i];
    const d = x[i] - mu;
    ll += w * ((x[i] > 0 ? x[i] * lnRate : 0) - mu);
    score += w * (d * d - x[i]);
    info += w * mu * mu;
  }
  if (!(info > 0)) return null;
  return { rate, logLikelihood: ll, z: score / Math.sqrt(2 * info) };
}
