import { describe, expect, it } from 'vitest';
import { createRng } from '../../platform/random.js';
import { loadCdnowSummary } from './model.fixtures.js';
import {
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  fitBgNbd,
  fitMbgNbd,
  fitParetoNbd,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdPAlive,
} from './index.js';
import { poissonLimit, Z_CRITICAL } from './poisson-limit.js';
import { simulateParetoNbd } from './simulate.js';

const RATE = 0.06; // purchases a week

/** Customers who all buy at RATE and never leave (Gamma(1e6) rates: within 0.3% of RATE), on a day grid. */
function homogeneous(n: number, seed: number) {
  const T = Float64Array.from({ length: n }, (_, i) => 52 + (i % 52));
  return simulateParetoNbd({ r: 1e6, alpha: 1e6 / RATE, s: 1e-9, beta: 1 }, n, T, createRng(seed), {
    timeStep: 1 / 7,
  });
}

describe('the Poisson limit of the count models', () => {
  it('is the fit of homogeneous buyers, found without running the optimiser', () => {
    const data = homogeneous(20_000, 3);
    let sx = 0;
    let sT = 0;
    let ll = 0;
    for (let i = 0; i < data.x.length; i++) {
      sx += data.x[i];
      sT += data.T[i];
    }
    const rate = sx / sT;
    for (let i = 0; i < data.x.length; i++) ll += data.x[i] * Math.log(rate) - rate * data.T[i];

    const fit = fitParetoNbd(data);
    expect(fit.evaluations).toBe(0); // no likelihood evaluated: the ridge to r, alpha -> infinity is not followed
    expect(fit.converged).toBe(true);
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(rate, 12);
    expect(rate).toBeCloseTo(RATE, 2);
    expect(fit.logLikelihood).toBeCloseTo(ll, 6);
    expect(fit.warnings.join(' ')).toContain('r, alpha -> infinity');
    // Its parameters give the Poisson process's likelihood and forecasts: lambda t purchases, P(alive) 1.
    // (to rounding: the terms are ~1e9 each at r = 1e8)
    expect(Math.abs(paretoNbdLogLikelihood(fit.params, data) - ll) / Math.abs(ll)).toBeLessThan(1e-6);
    const expected = paretoNbdExpectedPurchases(fit.params, data, 26);
    const alive = paretoNbdPAlive(fit.params, data);
    for (let i = 0; i < 200; i++) {
      expect(expected[i] / (rate * 26)).toBeCloseTo(1, 5);
      expect(alive[i]).toBeGreaterThan(1 - 1e-6);
    }
  });

  it('is the fit of BG/NBD and MBG/NBD too, with the same forecasts', () => {
    const data = homogeneous(20_000, 3);
    const pareto = fitParetoNbd(data);
    const rate = pareto.params.r / pareto.params.alpha;
    for (const [fit, expected, alive, logLikelihood] of [
      [fitBgNbd, bgNbdExpectedPurchases, bgNbdPAlive, bgNbdLogLikelihood],
      [fitMbgNbd, mbgNbdExpectedPurchases, mbgNbdPAlive, mbgNbdLogLikelihood],
    ] as const) {
      const f = fit(data);
      expect(f.evaluations).toBe(0);
      expect(f.logLikelihood).toBe(pareto.logLikelihood);
      expect(Math.abs(logLikelihood(f.params, data) - f.logLikelihood) / Math.abs(f.logLikelihood)).toBeLessThan(1e-6);
      const e = expected(f.params, data, 26);
      const a = alive(f.params, data);
      for (let i = 0; i < 200; i++) {
        expect(e[i] / (rate * 26)).toBeCloseTo(1, 4);
        expect(a[i]).toBeGreaterThan(1 - 1e-4);
      }
    }
  });

  it('is not taken where customers differ', () => {
    expect(poissonLimit(loadCdnowSummary())!.z).toBeGreaterThan(100);
    const mixed = simulateParetoNbd(
      { r: 2, alpha: 2 / RATE, s: 0.5, beta: 20 },
      5_000,
      Float64Array.from({ length: 5_000 }, (_, i) => 52 + (i % 52)),
      createRng(4),
    );
    expect(poissonLimit(mixed)!.z).toBeGreaterThan(Z_CRITICAL);
    expect(fitParetoNbd(mixed).evaluations).toBeGreaterThan(0);
  });

  it('leaves data without repeat purchases, and penalised fits, to the optimiser', () => {
    expect(poissonLimit({ x: new Float64Array(3), tx: new Float64Array(3), T: Float64Array.of(5, 6, 7) })).toBeNull();
    expect(fitParetoNbd(homogeneous(500, 5), { penalty: 0.01 }).evaluations).toBeGreaterThan(0);
  });
});
