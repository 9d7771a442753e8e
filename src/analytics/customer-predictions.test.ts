import { describe, expect, it } from 'vitest';
import { customerLists, customerSpend, topIndices } from './customer-predictions.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import type { OrderLog } from './order-log.js';

describe('topIndices', () => {
  it('returns the indices of the n largest scores, largest first, ties by index', () => {
    const score = Float64Array.of(3, 9, 1, 9, 5, Number.NaN, 7);
    expect(topIndices(score, 3)).toEqual([1, 3, 6]);
    expect(topIndices(score, 10)).toEqual([1, 3, 6, 4, 0, 2]);
    expect(topIndices(score, 0)).toEqual([]);
    expect(topIndices(score, 2, (i) => i % 2 === 0)).toEqual([6, 4]);
  });

  it('agrees with a full sort on many values', () => {
    const n = 5_000;
    const score = new Float64Array(n);
    for (let i = 0; i < n; i++) score[i] = ((i * 7919) % 1009) / 10; // many ties
    const sorted = [...score.keys()].sort((a, b) => score[b] - score[a] || a - b);
    expect(topIndices(score, 20)).toEqual(sorted.slice(0, 20));
  });
});

describe('customerSpend', () => {
  it('sums the orders of each listed customer', () => {
    const log = {
      customerIds: ['a', 'b'],
      orderCount: 3,
      orderCustomer: Int32Array.of(0, 1, 0),
      orderDay: Int32Array.of(1, 2, 3),
      orderAmount: Float64Array.of(10, 5, 2.5),
    } as unknown as OrderLog;
    expect([...customerSpend(log, groupOrdersByCustomer(log), Int32Array.of(1, 0))]).toEqual([5, 12.5]);
  });
});

describe('customerLists', () => {
  // Five customers: index 0 one-time buyer with low P(alive), 1-3 repeat buyers, 4 a loyal one.
  const input = {
    customerId: (k: number) => `c${k}`,
    frequency: Float64Array.of(0, 1, 4, 2, 9),
    daysSinceLast: Float64Array.of(300, 200, 150, 20, 5),
    spend: Float64Array.of(900, 100, 400, 300, 1000),
    pAlive: Float64Array.of(0.2, 0.4, 0.1, 0.45, 0.99),
    expectedPurchases: Float64Array.of(0.1, 0.2, 0.1, 0.5, 2),
    expectedSpend: Float64Array.of(50, 40, 60, 55, 70),
    clv: Float64Array.of(5, 8, 6, 30, 150),
    top: 2,
  };

  it('ranks CLV, picks the valuable lost repeat customers and counts', () => {
    const lists = customerLists(input);
    expect(lists.topByClv.map((c) => c.customerId)).toEqual(['c4', 'c3']);
    expect(lists.topByClv[0]).toEqual({
      customerId: 'c4',
      orders: 10,
      pAlive: 0.99,
      expectedPurchasesNextQuarter: 2,
      expectedSpend: 70,
      clv12m: 150,
    });
    // Lost value spend x (1 - P(alive)): c2 360, c3 165, c1 60; c0 bought once and is not counted.
    expect(lists.mostAtRisk).toEqual([
      { customerId: 'c2', orders: 5, spend: 400, pAlive: 0.1, daysSinceLastOrder: 150 },
      { customerId: 'c3', orders: 3, spend: 300, pAlive: 0.45, daysSinceLastOrder: 20 },
    ]);
    expect(lists.counts.customers).toBe(5);
    expect(lists.counts.likelyActive).toBe(1);
    expect(lists.counts.atRisk).toBe(3);
    expect(lists.counts.expectedOrdersNextQuarter).toBeCloseTo(2.9, 12);
  });

  it('lists 20 by default and fewer when fewer qualify', () => {
    const lists = customerLists({ ...input, top: undefined });
    expect(lists.topByClv).toHaveLength(5);
    expect(lists.mostAtRisk).toHaveLength(3);
  });
});
