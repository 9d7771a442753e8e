import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import { summarizeCustomers } from './summary.js';

describe('per-customer summary', () => {
  const log = orderLogFrom([
    { customerId: 'a', day: 0, lineAmount: 10 },
    { customerId: 'a', day: 7, lineAmount: 5 },
    { customerId: 'a', day: 7, lineAmount: 15 }, // same day: one purchase worth 20
    { customerId: 'a', day: 21, lineAmount: 30 },
    { customerId: 'a', day: 35, lineAmount: 8 }, // holdout
    { customerId: 'b', day: 14, lineAmount: 3 },
    { customerId: 'c', day: 30, lineAmount: 9 }, // first purchase after the calibration end
  ]);
  const byCustomer = groupOrdersByCustomer(log);

  it('counts repeat purchase days, recency and T in days', () => {
    const s = summarizeCustomers(log, byCustomer, { calibrationEndDay: 28 });
    expect(Array.from(s.customer)).toEqual([0, 1]);
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([21, 0]);
    expect(Array.from(s.T)).toEqual([28, 14]);
    expect(Array.from(s.monetaryValue)).toEqual([25, 0]); // mean of 20 and 30; 0 without repeats
    expect(s.holdoutFrequency).toBeNull();
  });

  it('converts to weeks and adds the holdout period', () => {
    const s = summarizeCustomers(log, byCustomer, { calibrationEndDay: 28, holdoutEndDay: 35, timeUnit: 'week' });
    expect(Array.from(s.recency)).toEqual([3, 0]);
    expect(Array.from(s.T)).toEqual([4, 2]);
    expect(Array.from(s.holdoutFrequency!)).toEqual([1, 0]);
    expect(Array.from(s.holdoutMonetaryValue!)).toEqual([8, 0]);
  });
});
