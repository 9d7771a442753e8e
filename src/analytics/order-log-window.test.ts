import { describe, expect, it } from 'vitest';
import { orderLogFrom } from './order-log-builder.js';
import { firstOrderDayUpTo, ordersUpTo } from './order-log-window.js';

describe('ordersUpTo', () => {
  const log = orderLogFrom([
    { customerId: 'a', day: 10, orderId: 'o1', sku: 'X', lineAmount: 1 },
    { customerId: 'a', day: 10, orderId: 'o1', sku: 'Y', lineAmount: 2 },
    { customerId: 'b', day: 20, orderId: 'o2', sku: 'X', lineAmount: 5 },
    { customerId: 'a', day: 30, orderId: 'o3', sku: 'Y', lineAmount: 7 },
  ]);

  it('keeps the orders up to and including the day, with their line items', () => {
    const cut = ordersUpTo(log, 20);
    expect(cut.orderCount).toBe(2);
    expect(Array.from(cut.orderAmount)).toEqual([3, 5]);
    expect(Array.from(cut.itemStart)).toEqual([0, 2, 3]);
    expect(Array.from(cut.itemProduct)).toEqual([0, 1, 0]);
    expect(cut.customerIds).toBe(log.customerIds);
  });

  it('returns the log itself when nothing is cut', () => {
    expect(ordersUpTo(log, 30)).toBe(log);
  });

  it('finds the first order day up to a day', () => {
    expect(firstOrderDayUpTo(log, 30)).toBe(10);
    expect(firstOrderDayUpTo(log, 5)).toBe(Number.POSITIVE_INFINITY);
  });
});
