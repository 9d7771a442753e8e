import { describe, expect, it } from 'vitest';
import { invertSpd, numericHessian } from './hessian.js';

describe('numericHessian and invertSpd', () => {
  // f = 0.5 x'Ax + sin(x0) with A symmetric positive definite; Hessian A - diag(sin(x0), 0, 0).
  const A = [4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2];
  const grad = (x: Float64Array, g: Float64Array): number => {
    for (let i = 0; i < 3; i++) g[i] = A[3 * i] * x[0] + A[3 * i + 1] * x[1] + A[3 * i + 2] * x[2];
    g[0] += Math.cos(x[0]);
    return 0;
  };
  const x = Float64Array.of(0.3, -1, 2);
  const expected = A.slice();
  expected[0] -= Math.sin(0.3);

  it('recovers the Hessian by central and forward differences', () => {
    const central = numericHessian(grad, x);
    const g0 = new Float64Array(3);
    grad(x, g0);
    const forward = numericHessian(grad, x, 1e-6, g0);
    for (let k = 0; k < 9; k++) {
      expect(central[k]).toBeCloseTo(expected[k], 7);
      expect(forward[k]).toBeCloseTo(expected[k], 5);
    }
  });

  it('inverts a positive definite matrix and refuses an indefinite one', () => {
    const inv = invertSpd(Float64Array.from(A), 3)!;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += A[3 * i + k] * inv[3 * k + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    expect(invertSpd(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
    expect(invertSpd(Float64Array.of(Number.NaN), 1)).toBeNull();
  });
});
