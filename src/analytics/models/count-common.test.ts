import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { aliveExpectedPurchases, medianWait, nbdProbabilitiesAndTails } from './count-common.js';

describe('count-model helpers', () => {
  it('integrates over p where the closed form has a non-positive 2F1 parameter (a + b <= 1)', () => {
    // Closed form by analytic continuation in mpmath: c / (a - 1) [1 - (1 - z)^k 2F1(k, b; c; z)], c = a + b - 1 = -0.3.
    expect(aliveExpectedPurchases(0.5, 5, 0.3, 0.4, 10)).toBeCloseTo(0.69774328186368545629, 10);
    expect(aliveExpectedPurchases(0.5, 5, 0.3, 0.4, 0)).toBe(0);
  });

  it('gives negative binomial probabilities and upper tails', () => {
    const r = 0.7;
    const alpha = 3;
    const t = 10;
    const { pmf, tail } = nbdProbabilitiesAndTails(r, alpha, t, 5);
    const q = t / (alpha + t);
    for (let j = 0; j <= 5; j++) {
      const expected = Math.exp(gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * Math.log(1 - q) + j * Math.log(q));
      expect(pmf[j]).toBeCloseTo(expected, 14);
    }
    expect(tail[0]).toBeCloseTo(1, 14);
    expect(tail[3]).toBeCloseTo(1 - pmf[0] - pmf[1] - pmf[2], 14);
    // Far tails keep their relative precision (no 1 - sum cancellation).
    const far = nbdProbabilitiesAndTails(0.5, 10, 1, 60);
    expect(far.tail[60]).toBeGreaterThan(0);
    expect(far.tail[60] / far.pmf[60]).toBeLessThan(1.2);
    expect(nbdProbabilitiesAndTails(1, 1, 0, 2).pmf[0]).toBe(1);
  });

  it('has the Lomax median', () => {
    expect(medianWait(1, 10)).toBeCloseTo(10, 12); // k = 1: (alpha + T)(2 - 1)
  });
});
