import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from './model.fixtures.js';
import { expectGradientMatches } from './gradient-check.fixtures.js';
import { createRng } from '../../platform/random.js';
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  bgNbdLikelihood,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  bgNbdPurchaseProbabilities,
  bgNbdTimeToNextPurchase,
  fitBgNbd,
  type BgNbdParams,
} from './bg-nbd.js';
import { aliveExpectedPurchasesByQuadrature } from './count-common.js';
import { prepareCounts } from './group-histories.js';
import { simulateBgNbd } from './simulate.js';

// Fader, Hardie & Lee (2005) on the CDNOW sample (shared/data/README.md).
const PUBLISHED: BgNbdParams = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
const cdnow = loadCdnowSummary();
const one = (x: number, tx: number, T: number) => ({
  x: Float64Array.of(x),
  tx: Float64Array.of(tx),
  T: Float64Array.of(T),
});

describe('BG/NBD on the CDNOW sample', () => {
  const fit = fitBgNbd(cdnow);

  it('reproduces the published parameters and log-likelihood', () => {
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(fit.params[k] / PUBLISHED[k] - 1)).toBeLessThan(1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 2);
    expect(bgNbdLogLikelihood(PUBLISHED, cdnow)).toBeCloseTo(-9582.429, 2);
    expect(fit.converged).toBe(true);
    expect(fit.warnings).toEqual([]);
    expect(fit.model).toBe('bgnbd');
    expect(fit.nObservations).toBe(2357);
    expect(fit.nGroups).toBeLessThan(2357);
  });

  it('gives standard errors on the natural scale', () => {
    // Delta method from the log-scale information; magnitudes as in BTYD's Hessian-based errors.
    expect(fit.standardErrors.r!).toBeGreaterThan(0.005);
    expect(fit.standardErrors.r!).toBeLessThan(0.03);
    expect(fit.standardErrors.alpha!).toBeGreaterThan(0.1);
    expect(fit.standardErrors.a!).toBeGreaterThan(0.05);
    expect(fit.standardErrors.b!).toBeGreaterThan(0.2);
  });

  it('has an analytic gradient that matches finite differences', () => {
    const ll = bgNbdLikelihood(prepareCounts(cdnow));
    expectGradientMatches(ll, [Math.log(0.24), Math.log(0.14), Math.log(0.79), Math.log(2.4)]);
    expectGradientMatches(ll, [0.5, -1, 1.2, -0.7]);
  });

  it('predicts the published figures for customer (x=2, tx=30.43, T=38.86)', () => {
    const h = one(2, 30.43, 38.86);
    expect(bgNbdPAlive(PUBLISHED, h)[0]).toBeCloseTo(0.7266, 4);
    expect(bgNbdExpectedPurchases(PUBLISHED, h, 39)[0]).toBeCloseTo(1.226, 3);
  });

  it('predicts a new customer: the published figures use the parameters rounded as FHL print them', () => {
    const weeks = Float64Array.of(1, 39, 52, 78);
    // README: 0.053268, 1.196723, 1.446051, 1.860519 and P(X(39) = 0) = 0.5737864 come from
    // r 0.243, alpha 4.414, a 0.793, b 2.426 (the 4-digit values in the paper).
    const rounded = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const e = bgNbdExpectedPurchasesNew(rounded, weeks);
    [0.053268, 1.196723, 1.446051, 1.860519].forEach((v, i) => expect(e[i]).toBeCloseTo(v, 6));
    expect(bgNbdPurchaseProbabilities(rounded, 39, 0)[0]).toBeCloseTo(0.5737864, 7);
    // With the full-precision parameters the values are (mpmath, 30 digits):
    const full = bgNbdExpectedPurchasesNew(PUBLISHED, weeks);
    [0.053184160240401124, 1.1950061448677793, 1.4440048994670567, 1.8579420129518078].forEach((v, i) =>
      expect(full[i]).toBeCloseTo(v, 12),
    );
    expect(bgNbdPurchaseProbabilities(PUBLISHED, 39, 0)[0]).toBeCloseTo(0.574304664962461, 12);
  });

  it('gives P(X(t) = k) that sums to 1 with mean E[X(t)]', () => {
    const p = bgNbdPurchaseProbabilities(PUBLISHED, 78, 400);
    let sum = 0;
    let mean = 0;
    p.forEach((v, k) => {
      sum += v;
      mean += k * v;
    });
    expect(sum).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(bgNbdExpectedPurchasesNew(PUBLISHED, Float64Array.of(78))[0], 8);
  });

  it('agrees with direct integration over p, also at a = 1 where the closed form is 0/0', () => {
    const { r, alpha, a, b } = PUBLISHED;
    const closed = bgNbdExpectedPurchases(PUBLISHED, one(3, 20, 38), 52)[0] / bgNbdPAlive(PUBLISHED, one(3, 20, 38))[0];
    expect(aliveExpectedPurchasesByQuadrature(r + 3, 52 / (alpha + 38), a, b + 3)).toBeCloseTo(closed, 9);
    const near = { ...PUBLISHED, a: 1 + 1e-9 };
    const at1 = bgNbdExpectedPurchasesNew(near, Float64Array.of(39))[0];
    const left = bgNbdExpectedPurchasesNew({ ...PUBLISHED, a: 0.99 }, Float64Array.of(39))[0];
    const right = bgNbdExpectedPurchasesNew({ ...PUBLISHED, a: 1.01 }, Float64Array.of(39))[0];
    expect(at1).toBeGreaterThan(Math.min(left, right));
    expect(at1).toBeLessThan(Math.max(left, right));
  });

  it('gives the median time to the next purchase of an alive customer, with P(alive)', () => {
    const h = one(2, 30.43, 38.86);
    const { median, pAlive } = bgNbdTimeToNextPurchase(PUBLISHED, h);
    // P(W > w) = ((alpha + T) / (alpha + T + w))^(r + x) is 1/2 at the median.
    expect(((PUBLISHED.alpha + 38.86) / (PUBLISHED.alpha + 38.86 + median[0])) ** (PUBLISHED.r + 2)).toBeCloseTo(
      0.5,
      12,
    );
    expect(pAlive[0]).toBeCloseTo(0.7266, 4);
  });

  it('handles customers with hundreds of purchases without overflow', () => {
    const h = one(500, 103.43, 103.57);
    expect(Number.isFinite(bgNbdLogLikelihood(PUBLISHED, h))).toBe(true);
    expect(bgNbdPAlive(PUBLISHED, h)[0]).toBeGreaterThan(0.99);
    const e = bgNbdExpectedPurchases(PUBLISHED, h, 52)[0];
    expect(e).toBeGreaterThan(100);
    expect(Number.isFinite(e)).toBe(true);
  });
});

