import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import { GAP_BUCKET_EDGES, quantileOfCounts, timeBetweenOrders } from './time-between-orders.js';

/** One order per [customer, day]. */
function logOf(orders: [string, number][]) {
  const log = orderLogFrom(orders.map(([customerId, day]) => ({ customerId, day, lineAmount: 1 })));
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

// Purchase days per customer and the gaps they give (same-day orders are one purchase):
//   a: 0, 10, 10, 25, 55          -> gaps 10, 15, 30 (orders 1, 2, 3)
//   b: 0, 4                       -> gap 4
//   c: 0, 20, 21, 22, 23, 24, 100 -> gaps 20, 1, 1, 1, 1, 76 (orders 5 and 6 pool into "5+")
//   d: 5                          -> none
//   e: 0, 400                     -> gap 400
const fixture = logOf([
  ['a', 0],
  ['a', 10],
  ['a', 10],
  ['a', 25],
  ['a', 55],
  ['b', 4],
  ['b', 0], // out of order in the file: grouping sorts by day
  ['c', 0],
  ['c', 20],
  ['c', 21],
  ['c', 22],
  ['c', 23],
  ['c', 24],
  ['c', 100],
  ['d', 5],
  ['e', 0],
  ['e', 400],
]);

describe('time between orders', () => {
  it('reports gaps by order number with type-7 quantiles, pooling order 5 and later', () => {
    const r = timeBetweenOrders(fixture.log, fixture.byCustomer, 500);
    // Order 1 -> 2: 4, 10, 20, 400.
    expect(r.medianDaysToSecondOrder).toBe(15);
    expect(r.byOrderNumber).toEqual([
      { fromOrder: 1, count: 4, medianDays: 15, p25Days: 4 + 0.75 * 6, p75Days: 20 + 0.25 * 380 },
      { fromOrder: 2, count: 2, medianDays: 8, p25Days: 4.5, p75Days: 11.5 }, // 1, 15
      { fromOrder: 3, count: 2, medianDays: 15.5, p25Days: 8.25, p75Days: 22.75 }, // 1, 30
      { fromOrder: 4, count: 1, medianDays: 1, p25Days: 1, p75Days: 1 },
      { fromOrder: 5, count: 2, medianDays: 38.5, p25Days: 19.75, p75Days: 57.25 }, // 1, 76
    ]);
  });

  it('treats orders on the same day as one purchase (no zero gaps)', () => {
    const { log, byCustomer } = logOf([
      ['x', 3],
      ['x', 3],
      ['x', 3],
      ['x', 9],
    ]);
    const r = timeBetweenOrders(log, byCustomer, 10);
    expect(r.byOrderNumber).toEqual([{ fromOrder: 1, count: 1, medianDays: 6, p25Days: 6, p75Days: 6 }]);
    expect(r.histogram[0].count).toBe(1); // the 6-day gap, nothing at 0
  });

  it('fills the histogram buckets; the open last bucket ends one day past the longest gap', () => {
    const r = timeBetweenOrders(fixture.log, fixture.byCustomer, 500);
    expect(r.histogram.map((b) => b.fromDay)).toEqual(GAP_BUCKET_EDGES);
    const counts = Object.fromEntries(
      r.histogram.filter((b) => b.count > 0).map((b) => [`${b.fromDay}-${b.toDay}`, b.count]),
    );
    expect(counts).toEqual({ '0-7': 5, '7-14': 1, '14-30': 2, '30-45': 1, '75-90': 1, '365-401': 1 });
    expect(r.histogram.reduce((s, b) => s + b.count, 0)).toBe(11);
  });

  it('ignores orders after the as-of day', () => {
    const r = timeBetweenOrders(fixture.log, fixture.byCustomer, 30);
    // a: 10, 15; b: 4; c: 20, 1, 1, 1, 1.
    expect(r.byOrderNumber.map((g) => [g.fromOrder, g.count, g.medianDays])).toEqual([
      [1, 3, 10],
      [2, 2, 8],
      [3, 1, 1],
      [4, 1, 1],
      [5, 1, 1],
    ]);
    expect(r.histogram[r.histogram.length - 1]).toEqual({ fromDay: 365, toDay: 366, count: 0 });
  });

  it('honours maxOrderNumber and has no median to the 2nd order without repeat purchases', () => {
    const pooled = timeBetweenOrders(fixture.log, fixture.byCustomer, 500, { maxOrderNumber: 2 });
    expect(pooled.byOrderNumber.map((g) => [g.fromOrder, g.count])).toEqual([
      [1, 4],
      [2, 7],
    ]);
    const { log, byCustomer } = logOf([
      ['x', 1],
      ['y', 2],
    ]);
    const none = timeBetweenOrders(log, byCustomer, 10);
    expect(none.medianDaysToSecondOrder).toBeNull();
    expect(none.byOrderNumber).toEqual([]);
    expect(none.histogram.every((b) => b.count === 0)).toBe(true);
    const empty = logOf([]);
    expect(timeBetweenOrders(empty.log, empty.byCustomer, 10).medianDaysToSecondOrder).toBeNull();
  });

  it('computes quantiles from counts like the sorted list would', () => {
    // Values 2, 2, 3, 7 at offset 1 of the array.
    const counts = new Int32Array([9, 0, 0, 2, 1, 0, 0, 0, 1]);
    expect(quantileOfCounts(counts, 1, 8, 4, 0.5)).toBe(2.5);
    expect(quantileOfCounts(counts, 1, 8, 4, 0)).toBe(2);
    expect(quantileOfCounts(counts, 1, 8, 4, 1)).toBe(7);
    expect(quantileOfCounts(counts, 1, 8, 4, 0.75)).toBe(3 + 0.25 * 4);
  });
});
