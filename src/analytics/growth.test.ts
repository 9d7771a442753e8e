import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { dayFromIso } from './day.js';
import { decomposeRevenueChange, growth, logMean } from './growth.js';
import { orderLogFrom } from './order-log-builder.js';

function logOf(orders: [string, string, number][]) {
  const log = orderLogFrom(
    orders.map(([customerId, date, amount]) => ({ customerId, day: dayFromIso(date), lineAmount: amount })),
  );
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

const drivers = (customers: number, frequency: number, aov: number) => ({
  revenue: customers * frequency * aov,
  customers,
  frequency,
  aov,
});

describe('revenue change decomposition (LMDI)', () => {
  it('splits the change by log-mean weights and sums to it exactly', () => {
    const c = decomposeRevenueChange(drivers(100, 1.5, 20), drivers(120, 1.5, 25));
    const weight = 1500 / Math.log(4500 / 3000);
    expect(c.total).toBe(1500);
    expect(c.frequency).toBe(0);
    expect(c.customers).toBeCloseTo(weight * Math.log(1.2), 9);
    expect(c.aov).toBeCloseTo(weight * Math.log(1.25), 9);
    expect(c.customers + c.frequency + c.aov).toBe(c.total);
  });

  it('handles an unchanged revenue (L(a, a) = a)', () => {
    expect(logMean(5, 5)).toBe(5);
    expect(logMean(Math.E, 1)).toBeCloseTo(Math.E - 1, 12);
    const c = decomposeRevenueChange(drivers(100, 2, 10), drivers(200, 2, 5));
    expect(c.total).toBe(0);
    expect(c.customers).toBeCloseTo(2000 * Math.log(2), 9);
    expect(c.aov).toBeCloseTo(-2000 * Math.log(2), 9);
  });

  it('gives the whole change to customers when a period has none, and splits sequentially for zero revenue', () => {
    expect(decomposeRevenueChange(drivers(0, 0, 0), drivers(10, 2, 5))).toEqual({
      total: 100,
      customers: 100,
      frequency: 0,
      aov: 0,
    });
    expect(decomposeRevenueChange(drivers(10, 2, 5), drivers(0, 0, 0))).toEqual({
      total: -100,
      customers: -100,
      frequency: 0,
      aov: 0,
    });
    // 10 x 1 x 0 -> 20 x 2 x 3: customers (20-10)x1x0 = 0, frequency 20x(2-1)x0 = 0, aov 20x2x(3-0) = 120.
    expect(decomposeRevenueChange(drivers(10, 1, 0), drivers(20, 2, 3))).toEqual({
      total: 120,
      customers: 0,
      frequency: 0,
      aov: 120,
    });
  });
});

describe('growth by quarter', () => {
  // Q1: a 100 + 50, b 30 -> revenue 180, 3 orders, 2 customers. Q2: a 60, b 90 + 30 (same day), c 20 -> 200, 4 orders, 3 customers.
  const fixture = logOf([
    ['a', '2024-01-01', 100],
    ['a', '2024-02-10', 50],
    ['a', '2024-04-05', 60],
    ['a', '2024-07-02', 10],
    ['b', '2024-03-31', 30],
    ['b', '2024-06-30', 90],
    ['b', '2024-06-30', 30],
    ['c', '2024-05-01', 20],
  ]);

  it('reports customers x frequency x AOV per complete quarter and decomposes the change', () => {
    const periods = growth(fixture.log, fixture.byCustomer, dayFromIso('2024-07-15'));
    expect(periods.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2']); // Q3 is partial
    expect(periods[0]).toEqual({
      period: '2024-Q1',
      revenue: 180,
      customers: 2,
      frequency: 1.5,
      aov: 60,
      change: null,
    });
    const q2 = periods[1];
    expect([q2.revenue, q2.customers, q2.frequency, q2.aov]).toEqual([200, 3, 4 / 3, 50]);
    const weight = 20 / Math.log(200 / 180);
    expect(q2.change!.total).toBe(20);
    expect(q2.change!.customers).toBeCloseTo(weight * Math.log(3 / 2), 9);
    expect(q2.change!.frequency).toBeCloseTo(weight * Math.log(4 / 3 / 1.5), 9);
    expect(q2.change!.aov).toBeCloseTo(weight * Math.log(50 / 60), 9);
    expect(q2.change!.customers + q2.change!.frequency + q2.change!.aov).toBe(20);
  });

  it('keeps the last quarter when the as-of day is its last day, and drops a first quarter the data starts inside', () => {
    expect(growth(fixture.log, fixture.byCustomer, dayFromIso('2024-06-30')).map((p) => p.period)).toEqual([
      '2024-Q1',
      '2024-Q2',
    ]);
    expect(growth(fixture.log, fixture.byCustomer, dayFromIso('2024-06-29')).map((p) => p.period)).toEqual(['2024-Q1']);
    const late = logOf([
      ['a', '2024-01-02', 1],
      ['a', '2024-04-02', 1],
    ]);
    expect(growth(late.log, late.byCustomer, dayFromIso('2024-06-30')).map((p) => [p.period, p.change])).toEqual([
      ['2024-Q2', null],
    ]);
    expect(growth(late.log, late.byCustomer, dayFromIso('2024-06-29'))).toEqual([]);
  });

  it('keeps empty quarters between covered ones and labels across years', () => {
    const gap = logOf([
      ['a', '2023-10-01', 10],
      ['b', '2024-04-01', 30],
    ]);
    const periods = growth(gap.log, gap.byCustomer, dayFromIso('2024-06-30'));
    expect(periods.map((p) => [p.period, p.revenue, p.customers])).toEqual([
      ['2023-Q4', 10, 1],
      ['2024-Q1', 0, 0],
      ['2024-Q2', 30, 1],
    ]);
    expect(periods[1].change).toEqual({ total: -10, customers: -10, frequency: 0, aov: 0 });
    expect(periods[2].change).toEqual({ total: 30, customers: 30, frequency: 0, aov: 0 });
  });
});
