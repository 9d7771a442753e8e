/**
 * Arithmetic on logarithms, so that likelihoods of customers with hundreds of purchases (terms like
 * (alpha + T)^-(r + x) far below the smallest double) are summed without underflow or overflow.
 */

/** ln(e^u + e^v), exact for infinite arguments (ln 0 = -Infinity is a valid input). */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * ln(1 - e^u) for u <= 0, by Maechler's (2012, "Accurately computing log(1 - exp(-|a|))") switch
 * at -ln 2 between log(-expm1(u)) and log1p(-exp(u)); each is accurate on its own side.
 */
export function log1mExp(u: number): number {
  if (u > 0) return Number.NaN;
  return u > -Math.LN2 ? Math.log(-Math.expm1(u)) : Math.log1p(-Math.exp(u));
}

/** Logistic function 1 / (1 + e^-u), without overflow for large |u|. */
export function sigmoid(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}

/**
 * out[k] = ln Gamma(z + k) - ln Gamma(z) = sum_{j<k} ln(z + j) for k = 0..maxK (a log Pochhammer
 * symbol). The recurrence is exact term by term and avoids the cancellation of two large gammaln
 * values when z is large (a fit heading to a boundary), and costs one log per k.
 */
export function fillLogPochhammer(z: number, maxK: number, out: Float64Array): void {
  out[0] = 0;
  let acc = 0;
  for (let k = 1; k <= maxK; k++) {
    acc += Math.log(z + k - 1);
    out[k] = acc;
  }
}

/** out[k] = psi(z + k) - psi(z) = sum_{j<k} 1 / (z + j), the derivative of the log Pochhammer symbol. */
export function fillDigammaShift(z: number, maxK: number, out: Float64Array): void {
  out[0] = 0;
  let acc = 0;
  for (let k = 1; k <= maxK; k++) {
    acc += 1 / (z + k - 1);
    out[k] = acc;
  }
}
