import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './model.fixtures.js';
import { expectGradientMatches } from './gradient-check.fixtures.js';
import { createRng } from '../../platform/random.js';
import { aliveExpectedPurchasesByQuadrature } from './count-common.js';
import { prepareCounts } from './group-histories.js';
import {
  fitMbgNbd,
  mbgNbdExpectedPurchases,
  mbgNbdExpectedPurchasesNew,
  mbgNbdLikelihood,
  mbgNbdLogLikelihood,
  mbgNbdPAlive,
  mbgNbdPurchaseProbabilities,
  mbgNbdTimeToNextPurchase,
  type MbgNbdParams,
} from './mbg-nbd.js';
import { simulateMbgNbd } from './simulate.js';

const PUBLISHED: MbgNbdParams = { r: 0.52484, alpha: 6.18299, a: 0.89136, b: 1.614 };
const cdnow = loadCdnowSummary();
const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
});

describe('MBG/NBD', () => {
  it('reproduces the published fit on the CDNOW sample', () => {
    const fit = fitMbgNbd(cdnow);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.136, 2);
    expect(mbgNbdLogLikelihood(PUBLISHED, cdnow)).toBeCloseTo(-9582.136, 2);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.model).toBe('mbgnbd');
  });

  it('has an analytic gradient that matches finite differences', () => {
    const ll = mbgNbdLikelihood(prepareCounts(cdnow));
    expectGradientMatches(ll, [Math.log(0.52), Math.log(0.2), Math.log(0.89), Math.log(1.6)]);
    expectGradientMatches(ll, [1, -0.5, -1, 2]);
  });

  it('lets customers without repeat purchases be inactive (P(alive) < 1 at x = 0)', () => {
    const p = mbgNbdPAlive(PUBLISHED, one(0, 0, 38.86))[0];
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    // 1 / (1 + a / b ((alpha + T) / alpha)^r)
    expect(p).toBeCloseTo(
      1 / (1 + (PUBLISHED.a / PUBLISHED.b) * ((PUBLISHED.alpha + 38.86) / PUBLISHED.alpha) ** PUBLISHED.r),
      14,
    );
  });

  it('has consistent new-customer predictions: P(X(t) = k) sums to 1 with mean E[X(t)]', () => {
    const p = mbgNbdPurchaseProbabilities(PUBLISHED, 52, 300);
    let sum = 0;
    let mean = 0;
    p.forEach((v, k) => {
      sum += v;
      mean += k * v;
    });
    expect(sum).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(mbgNbdExpectedPurchasesNew(PUBLISHED, Float64Array.of(52))[0], 8);
  });

  it('forecasts an alive customer as the posterior expectation over p ~ Beta(a, b + x + 1)', () => {
    const h = one(4, 25, 38);
    const perAlive = mbgNbdExpectedPurchases(PUBLISHED, h, 26)[0] / mbgNbdPAlive(PUBLISHED, h)[0];
    const { r, alpha, a, b } = PUBLISHED;
    expect(aliveExpectedPurchasesByQuadrature(r + 4, 26 / (alpha + 38), a, b + 5)).toBeCloseTo(perAlive, 9);
    const { median } = mbgNbdTimeToNextPurchase(PUBLISHED, h);
    expect(((alpha + 38) / (alpha + 38 + median[0])) ** (r + 4)).toBeCloseTo(0.5, 12);
  });

  it('recovers simulated parameters within 3 standard errors', () => {
    const sim = simulateMbgNbd(PUBLISHED, 50_000, 39, createRng(99));
    const fit = fitMbgNbd(sim);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - PUBLISHED[k]), `${k}: ${fit.params[k]} +- ${fit.standardErrors[k]}`).toBeLessThan(
        3 * fit.standardErrors[k]!,
      );
    }
  });
});