describe('BG/NBD fitting behaviour', () => {
  it('recovers simulated parameters within 3 standard errors (100k customers)', () => {
    const sim = simulateBgNbd(PUBLISHED, 100_000, 39, createRng(20250101));
    const fit = fitBgNbd(sim);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      const se = fit.standardErrors[k]!;
      expect(Math.abs(fit.params[k] - PUBLISHED[k]), `${k}: ${fit.params[k]} +- ${se}`).toBeLessThan(3 * se);
    }
  });

  it('ends cleanly with a warning when nobody drops out', () => {
    // Pure NBD data: no dropout at all. The likelihood keeps rising towards the edge where the
    // dropout probability p = a / (a + b) vanishes (here a, b -> infinity together).
    const sim = simulateBgNbd({ r: 1.5, alpha: 10, a: 1e-12, b: 1e6 }, 3000, 30, createRng(7));
    const fit = fitBgNbd(sim);
    expect(fit.warnings.length).toBeGreaterThan(0);
    expect(fit.warnings.join(' ')).toMatch(/b -> infinity/);
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(1e-3);
    for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(Number.isFinite(fit.gradientNorm)).toBe(true);
    expect(fit.standardErrors.b).toBeNull();
    // The purchase process is still estimated: r and alpha near the truth.
    expect(Math.abs(fit.params.r - 1.5)).toBeLessThan(3 * fit.standardErrors.r!);
    const pAlive = bgNbdPAlive(fit.params, sim);
    expect(pAlive.every((v) => v > 0.5 && v <= 1)).toBe(true);
  });

  it('treats weights as repeated customers', () => {
    const h = { x: Float64Array.of(0, 1, 3, 0), tx: Float64Array.of(0, 5, 20, 0), T: Float64Array.of(30, 30, 25, 10) };
    const weights = Float64Array.of(50, 20, 7, 30);
    const expanded = { x: [] as number[], tx: [] as number[], T: [] as number[] };
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) {
        expanded.x.push(h.x[i]);
        expanded.tx.push(h.tx[i]);
        expanded.T.push(h.T[i]);
      }
    });
    const a = bgNbdLogLikelihood(PUBLISHED, { ...h, weights });
    const b = bgNbdLogLikelihood(PUBLISHED, {
      x: Float64Array.from(expanded.x),
      tx: Float64Array.from(expanded.tx),
      T: Float64Array.from(expanded.T),
    });
    expect(a).toBeCloseTo(b, 9);
  });

  it('does not depend on the time unit except through alpha', () => {
    const days = { x: cdnow.x, tx: cdnow.tx.map((v) => v * 7), T: cdnow.T.map((v) => v * 7) };
    const fit = fitBgNbd(days, { standardErrors: false });
    expect(fit.params.alpha / 7 / PUBLISHED.alpha).toBeCloseTo(1, 3);
    expect(fit.params.r / PUBLISHED.r).toBeCloseTo(1, 3);
    // The density of (x, tx) gains 7^-x per customer.
    let sumX = 0;
    for (const v of cdnow.x) sumX += v;
    expect(fit.logLikelihood).toBeCloseTo(-9582.429 - sumX * Math.log(7), 2);
  });

  it('shrinks the log-parameters with a penalty, and reports the unpenalised log-likelihood', () => {
    const plain = fitBgNbd(cdnow, { standardErrors: false });
    const penalised = fitBgNbd(cdnow, { penalty: 0.05, standardErrors: false });
    const norm = (p: BgNbdParams, scale: number) =>
      Math.log(p.r) ** 2 + Math.log(p.alpha / scale) ** 2 + Math.log(p.a) ** 2 + Math.log(p.b) ** 2;
    let meanT = 0;
    for (const v of cdnow.T) meanT += v / cdnow.T.length;
    expect(norm(penalised.params, meanT)).toBeLessThan(norm(plain.params, meanT));
    expect(penalised.logLikelihood).toBeLessThan(plain.logLikelihood);
    expect(penalised.penalty).toBe(0.05);
  });

  it('runs from given starts, and from all of them on request', () => {
    const fit = fitBgNbd(cdnow, {
      starts: [
        { r: 1, alpha: 1, a: 1, b: 1 },
        { r: 0.1, alpha: 50, a: 3, b: 0.5 },
      ],
      allStarts: true,
      standardErrors: false,
    });
    expect(fit.startsTried).toBe(2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 2);
  });

  it('rejects malformed histories and parameters', () => {
    expect(() => fitBgNbd(one(1, 40, 39))).toThrow(/tx <= T/);
    expect(() => fitBgNbd(one(1.5, 4, 39))).toThrow(/whole number/);
    expect(() => fitBgNbd(one(0, 3, 39))).toThrow(/tx = 0 when x = 0/);
    expect(() => fitBgNbd({ x: Float64Array.of(1), tx: Float64Array.of(1), T: Float64Array.of(2, 3) })).toThrow(
      /same length/,
    );
    expect(() => bgNbdPAlive({ ...PUBLISHED, a: -1 }, one(1, 1, 2))).toThrow(/positive/);
    expect(() => fitBgNbd({ x: new Float64Array(0), tx: new Float64Array(0), T: new Float64Array(0) })).toThrow(
      /no customers/,
    );
  });
});
