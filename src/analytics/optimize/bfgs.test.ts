import { describe, expect, it } from 'vitest';
import { minimizeBfgs, type Objective } from './bfgs.js';

const box = (n: number, lo = -20, hi = 20) => ({
  lower: new Float64Array(n).fill(lo),
  upper: new Float64Array(n).fill(hi),
});

describe('minimizeBfgs', () => {
  it('minimises the Rosenbrock function from the textbook start', () => {
    const rosen: Objective = (x, g) => {
      const [a, b] = x;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const r = minimizeBfgs(rosen, Float64Array.of(-1.2, 1), { ...box(2), gradientTolerance: 1e-10 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.iterations).toBeLessThan(60);
  });

  it('solves an ill-conditioned quadratic to the tolerance', () => {
    const diag = [1, 1e-4, 1e3];
    const q: Objective = (x, g) => {
      let f = 0;
      for (let i = 0; i < 3; i++) {
        g[i] = diag[i] * (x[i] - i);
        f += 0.5 * diag[i] * (x[i] - i) ** 2;
      }
      return f;
    };
    const r = minimizeBfgs(q, Float64Array.of(5, 5, 5), { ...box(3), gradientTolerance: 1e-12, functionTolerance: 0 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBeCloseTo(i, 6);
  });

  it('holds a coordinate at its bound when the objective keeps falling towards it', () => {
    // f decreases without bound as x0 -> -infinity (like a likelihood as a -> 0): x0 stops at the box.
    const f: Objective = (x, g) => {
      g[0] = Math.exp(x[0]);
      g[1] = 2 * (x[1] - 3);
      return Math.exp(x[0]) + (x[1] - 3) ** 2;
    };
    const r = minimizeBfgs(f, Float64Array.of(0, 0), box(2, -20, 20));
    expect(r.atBound[0]).toBe(-1);
    expect(r.x[0]).toBe(-20);
    expect(r.x[1]).toBeCloseTo(3, 8);
    expect(r.converged).toBe(true);
    expect(Number.isFinite(r.f)).toBe(true);
  });

  it('backs off from regions where the objective is not finite', () => {
    // Undefined for x >= 1 (like an overflowing likelihood); the minimum is at 0.5.
    const f: Objective = (x, g) => {
      if (x[0] >= 1) {
        g[0] = Number.NaN;
        return Number.NaN;
      }
      g[0] = 2 * (x[0] - 0.5);
      return (x[0] - 0.5) ** 2;
    };
    const r = minimizeBfgs(f, Float64Array.of(-10), box(1));
    expect(r.x[0]).toBeCloseTo(0.5, 6);
  });

  it('reports a non-finite start instead of throwing', () => {
    const r = minimizeBfgs(() => Number.NaN, Float64Array.of(1), box(1));
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/not finite/);
  });

  it('stops at the iteration limit with converged false', () => {
    const rosen: Objective = (x, g) => {
      g[0] = -400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]);
      g[1] = 200 * (x[1] - x[0] ** 2);
      return 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    };
    const r = minimizeBfgs(rosen, Float64Array.of(-1.2, 1), { ...box(2), maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });
});
