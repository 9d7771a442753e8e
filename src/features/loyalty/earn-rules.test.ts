import { describe, expect, it } from 'vitest';
import { pointsForOrder, pointsToReverse } from './earn-rules.js';

const line = (totalMinor: number, sku: string | null = null, category: string | null = null) => ({
  sku,
  category,
  totalMinor,
});

describe('earn rules', () => {
  it('earns at any ratio, rounding down once per order', () => {
    const perTenDollars = { points: 1, perMinor: 1000 };
    expect(pointsForOrder([line(500), line(500)], perTenDollars)).toBe(1);
    expect(pointsForOrder([line(999)], perTenDollars)).toBe(0);
    expect(pointsForOrder([line(4599)], { points: 1, perMinor: 100 })).toBe(45);
    expect(pointsForOrder([line(4599)], { points: 3, perMinor: 200 })).toBe(68);
  });

  it('applies the best product or category multiplier per line and the tier multiplier to the order', () => {
    const rate = { points: 1, perMinor: 100 };
    const multipliers = { bySku: { 'BEAN-1': 2 }, byCategory: { coffee: 1.5 }, tier: 1.1 };
    // (1000 x 2 + 1000 x 1.5 + 1000 x 1) x 1.1 / 100 = 49.5 -> 49
    expect(
      pointsForOrder(
        [line(1000, 'BEAN-1', 'coffee'), line(1000, 'BEAN-2', 'coffee'), line(1000, 'MUG', 'gear')],
        rate,
        multipliers,
      ),
    ).toBe(49);
    // Float error does not cost a point: 1,000 x 1.1 / 100 is 11, not 10.999...
    expect(pointsForOrder([line(1000)], rate, { tier: 1.1 })).toBe(11);
  });

  it('counts refunds and negative lines as nothing, and refuses a meaningless rate', () => {
    expect(pointsForOrder([line(-500), line(1000)], { points: 1, perMinor: 100 })).toBe(10);
    expect(() => pointsForOrder([line(100)], { points: 1, perMinor: 0 })).toThrow(RangeError);
  });

  it('reverses points in proportion to the refunded share, rounding against the refund, once', () => {
    expect(pointsToReverse(45, 4599, 4599, 0)).toBe(45);
    // A third refunded: 15 points back.
    expect(pointsToReverse(45, 3000, 1000, 0)).toBe(15);
    // 10% of 45 is 4.5: 5 points back, so no point is kept for money returned.
    expect(pointsToReverse(45, 1000, 100, 0)).toBe(5);
    // A second partial refund takes back only the rest of what is now due.
    expect(pointsToReverse(45, 1000, 600, 5)).toBe(22);
    expect(pointsToReverse(45, 1000, 5000, 45)).toBe(0);
    expect(pointsToReverse(0, 1000, 1000, 0)).toBe(0);
  });
});
