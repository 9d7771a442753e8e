import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from './customer-orders.js';
import { dayFromIso } from './day.js';
import { headlineMetrics } from './headline-metrics.js';
import { orderLogFrom } from './order-log-builder.js';

const d = dayFromIso;

function metrics(rows: [string, string, number][], asOf: string, lifespanYears?: number) {
  const log = orderLogFrom(
    rows.map(([customerId, date, amount]) => ({ customerId, day: d(date), lineAmount: amount })),
  );
  return headlineMetrics(log, groupOrdersByCustomer(log), { asOfDay: d(asOf), lifespanYears });
}

describe('headline metrics', () => {
  // Three customers, six orders over the 365 days up to the as-of date.
  const year = metrics(
    [
      ['a', '2024-01-02', 10],
      ['a', '2024-06-01', 20],
      ['a', '2024-12-01', 30],
      ['b', '2024-03-01', 40],
      ['b', '2024-09-01', 50],
      ['c', '2024-05-05', 30],
    ],
    '2024-12-31',
  );

  it('computes AOV, frequency and the repeat-customer rate by their formulas', () => {
    expect(year.orders).toBe(6);
    expect(year.customers).toBe(3);
    expect(year.revenue).toBe(180);
    expect(year.aov).toBe(30); // 180 / 6
    expect(year.purchaseFrequency).toBe(2); // 6 / 3
    expect(year.repeatCustomerRate).toBeCloseTo(2 / 3, 12);
    expect(year.formulas.aov).toBe('AOV = revenue / orders');
  });

  it('measures yearly frequency over the last 12 months', () => {
    // All six orders fall in the 365 days up to 2024-12-31, from all three customers.
    expect(year.purchaseFrequencyPerYear).toBe(2);
  });

  it('estimates the lifespan from the repeat rate with under two years of data, and multiplies out the CLV', () => {
    // churn = 1 - 2/3 -> lifespan 3 years; CLV = 30 x 2 x 3.
    expect(year.clvSimple.lifespanSource).toBe('estimated');
    expect(year.clvSimple.lifespanYears).toBeCloseTo(3, 12);
    expect(year.clvSimple.value).toBeCloseTo(180, 9);
    expect(year.clvSimple.formula).toContain('1 / (1 - repeat-customer rate)');
  });

  it('uses a given lifespan', () => {
    const given = metrics([['a', '2024-01-01', 10]], '2024-12-31', 2);
    expect(given.clvSimple).toMatchObject({ lifespanYears: 2, lifespanSource: 'given' });
  });

  it('estimates churn from two years of history: active 13-24 months ago, silent in the last 12', () => {
    const two = metrics(
      [
        ['a', '2023-01-02', 10],
        ['a', '2024-02-01', 10],
        ['b', '2023-03-01', 10],
        ['c', '2023-04-01', 10],
        ['d', '2023-05-01', 10],
        ['d', '2024-05-01', 10],
      ],
      '2024-12-31',
    );
    // Active in the prior year: a, b, c, d; retained: a, d -> churn 0.5, lifespan 2 years.
    expect(two.clvSimple.lifespanYears).toBeCloseTo(2, 12);
    expect(two.clvSimple.formula).toContain('yearly churn');
    // Last 12 months: 2 orders by 2 customers.
    expect(two.purchaseFrequencyPerYear).toBe(1);
  });

  it('scales frequency to a year for a short history and keeps the lifespan within bounds', () => {
    const short = metrics(
      [
        ['a', '2024-01-01', 10],
        ['a', '2024-01-31', 10],
      ],
      '2024-03-01',
    );
    // 2 orders per customer over 61 days -> 2 x 365.25 / 61 per year.
    expect(short.purchaseFrequencyPerYear).toBeCloseTo((2 * 365.25) / 61, 9);
    // Everyone repeats: churn 0 would mean an infinite lifespan; it is capped at 10 years.
    expect(short.clvSimple.lifespanYears).toBe(10);
  });

  it('reports money to the cent', () => {
    const cents = metrics(
      [
        ['a', '2024-01-01', 0.1],
        ['a', '2024-01-02', 0.2],
      ],
      '2024-01-02',
    );
    expect(cents.revenue).toBe(0.3);
  });
});
