import { describe, expect, it } from 'vitest';
import { bestCustomers } from './best-customers.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';

function logOf(orders: [string, number, number][]) {
  const log = orderLogFrom(orders.map(([customerId, day, amount]) => ({ customerId, day, lineAmount: amount })));
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

// 20 customers: c0 spends 60 + 40 in two orders, c1 and c2 60 each (tied at the cut-off), c3..c19 10 each.
// Top 10% = 2 customers: c0 and, of the tied pair, c1 (customer order). Total revenue 390.
const rows: [string, number, number][] = [
  ['c0', 1, 60],
  ['c0', 5, 40],
  ['c1', 2, 60],
  ['c2', 3, 60],
  ...Array.from({ length: 17 }, (_, i): [string, number, number] => [`c${i + 3}`, 4, 10]),
];

describe('best customers', () => {
  it('benchmarks the top 10% by spend against the rest', () => {
    const { log, byCustomer } = logOf(rows);
    expect(bestCustomers(log, byCustomer, 10)).toEqual({
      top: { customers: 2, ordersPerCustomer: 1.5, aov: 160 / 3, revenuePerCustomer: 80, revenueShare: 160 / 390 },
      rest: {
        customers: 18,
        ordersPerCustomer: 1,
        aov: 230 / 18,
        revenuePerCustomer: 230 / 18,
        revenueShare: 230 / 390,
      },
    });
  });

  it('counts only orders up to the as-of day and honours topShare', () => {
    const { log, byCustomer } = logOf(rows);
    // As of day 2 only c0 (60) and c1 (60) have ordered: the top is one customer, c0 (first of the tie).
    const early = bestCustomers(log, byCustomer, 2);
    expect(early.top).toEqual({
      customers: 1,
      ordersPerCustomer: 1,
      aov: 60,
      revenuePerCustomer: 60,
      revenueShare: 0.5,
    });
    expect(early.rest.customers).toBe(1);
    const half = bestCustomers(log, byCustomer, 10, { topShare: 0.5 });
    expect(half.top.customers).toBe(10);
    expect(half.top.revenueShare).toBeCloseTo((100 + 60 + 60 + 7 * 10) / 390, 12);
  });

  it('is all zeros without customers', () => {
    const { log, byCustomer } = logOf([]);
    const zero = { customers: 0, ordersPerCustomer: 0, aov: 0, revenuePerCustomer: 0, revenueShare: 0 };
    expect(bestCustomers(log, byCustomer, 10)).toEqual({ top: zero, rest: zero });
  });
});
