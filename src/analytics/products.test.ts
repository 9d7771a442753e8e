import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import { products } from './products.js';

/** Rows [customer, day, orderId, sku]: rows sharing an order id are one order. */
function logOf(rows: [string, number, string, string][]) {
  const log = orderLogFrom(
    rows.map(([customerId, day, orderId, sku]) => ({
      customerId,
      day,
      orderId,
      sku,
      productName: `${sku} name`,
      lineAmount: 1,
    })),
  );
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

// BRUSH intervals: c1 60, 60; c2 90 (its second BRUSH line on day 100 is the same purchase);
// c4's two orders on day 50 are one purchase. Cycle = median(60, 60, 90) = 60, from 2 repeat customers.
// As of day 170 the due window is [48, 90] days since the last purchase:
//   c1 50 (due), c2 70 (due), c3 170, c4 120, c5 48 (due, lower edge), c6 90 (due, upper edge), c7 91.
// PASTE: one interval (c1, 30 days) from one customer: below the threshold, no cycle.
const fixture = logOf([
  ['c1', 0, 'o1', 'BRUSH'],
  ['c1', 0, 'o1', 'PASTE'],
  ['c1', 30, 'o2', 'PASTE'],
  ['c1', 60, 'o3', 'BRUSH'],
  ['c1', 120, 'o4', 'BRUSH'],
  ['c2', 10, 'o5', 'BRUSH'],
  ['c2', 100, 'o6', 'BRUSH'],
  ['c2', 100, 'o6', 'BRUSH'],
  ['c2', 100, 'o6', 'TV'],
  ['c3', 0, 'o7', 'BRUSH'],
  ['c4', 50, 'o8', 'BRUSH'],
  ['c4', 50, 'o9', 'BRUSH'],
  ['c5', 122, 'o10', 'BRUSH'],
  ['c6', 80, 'o11', 'BRUSH'],
  ['c7', 79, 'o12', 'BRUSH'],
  ['c8', 300, 'o13', 'TV'], // after the as-of day
]);
const small = { minRepeatCustomers: 2, minFirstOrderCustomers: 1 };

describe('products', () => {
  it('finds replenishment cycles and the customers due for a reminder', () => {
    const r = products(fixture.log, fixture.byCustomer, 170, small);
    expect(r.replenishment).toEqual([
      { sku: 'BRUSH', name: 'BRUSH name', repeatCustomers: 2, medianDays: 60, dueNow: 4 },
    ]);
    expect(products(fixture.log, fixture.byCustomer, 170, { ...small, minRepeatCustomers: 1 }).replenishment).toEqual([
      { sku: 'BRUSH', name: 'BRUSH name', repeatCustomers: 2, medianDays: 60, dueNow: 4 },
      { sku: 'PASTE', name: 'PASTE name', repeatCustomers: 1, medianDays: 30, dueNow: 0 },
    ]);
    expect(r.dueCustomers).toBe(4);
    // The default needs 5 repeat customers.
    expect(products(fixture.log, fixture.byCustomer, 170).replenishment).toEqual([]);
  });

  it('counts a customer due for two products once in dueCustomers', () => {
    const two = logOf([
      ['a', 0, 'a1', 'P'],
      ['a', 0, 'a1', 'Q'],
      ['a', 10, 'a2', 'P'],
      ['a', 10, 'a2', 'Q'],
      ['b', 0, 'b1', 'P'],
      ['b', 0, 'b1', 'Q'],
      ['b', 10, 'b2', 'P'],
      ['b', 10, 'b2', 'Q'],
    ]);
    // Cycles of 10 days; 9 days later both customers are due ([8, 15]) for both products.
    const r = products(two.log, two.byCustomer, 19, small);
    expect(r.replenishment.map((p) => p.dueNow)).toEqual([2, 2]);
    expect(r.dueCustomers).toBe(2);
  });

  it('averages the two middle intervals for an even count and respects the due window options', () => {
    const even = logOf([
      ['a', 0, 'a1', 'X'],
      ['a', 10, 'a2', 'X'],
      ['b', 0, 'b1', 'X'],
      ['b', 20, 'b2', 'X'],
    ]);
    const [x] = products(even.log, even.byCustomer, 35, { ...small, dueFrom: 1, dueTo: 1.5 }).replenishment;
    // Cycle 15: a (25 days ago) is outside [15, 22.5]; b (15 days ago) is due.
    expect([x.medianDays, x.dueNow]).toEqual([15, 1]);
  });

  it('gives the repeat rate by product in the first purchase', () => {
    // First purchases: c1 BRUSH + PASTE (came back), c2 BRUSH (came back), c3..c7 BRUSH (did not).
    const r = products(fixture.log, fixture.byCustomer, 170, small);
    expect(r.repeatRateByFirstProduct).toEqual([
      { sku: 'BRUSH', name: 'BRUSH name', customers: 7, repeatRate: 2 / 7 },
      { sku: 'PASTE', name: 'PASTE name', customers: 1, repeatRate: 1 },
    ]);
    expect(
      products(fixture.log, fixture.byCustomer, 170, { ...small, minFirstOrderCustomers: 2 }).repeatRateByFirstProduct,
    ).toHaveLength(1);
    expect(products(fixture.log, fixture.byCustomer, 170, { ...small, maxFirstProducts: 1, maxCycles: 0 })).toEqual({
      dueCustomers: 4,
      replenishment: [],
      repeatRateByFirstProduct: [{ sku: 'BRUSH', name: 'BRUSH name', customers: 7, repeatRate: 2 / 7 }],
    });
    // The default needs 20 customers.
    expect(products(fixture.log, fixture.byCustomer, 170).repeatRateByFirstProduct).toEqual([]);
  });

  it('ignores orders after the as-of day', () => {
    // As of day 59: c1 and c2 have bought BRUSH once each, so BRUSH has no interval; PASTE has c1's 30 days,
    // and c1's last PASTE (day 30) is 29 days ago, inside [24, 45]: due. Only c1 has come back.
    const r = products(fixture.log, fixture.byCustomer, 59, { minRepeatCustomers: 1, minFirstOrderCustomers: 1 });
    expect(r.replenishment.map((p) => [p.sku, p.medianDays, p.dueNow])).toEqual([['PASTE', 30, 1]]);
    expect(r.repeatRateByFirstProduct).toEqual([
      { sku: 'BRUSH', name: 'BRUSH name', customers: 4, repeatRate: 1 / 4 },
      { sku: 'PASTE', name: 'PASTE name', customers: 1, repeatRate: 1 },
    ]);
  });

  it('gives the same cycles when product x days no longer fits 32 bits', () => {
    // 3 products over ~800 million days: the packed facts switch to a Float64Array.
    const far = 800_000_000;
    const r = products(fixture.log, fixture.byCustomer, far, small);
    expect(r.replenishment.map((p) => [p.sku, p.repeatCustomers, p.medianDays, p.dueNow])).toEqual([
      ['BRUSH', 2, 60, 0],
    ]);
    expect(r.repeatRateByFirstProduct[0]).toEqual({
      sku: 'BRUSH',
      name: 'BRUSH name',
      customers: 7,
      repeatRate: 2 / 7,
    });
  });
});
