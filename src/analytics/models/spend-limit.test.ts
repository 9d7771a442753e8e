import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './model.fixtures.js';
import { createRng, randomGamma, randomInt } from '../../platform/random.js';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, prepareSpend } from './gamma-gamma.js';
import { spendLimit, trigammaMinusReciprocal } from './spend-limit.js';
import { simulateGammaGamma } from './simulate.js';

/** Mean of x purchase values, each Gamma(p, rate nu), with one nu for everyone. */
function commonSpend(seed: number, n: number, p: number, nu: number) {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => 1 + randomInt(rng, 8));
  const monetary = x.map((xi) => {
    let sum = 0;
    for (let j = 0; j < xi; j++) sum += randomGamma(rng, p, 1 / nu);
    return sum / xi;
  });
  return { x, monetary };
}

describe('spend limit', () => {
  it('computes trigamma(k) - 1/k across the recurrence and the asymptotic series', () => {
    // trigamma(1) = pi^2 / 6; trigamma(0.5) = pi^2 / 2; trigamma(10) = 0.1051663356816857.
    expect(trigammaMinusReciprocal(1)).toBeCloseTo(Math.PI ** 2 / 6 - 1, 8);
    expect(trigammaMinusReciprocal(0.5)).toBeCloseTo(Math.PI ** 2 / 2 - 2, 8);
    expect(trigammaMinusReciprocal(10)).toBeCloseTo(0.1051663356816857 - 0.1, 10);
    expect(trigammaMinusReciprocal(1e6) * 2e12).toBeCloseTo(1, 5);
  });

  it('finds no heterogeneity when everyone spends around one mean, and recovers p and the mean', () => {
    const zs: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const limit = spendLimit(prepareSpend(commonSpend(seed, 2000, 4, 0.2)))!;
      zs.push(limit.z);
      if (seed === 1) {
        expect(limit.p).toBeGreaterThan(3.7);
        expect(limit.p).toBeLessThan(4.3);
      }
    }
    const mean = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - mean) ** 2, 0) / (zs.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.5);
    expect(sd).toBeGreaterThan(0.6);
    expect(sd).toBeLessThan(1.4);
  });

  it('finds the heterogeneity of CDNOW and of simulated Gamma-Gamma data', () => {
    const cdnow = loadCdnowSummary();
    const real = spendLimit(prepareSpend({ x: cdnow.x, monetary: cdnow.monetary }))!;
    expect(real.z).toBeGreaterThan(10);
    const rng = createRng(3);
    const x = Float64Array.from({ length: 2000 }, () => 1 + randomInt(rng, 8));
    const monetary = simulateGammaGamma({ p: 6, q: 20, gamma: 60 }, x, rng);
    const sim = spendLimit(prepareSpend({ x, monetary }))!;
    expect(sim.z).toBeGreaterThan(1.96);
  });

  it('makes Gamma-Gamma answer with the limit at once, as good as the optimiser and standing for it', () => {
    const data = commonSpend(7, 3000, 4, 0.2);
    const fit = fitGammaGamma(data);
    expect(fit.iterations).toBe(0);
    expect(fit.evaluations).toBe(0);
    expect(fit.warnings.join(' ')).toMatch(
      /mean spend looks the same for every customer.*limit without heterogeneity, q, gamma -> infinity/,
    );
    expect(fit.standardErrors).toEqual({ p: null, q: null, gamma: null });
    // The parameters that stand for the limit give its log-likelihood (q = 1e8 is not quite
    // infinity: the mixing distribution's spread of 1e-4 costs about sum (p x)^2 / 2e8)...
    expect(Math.abs(gammaGammaLogLikelihood(fit.params, data) - fit.logLikelihood)).toBeLessThan(0.05);
    // ...and the optimiser, made to run (from a start of its own), does no significantly better
    // (a likelihood-ratio statistic below 3.84, chi-square with 1 degree of freedom at 5%).
    const optimised = fitGammaGamma(data, { starts: [{ p: 2, q: 3, gamma: 10 }] });
    expect(2 * (optimised.logLikelihood - fit.logLikelihood)).toBeLessThan(3.84);
    expect(optimised.evaluations).toBeGreaterThan(0);
    // Everyone's expected spend is the common mean: total repeat spend over repeat purchases.
    let spent = 0;
    let purchases = 0;
    data.x.forEach((x, i) => ((spent += x * data.monetary[i]), (purchases += x)));
    const expected = gammaGammaExpectedSpend(fit.params, data.x, data.monetary);
    for (const e of expected) expect(e / (spent / purchases)).toBeCloseTo(1, 5);
  });

  it('leaves real heterogeneity to the optimiser', () => {
    const cdnow = loadCdnowSummary();
    const fit = fitGammaGamma({ x: cdnow.x, monetary: cdnow.monetary });
    expect(fit.evaluations).toBeGreaterThan(0);
    expect(fit.params.q).toBeCloseTo(3.744256, 2);
  });
});
