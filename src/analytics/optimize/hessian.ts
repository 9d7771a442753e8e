/**
 * Observed information for standard errors: the Hessian by central differences of an analytic
 * gradient (error O(h^2), 2n gradient evaluations), and its inverse by Cholesky factorisation,
 * which also tells whether the Hessian is positive definite (a proper maximum).
 */
import type { Objective } from './bfgs.js';

/**
 * Symmetric n x n Hessian (row-major) of the objective at x, differencing the gradient along each
 * coordinate with step h * max(1, |x_i|); the two estimates of each off-diagonal entry are averaged.
 * Central differences (error O(h^2), 2n gradients) by default; given the gradient at x, forward
 * differences (error O(h), n gradients), which is plenty for standard errors and halves the cost on
 * a million customers. Entries are NaN when a gradient is not finite.
 */
export function numericHessian(fn: Objective, x: Float64Array, h = 1e-4, gradientAtX?: Float64Array): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const xp = new Float64Array(n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = h * Math.max(1, Math.abs(x[j]));
    xp.set(x);
    xp[j] = x[j] + step;
    fn(xp, gp);
    if (gradientAtX) {
      for (let i = 0; i < n; i++) H[i * n + j] = (gp[i] - gradientAtX[i]) / step;
    } else {
      xp[j] = x[j] - step;
      fn(xp, gm);
      for (let i = 0; i < n; i++) H[i * n + j] = (gp[i] - gm[i]) / (2 * step);
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

/**
 * Inverse of a symmetric positive definite matrix (row-major) via Cholesky, or null when the matrix
 * is not positive definite or not finite.
 */
export function invertSpd(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  // inv(A) = inv(L)' inv(L); invert the lower-triangular L column by column.
  const Li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    Li[j * n + j] = 1 / L[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * n + k] * Li[k * n + j];
      Li[i * n + j] = s / L[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < n; k++) s += Li[k * n + i] * Li[k * n + j];
      inv[i * n + j] = s;
    }
  }
  return inv;
}
