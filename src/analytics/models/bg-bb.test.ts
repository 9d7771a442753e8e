import betaln from '@stdlib/math-base-special-betaln';
import { describe, expect, it } from 'vitest';
import { loadDonations } from './model.fixtures.js';
import { expectGradientMatches } from './gradient-check.fixtures.js';
import { createRng } from '../../platform/random.js';
import {
  bgBbExpectedPurchases,
  bgBbExpectedPurchasesNew,
  bgBbLikelihood,
  bgBbLogLikelihood,
  bgBbPAlive,
  bgBbPurchaseProbabilities,
  bgBbTimeToNextPurchase,
  fitBgBb,
  prepareDiscrete,
  type BgBbParams,
} from './bg-bb.js';
import { simulateBgBb } from './simulate.js';

// Fader, Hardie & Shang (2010) on the donations data (shared/data/README.md, full precision).
const PUBLISHED: BgBbParams = { alpha: 1.203507, beta: 0.7497667, gamma: 0.6567568, delta: 2.783887 };
const donations = loadDonations();

/** Every possible history (x, tx) after n opportunities, with its probability L * (number of sequences). */
function allHistories(
  params: BgBbParams,
  n: number,
): { x: Float64Array; tx: Float64Array; n: Float64Array; prob: number[] } {
  const x: number[] = [];
  const tx: number[] = [];
  for (let t = 0; t <= n; t++) {
    for (let k = t === 0 ? 0 : 1; k <= t; k++) {
      x.push(k);
      tx.push(t);
    }
  }
  const h = { x: Float64Array.from(x), tx: Float64Array.from(tx), n: new Float64Array(x.length).fill(n) };
  const prob = x.map((k, i) => {
    const ll = bgBbLogLikelihood(params, { x: Float64Array.of(k), tx: Float64Array.of(tx[i]), n: Float64Array.of(n) });
    // Sequences with k transactions, the last at tx: C(tx - 1, k - 1).
    const ways = k === 0 ? 1 : Math.exp(-Math.log(tx[i]) - betaln(tx[i] - k + 1, k));
    return Math.exp(ll) * ways;
  });
  return { ...h, prob };
}

describe('BG/BB', () => {
  it('reproduces the published fit on the donations data', () => {
    const fit = fitBgBb(donations);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-33225.581, 2);
    expect(bgBbLogLikelihood(PUBLISHED, donations)).toBeCloseTo(-33225.581, 2);
    expect(fit.converged).toBe(true);
    expect(fit.nObservations).toBe(11104);
    expect(fit.warnings).toEqual([]);
  });

  it('has an analytic gradient that matches finite differences', () => {
    const ll = bgBbLikelihood(prepareDiscrete(donations));
    expectGradientMatches(ll, [0.2, -0.3, -0.4, 1]);
    expectGradientMatches(ll, [-1, 1, 0.5, -0.5]);
  });

  it('has predictions that average to the population figures over all histories', () => {
    const n = 6;
    const all = allHistories(PUBLISHED, n);
    const total = all.prob.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1, 12);
    // Averaging P(alive at n + 1) over histories gives E[(1 - theta)^(n+1)].
    const pAlive = bgBbPAlive(PUBLISHED, all);
    const meanAlive = pAlive.reduce((s, v, i) => s + v * all.prob[i], 0);
    expect(meanAlive).toBeCloseTo(
      Math.exp(betaln(PUBLISHED.gamma, PUBLISHED.delta + n + 1) - betaln(PUBLISHED.gamma, PUBLISHED.delta)),
      12,
    );
    // Averaging the conditional forecast of the next 5 opportunities gives E[X(n + 5)] - E[X(n)].
    const forecast = bgBbExpectedPurchases(PUBLISHED, all, 5);
    const meanForecast = forecast.reduce((s, v, i) => s + v * all.prob[i], 0);
    const e = bgBbExpectedPurchasesNew(PUBLISHED, Float64Array.of(n, n + 5));
    expect(meanForecast).toBeCloseTo(e[1] - e[0], 12);
    // And the distribution of X(n) has that mean.
    const pmf = bgBbPurchaseProbabilities(PUBLISHED, n);
    expect(pmf.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(pmf.reduce((s, v, k) => s + k * v, 0)).toBeCloseTo(e[0], 12);
  });

  it('is continuous through gamma = 1', () => {
    const h = { x: Float64Array.of(3), tx: Float64Array.of(5), n: Float64Array.of(6) };
    const v = [1 - 1e-7, 1, 1 + 1e-7].map((gamma) => bgBbExpectedPurchases({ ...PUBLISHED, gamma }, h, 5)[0]);
    expect(v[1]).toBeCloseTo(v[0], 6);
    expect(v[1]).toBeCloseTo(v[2], 6);
  });

  it('gives the median number of opportunities to the next transaction', () => {
    const h = { x: Float64Array.of(6, 1), tx: Float64Array.of(6, 1), n: Float64Array.of(6, 6) };
    const { median, pAlive } = bgBbTimeToNextPurchase(PUBLISHED, h);
    expect(median[0]).toBe(1); // a donor who gave every year: p ~ Beta(7.2, 0.75)
    expect(median[1]).toBeGreaterThan(1);
    expect(pAlive[0]).toBeGreaterThan(pAlive[1]);
  });

  it('recovers simulated parameters within 3 standard errors', () => {
    const sim = simulateBgBb(PUBLISHED, 50_000, 8, createRng(5));
    const fit = fitBgBb(sim);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) {
      expect(Math.abs(fit.params[k] - PUBLISHED[k]), `${k}: ${fit.params[k]} +- ${fit.standardErrors[k]}`).toBeLessThan(
        3 * fit.standardErrors[k]!,
      );
    }
  });

  it('rejects impossible histories', () => {
    expect(() => fitBgBb({ x: Float64Array.of(3), tx: Float64Array.of(2), n: Float64Array.of(6) })).toThrow(
      /x <= tx <= n/,
    );
    expect(() => fitBgBb({ x: Float64Array.of(0), tx: Float64Array.of(2), n: Float64Array.of(6) })).toThrow(
      /tx = 0 exactly when x = 0/,
    );
  });
});
