import { describe, expect, it } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import digamma from '@stdlib/math-base-special-digamma';
import { fillDigammaShift, fillLogPochhammer, log1mExp, logAddExp, sigmoid } from './log-space.js';

describe('log-space helpers', () => {
  it('adds in log space without overflow or underflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logAddExp(1000, 0)).toBe(1000);
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
  });

  it('computes ln(1 - e^u) accurately on both sides of -ln 2', () => {
    expect(log1mExp(-1e-10)).toBeCloseTo(Math.log(1e-10), 8);
    expect(log1mExp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(log1mExp(-1)).toBeCloseTo(Math.log(1 - Math.exp(-1)), 15);
    expect(log1mExp(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(log1mExp(1)).toBeNaN();
  });

  it('has a logistic function that does not overflow', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
  });

  it('fills log Pochhammer and digamma shifts consistent with gammaln and digamma', () => {
    const lp = new Float64Array(301);
    const dp = new Float64Array(301);
    for (const z of [1e-6, 0.2425982, 3.5, 1e6]) {
      fillLogPochhammer(z, 300, lp);
      fillDigammaShift(z, 300, dp);
      for (const k of [0, 1, 7, 300]) {
        expect(lp[k]).toBeCloseTo(gammaln(z + k) - gammaln(z), z > 1e5 ? 6 : 9);
        const ref = digamma(z + k) - digamma(z);
        expect(Math.abs(dp[k] - ref)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref)));
      }
    }
  });
});
