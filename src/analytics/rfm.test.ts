import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import {
  frequencyScore,
  monetaryCutoffs,
  RFM_METHOD,
  RFM_SEGMENTS,
  rfm,
  rfmScores,
  rfmSegmentOf,
  tieAwareScore,
} from './rfm.js';

function logOf(orders: [string, number, number][]) {
  const log = orderLogFrom(orders.map(([customerId, day, amount]) => ({ customerId, day, lineAmount: amount })));
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

// F: one order scores 1; the two repeat customers split 2-5 by quartile (c2 2, c0 2 + floor(4 x 1/2) = 4).
// As of day 100:   recency  orders  spend   R  F  M  segment
//   c0 90, 95, 100     0       3      30    5  4  3  Champions
//   c1 50             50       1     100    3  1  5  About to sleep
//   c2 80, 99          1       2      10    4  2  2  Potential loyalists
//   c3 10             90       1      30    1  1  3  Lost
//   c4 10             90       1       1    1  1  1  Lost
//   c5 200 (after the as-of day: not a customer yet)
const fixture = logOf([
  ['c0', 90, 10],
  ['c0', 95, 10],
  ['c0', 100, 10],
  ['c1', 50, 100],
  ['c2', 80, 5],
  ['c2', 99, 5],
  ['c3', 10, 30],
  ['c4', 10, 1],
  ['c5', 200, 1000],
]);

describe('RFM', () => {
  it('has exactly one segment for every (R, F) cell, under the usual names', () => {
    expect(RFM_SEGMENTS.map((s) => s.name)).toEqual([
      'Champions',
      'Loyal',
      'Potential loyalists',
      'New',
      'Promising',
      'Need attention',
      'About to sleep',
      'At risk',
      "Can't lose",
      'Hibernating',
      'Lost',
    ]);
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        const matching = RFM_SEGMENTS.filter((s) => s.matches(r, f));
        expect(matching, `R ${r} & F ${f}`).toHaveLength(1);
        expect(rfmSegmentOf(r, f)).toBe(RFM_SEGMENTS.indexOf(matching[0]));
      }
    }
    const name = (r: number, f: number) => RFM_SEGMENTS[rfmSegmentOf(r, f)].name;
    expect([name(5, 5), name(1, 1), name(2, 1), name(1, 2), name(2, 5), name(3, 3), name(5, 1), name(4, 1)]).toEqual([
      'Champions',
      'Lost',
      'Hibernating',
      'Hibernating',
      "Can't lose",
      'Need attention',
      'New',
      'Promising',
    ]);
  });

  it('scores tie-aware quintiles: 1 + floor(5 x strictly worse / n), capped at 5', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((worse) => tieAwareScore(worse, 10))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    expect(tieAwareScore(0, 1)).toBe(1);
  });

  it('scores frequency 1 for one order and by quartiles among repeat customers', () => {
    // 60 one-time buyers, then 10 customers each with 2, 3, 4 and 5 orders: fewerOrders[v] counts customers with < v orders.
    const fewer = Int32Array.from([0, 0, 60, 70, 80, 90, 100]);
    expect([1, 2, 3, 4, 5].map((n) => frequencyScore(n, fewer, 100))).toEqual([1, 2, 3, 4, 5]);
    // Everyone with a second order: plain quintiles would jump from 1 to 4 here.
    const skewed = Int32Array.from([0, 0, 80, 100]);
    expect([1, 2].map((n) => frequencyScore(n, skewed, 100))).toEqual([1, 2]);
  });

  it('scores and segments each customer as of a day', () => {
    const s = rfmScores(fixture.log, fixture.byCustomer, 100);
    expect(s.customers).toBe(5);
    expect(Array.from(s.recency)).toEqual([5, 3, 4, 1, 1, 0]);
    expect(Array.from(s.frequency)).toEqual([4, 1, 2, 1, 1, 0]);
    expect(Array.from(s.monetary)).toEqual([3, 5, 2, 3, 1, 0]);
    expect(Array.from(s.segment).map((i) => (i < 0 ? null : RFM_SEGMENTS[i].name))).toEqual([
      'Champions',
      'About to sleep',
      'Potential loyalists',
      'Lost',
      'Lost',
      null,
    ]);
  });

  it('reports every segment with its rule, customers and revenue share', () => {
    const r = rfm(fixture.log, fixture.byCustomer, 100);
    expect(r.method).toBe(RFM_METHOD);
    expect(r.segments).toHaveLength(11);
    const by = Object.fromEntries(r.segments.map((s) => [s.name, s]));
    expect(by['Champions']).toEqual({ name: 'Champions', rule: 'R 5 & F 4-5', customers: 1, revenueShare: 30 / 171 });
    expect(by['Potential loyalists'].revenueShare).toBe(10 / 171);
    expect(by['About to sleep'].revenueShare).toBe(100 / 171);
    expect(by['Lost']).toEqual({ name: 'Lost', rule: 'R 1 & F 1', customers: 2, revenueShare: 31 / 171 });
    expect(r.segments.reduce((n, s) => n + s.customers, 0)).toBe(5);
    expect(by['Hibernating'].rule).toBe('R 1-2 & F 1-2, except R 1 & F 1 (Lost)');
  });

  it('handles a store with no customers', () => {
    const { log, byCustomer } = logOf([]);
    expect(rfm(log, byCustomer, 10).segments.every((s) => s.customers === 0 && s.revenueShare === 0)).toBe(true);
  });
});

describe('monetary cut-offs', () => {
  it('give the same scores as counting strictly smaller values, ties included', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 10, 23, 100]) {
      // Values with many ties: 0, 0, 1, 1, 1, 2, ... (deterministic).
      const values = Float64Array.from({ length: n }, (_, i) => Math.floor((i * i) / 7) % 11);
      const sorted = values.slice().sort();
      const cutoffs = monetaryCutoffs(sorted);
      for (const v of values) {
        const below = values.filter((w) => w < v).length;
        const viaCutoffs = 1 + cutoffs.filter((t) => v > t).length;
        expect(viaCutoffs, `n ${n}, value ${v}`).toBe(tieAwareScore(below, n));
      }
    }
  });
});
