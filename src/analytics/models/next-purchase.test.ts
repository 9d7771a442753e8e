import { describe, expect, it } from 'vitest';
import { timeToNextExpectedPurchase } from './next-purchase.js';

describe('time to the next expected purchase', () => {
  it('is where the expected purchases reach 1: 1 / lambda for a Poisson buyer', () => {
    const rates = [0.5, 0.06, 0.001];
    const wait = timeToNextExpectedPurchase((t, out) => rates.forEach((r, i) => (out[i] = r * t)), rates.length, 5218);
    rates.forEach((r, i) => expect(wait[i]).toBeCloseTo(1 / r, 6));
  });

  it('is NaN for a customer whose expected purchases never reach 1', () => {
    // A customer likely gone: E[X(t)] = 0.8 (1 - e^(-t)) stays below 1.
    const wait = timeToNextExpectedPurchase(
      (t, out) => {
        out[0] = 0.8 * -Math.expm1(-t);
        out[1] = 2 * -Math.expm1(-t);
      },
      2,
      100,
    );
    expect(wait[0]).toBeNaN();
    // 2 (1 - e^-t) = 1 at t = ln 2, to the grid's interpolation.
    expect(wait[1]).toBeCloseTo(Math.LN2, 1);
  });
});
