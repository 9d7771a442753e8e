import { describe, expect, it } from 'vitest';
import { repeatPurchaseCurve } from './repeat-curve.js';

/** CustomerOrders for customers with the given order counts (the orders themselves do not matter). */
function withOrderCounts(counts: number[]) {
  const start = new Int32Array(counts.length + 1);
  counts.forEach((n, c) => {
    start[c + 1] = start[c] + n;
  });
  return { start, order: new Int32Array(start[counts.length]) };
}

describe('repeat-purchase curve', () => {
  it('gives 41/131 = 31.3% for the 4th order in the playbook example', () => {
    const counts = [...Array(90).fill(3), ...Array(30).fill(4), ...Array(10).fill(5), 6];
    const curve = repeatPurchaseCurve(withOrderCounts(counts));
    const third = curve.find((p) => p.orders === 3)!;
    expect(third.customers).toBe(131);
    expect(third.probabilityNext).toBeCloseTo(41 / 131, 12);
    expect(Math.round(third.probabilityNext! * 1000) / 10).toBe(31.3);
    expect(curve.map((p) => p.customers)).toEqual([131, 131, 131, 41, 11, 1]);
    expect(curve[curve.length - 1].probabilityNext).toBe(0);
  });

  it('ignores customers without orders and is empty for nobody', () => {
    expect(repeatPurchaseCurve(withOrderCounts([0, 0]))).toEqual([]);
    expect(repeatPurchaseCurve(withOrderCounts([1, 0, 2]))).toEqual([
      { orders: 1, customers: 2, probabilityNext: 0.5 },
      { orders: 2, customers: 1, probabilityNext: 0 },
    ]);
  });
});
