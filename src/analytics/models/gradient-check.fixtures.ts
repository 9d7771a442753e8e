/**
 * Checks a model's analytic gradient against central finite differences of its own log-likelihood:
 * the optimiser trusts the gradient, so a wrong term would silently bias every fit.
 */
import { expect } from 'vitest';

interface Likelihood {
  evaluate(theta: Float64Array, grad: Float64Array): number;
}

export function expectGradientMatches(ll: Likelihood, theta: readonly number[], relativeTolerance = 1e-6): void {
  const p = theta.length;
  const analytic = new Float64Array(p);
  ll.evaluate(Float64Array.from(theta), analytic);
  const scratch = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    const h = 1e-5;
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[i] += h;
    minus[i] -= h;
    const numeric = (ll.evaluate(plus, scratch) - ll.evaluate(minus, scratch)) / (2 * h);
    const scale = Math.max(1, Math.abs(numeric));
    expect(
      Math.abs(analytic[i] - numeric) / scale,
      `d/dtheta[${i}]: analytic ${analytic[i]}, numeric ${numeric}`,
    ).toBeLessThan(relativeTolerance);
  }
}
