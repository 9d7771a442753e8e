import { describe, expect, it } from 'vitest';
import { bgNbdExpectedPurchases, bgNbdForecast } from './bg-nbd.js';
import { customerLifetimeValue, DAYS_PER_MONTH, WEEKS_PER_MONTH } from './clv.js';
import type { PurchaseForecast } from './types.js';

describe('customerLifetimeValue', () => {
  it('discounts each month by (1 + d)^m', () => {
    // Two purchases a month for customer 0, none for customer 1.
    const linear: PurchaseForecast = (t, out) => {
      out[0] = (2 * t) / WEEKS_PER_MONTH;
      out[1] = 0;
    };
    const clv = customerLifetimeValue(linear, Float64Array.of(10, 50), {
      months: 3,
      monthlyDiscountRate: 0.01,
      timeUnitsPerMonth: WEEKS_PER_MONTH,
    });
    expect(clv[0]).toBeCloseTo(20 / 1.01 + 20 / 1.01 ** 2 + 20 / 1.01 ** 3, 12);
    expect(clv[1]).toBe(0);
  });

  it('without discount adds up to the expected purchases over the horizon times spend', () => {
    const params = { r: 0.2425982, alpha: 4.413684, a: 0.7929899, b: 2.426167 };
    const h = { x: Float64Array.of(0, 2, 7), tx: Float64Array.of(0, 30.43, 35), T: Float64Array.of(38.86, 38.86, 36) };
    const spend = Float64Array.of(30, 25, 40);
    const clv = customerLifetimeValue(bgNbdForecast(params, h), spend, {
      months: 12,
      monthlyDiscountRate: 0,
      timeUnitsPerMonth: WEEKS_PER_MONTH,
    });
    const e = bgNbdExpectedPurchases(params, h, 12 * WEEKS_PER_MONTH);
    for (let i = 0; i < 3; i++) expect(clv[i]).toBeCloseTo(e[i] * spend[i], 10);
  });

  it('has calendar-average months and validates its options', () => {
    expect(WEEKS_PER_MONTH * 7).toBeCloseTo(DAYS_PER_MONTH, 12);
    const f: PurchaseForecast = (_t, out) => out.fill(0);
    expect(() =>
      customerLifetimeValue(f, new Float64Array(1), { months: 0, monthlyDiscountRate: 0, timeUnitsPerMonth: 1 }),
    ).toThrow(/months/);
    expect(() =>
      customerLifetimeValue(f, new Float64Array(1), { months: 2, monthlyDiscountRate: -1, timeUnitsPerMonth: 1 }),
    ).toThrow(/discount/);
  });
});
