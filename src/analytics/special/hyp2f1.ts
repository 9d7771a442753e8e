/**
 * The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters and real z < 1.
 *
 * No maintained JavaScript package provides it (@stdlib has no hyp2f1), so it is written here. The
 * models need it in two shapes:
 * - BG/NBD and MBG/NBD expectations (Fader, Hardie & Lee 2005, eq. 9 and 10): z = t / (alpha + T + t)
 *   in [0, 1) with positive parameters, so the Gauss series (Abramowitz & Stegun 15.1.1) has only
 *   positive terms: it is summed directly, in log scale, so that huge values (x in the hundreds)
 *   neither overflow nor lose precision.
 * - Pareto/NBD likelihood (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 22):
 *   2F1(A, B; A + 1; z) with its derivatives, see logHyp2f1UnitShift.
 * Negative z is mapped into (0, 1) by the Pfaff transformation (A&S 15.3.4).
 */

const LOG_RESCALE = 280 * Math.LN10;
const RESCALE = 1e-280;
const EPS = 1e-17;

/** Default cap on the number of series terms; z within 1e-5 of 1 still converges below it. */
export const HYP2F1_MAX_TERMS = 5_000_000;

/**
 * ln|2F1(a, b; c; z)| for 0 <= z < 1 by the Gauss series; writes the sign of 2F1 into sign[0].
 * Returns NaN when the series does not converge within maxTerms.
 */
function logSeries(a: number, b: number, c: number, z: number, maxTerms: number, sign: Float64Array): number {
  let term = 1;
  let sum = 1;
  let comp = 0; // Neumaier compensation: terms of mixed sign appear when a or b is negative.
  let logScale = 0;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    if (term === 0) break; // a or b a non-positive integer: the series is a polynomial.
    const t = sum + term;
    comp += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    if (Math.abs(sum) > 1e280 || Math.abs(term) > 1e280) {
      sum *= RESCALE;
      comp *= RESCALE;
      term *= RESCALE;
      logScale += LOG_RESCALE;
    }
    const absRatio = Math.abs(ratio);
    // Past the largest term the ratio decreases towards z, so the tail is bounded by a geometric
    // series with ratio max(|ratio|, z).
    if (absRatio < 1) {
      const q = Math.max(absRatio, z);
      if (Math.abs(term) * (q / (1 - q)) <= EPS * Math.abs(sum + comp)) {
        const total = sum + comp;
        sign[0] = total > 0 ? 1 : total < 0 ? -1 : 0;
        return logScale + Math.log(Math.abs(total));
      }
    }
  }
  if (term === 0) {
    const total = sum + comp;
    sign[0] = total > 0 ? 1 : total < 0 ? -1 : 0;
    return logScale + Math.log(Math.abs(total));
  }
  sign[0] = Number.NaN;
  return Number.NaN;
}

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

const signScratch = new Float64Array(1);

/**
 * ln|2F1(a, b; c; z)| for z < 1, with the sign in sign[0] (when given). NaN outside the domain
 * (z >= 1, c a non-positive integer) or when the series fails to converge.
 */
export function logAbsHyp2f1(
  a: number,
  b: number,
  c: number,
  z: number,
  sign: Float64Array = signScratch,
  maxTerms = HYP2F1_MAX_TERMS,
): number {
  if (!(z < 1) || isNonPositiveInteger(c) || !Number.isFinite(a + b + c + z)) {
    sign[0] = Number.NaN;
    return Number.NaN;
  }
  if (z === 0) {
    sign[0] = 1;
    return 0;
  }
  if (z < 0) {
    // Pfaff (A&S 15.3.4): 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; z / (z - 1)), argument in (0, 1).
    const w = z / (z - 1);
    return -a * Math.log1p(-z) + logSeries(a, c - b, c, w, maxTerms, sign);
  }
  return logSeries(a, b, c, z, maxTerms, sign);
}

/** 2F1(a, b; c; z) for real parameters and z < 1 (Infinity when it exceeds the double range). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const sign = new Float64Array(1);
  const l = logAbsHyp2f1(a, b, c, z, sign);
  if (Number.isNaN(l)) return Number.NaN;
  return sign[0] * Math.exp(l);
}

/** ln 2F1(a, b; c; z) where 2F1 > 0 (always so for a, b, c > 0 and 0 <= z < 1); NaN otherwise. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const l = logAbsHyp2f1(a, b, c, z, signScratch);
  return signScratch[0] > 0 ? l : Number.NaN;
}

/**
 * ln F with F = 2F1(A, B; A + 1; z), for A > 0, B > 0 and 0 <= z < 1, together with the partial
 * derivatives of ln F written to grad: [d/dA, d/dB, d/dz].
 *
 * With c = A + 1 the Pochhammer ratio simplifies, (A)_n / (A + 1)_n = A / (A + n), so
 *   F = sum_n A / (A + n) * c_n,   c_n = (B)_n z^n / n!,
 * and every derivative is a series over the same terms (all positive, so no cancellation):
 *   dF/dA = sum_n n / (A + n)^2 c_n,
 *   dF/dB = sum_n A / (A + n) c_n H_n,  H_n = psi(B + n) - psi(B) = sum_{k<n} 1 / (B + k),
 *   dF/dz = sum_n A / (A + n) n c_n / z.
 * The terms grow while (B + n) z / (n + 1) > 1, i.e. up to n ~ (B z - 1) / (1 - z), so the cost is
 * about (B + 40) / (1 - z) terms. Returns NaN when that exceeds maxTerms (the caller then
 * integrates numerically instead).
 */
export function logHyp2f1UnitShift(A: number, B: number, z: number, grad: Float64Array, maxTerms = 20_000): number {
  let c = 1; // c_n, scaled by e^-logScale
  let d = 0; // n c_n / z (the z-derivative of c_n), same scale
  let harmonic = 0; // H_n
  let f = 1;
  let fA = 0;
  let fB = 0;
  let fZ = 0;
  let logScale = 0;
  for (let n = 0; n < maxTerms; n++) {
    // Advance from term n to n + 1.
    const bn = B + n;
    d = n === 0 ? B : (d * bn * z) / n;
    c = (c * bn * z) / (n + 1);
    harmonic += 1 / bn;
    const m = n + 1;
    const w = A / (A + m);
    f += w * c;
    fA += (m / ((A + m) * (A + m))) * c;
    fB += w * c * harmonic;
    fZ += w * d;
    if (f > 1e280 || fB > 1e280 || fZ > 1e280) {
      f *= RESCALE;
      fA *= RESCALE;
      fB *= RESCALE;
      fZ *= RESCALE;
      c *= RESCALE;
      d *= RESCALE;
      logScale += LOG_RESCALE;
    }
    const ratio = ((B + m) * z) / (m + 1);
    if (ratio < 1) {
      const q = Math.max(ratio, z);
      // The remaining terms of f and of each derivative shrink at least geometrically with ratio q
      // (the derivative series carry the slowly growing factors H_n and n, covered by the margin).
      const tail = q / (1 - q);
      if (c * (1 + harmonic) * tail <= EPS * f && d * tail <= EPS * Math.max(fZ, 1e-300)) {
        grad[0] = fA / f;
        grad[1] = fB / f;
        grad[2] = fZ / f;
        return logScale + Math.log(f);
      }
    }
  }
  grad[0] = grad[1] = grad[2] = Number.NaN;
  return Number.NaN;
}
