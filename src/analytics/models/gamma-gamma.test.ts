import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './model.fixtures.js';
import { expectGradientMatches } from './gradient-check.fixtures.js';
import { RegularsError } from '../../platform/errors.js';
import { createRng } from '../../platform/random.js';
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLikelihood,
  gammaGammaLogLikelihood,
  prepareSpend,
  type GammaGammaParams,
} from './gamma-gamma.js';
import { simulateGammaGamma } from './simulate.js';

// Fader, Hardie & Lee (2005b) / lifetimes on the 946 CDNOW customers with repeat purchases.
const PUBLISHED: GammaGammaParams = { p: 6.249349, q: 3.744256, gamma: 15.444307 };
const cdnow = loadCdnowSummary();
const spend = { x: cdnow.x, monetary: cdnow.monetary };

describe('Gamma-Gamma', () => {
  it('reproduces the published fit on the CDNOW sample', () => {
    const fit = fitGammaGamma(spend);
    for (const k of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9177, 3);
    expect(gammaGammaLogLikelihood(PUBLISHED, spend)).toBeCloseTo(-4055.9177, 3);
    expect(fit.nObservations).toBe(946);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
  });

  it('has an analytic gradient that matches finite differences', () => {
    const ll = gammaGammaLikelihood(prepareSpend(spend));
    expectGradientMatches(ll, [Math.log(6.2), Math.log(3.7), Math.log(0.5)]);
    expectGradientMatches(ll, [0, 1, -1]);
  });

  it('predicts the expected spend per order as a weighted mean of population and customer means', () => {
    const e = gammaGammaExpectedSpend(PUBLISHED, Float64Array.of(2, 1, 0), Float64Array.of(22.345, 11.77, 0));
    const { p, q, gamma } = PUBLISHED;
    expect(e[0]).toBeCloseTo((p * (gamma + 2 * 22.345)) / (2 * p + q - 1), 12);
    // lifetimes' documentation lists 24.658619, 18.911489 and 35.170981 for these customers (its own fit).
    expect(e[0]).toBeCloseTo(24.65, 1);
    expect(e[1]).toBeCloseTo(18.91, 1);
    expect(e[2]).toBeCloseTo((p * gamma) / (q - 1), 12);
    expect(e[2]).toBeCloseTo(35.17, 2);
  });

  it('refuses expected spend when q <= 1 (infinite mean), with a clear error', () => {
    const call = () => gammaGammaExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, Float64Array.of(1), Float64Array.of(10));
    expect(call).toThrow(RegularsError);
    expect(call).toThrow(/q > 1/);
    try {
      call();
    } catch (e) {
      expect((e as RegularsError).code).toBe('MODEL_NOT_APPLICABLE');
    }
  });

  it('warns about customers left out and about q <= 1', () => {
    const fit = fitGammaGamma(
      { x: Float64Array.of(1, 2, 3, 2, 0), monetary: Float64Array.of(10, 0, 30, 12, 0) },
      { standardErrors: false },
    );
    expect(fit.nObservations).toBe(3);
    expect(fit.warnings.join(' ')).toMatch(/1 customers with repeat purchases but a mean spend <= 0/);
    // Heavy-tailed spend pushes q below 1.
    const x = new Float64Array(2000).fill(1);
    const m = x.map((_, i) => 1 / ((i + 0.5) / 2000) ** 1.5);
    const heavy = fitGammaGamma({ x, monetary: m }, { standardErrors: false });
    expect(heavy.params.q).toBeLessThanOrEqual(1);
    expect(heavy.warnings.join(' ')).toMatch(/q = .* <= 1/);
  });

  it('recovers simulated parameters within 3 standard errors', () => {
    const rng = createRng(1234);
    const x = Float64Array.from({ length: 50_000 }, () => 1 + Math.floor(rng.next() * 10));
    const m = simulateGammaGamma(PUBLISHED, x, rng);
    const fit = fitGammaGamma({ x, monetary: m });
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[k] - PUBLISHED[k]), `${k}: ${fit.params[k]} +- ${fit.standardErrors[k]}`).toBeLessThan(
        3 * fit.standardErrors[k]!,
      );
    }
  });
});
