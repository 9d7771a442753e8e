import { describe, expect, it } from 'vitest';
import { cohorts } from './cohorts.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { dayFromIso, monthIndexOfDay, monthOfDayTable, monthStartDay } from './day.js';
import { orderLogFrom } from './order-log-builder.js';

function logOf(orders: [string, string, number][]) {
  const log = orderLogFrom(
    orders.map(([customerId, date, amount]) => ({ customerId, day: dayFromIso(date), lineAmount: amount })),
  );
  return { log, byCustomer: groupOrdersByCustomer(log) };
}

// Jan cohort: a (repeat in Jan and Mar), b (same-day second order is no repeat; repeat in Feb, one day later).
// Feb cohort: c (two repeats in April count once).
const fixture = logOf([
  ['a', '2024-01-15', 10],
  ['a', '2024-01-20', 5],
  ['a', '2024-03-02', 20],
  ['b', '2024-01-31', 30],
  ['b', '2024-01-31', 1],
  ['b', '2024-02-01', 10],
  ['c', '2024-02-10', 50],
  ['c', '2024-04-01', 5],
  ['c', '2024-04-05', 5],
  ['c', '2024-05-01', 1000], // after the as-of day
]);
const asOf = dayFromIso('2024-04-10');

describe('cohorts', () => {
  it('reports repeat shares and cumulative revenue per customer by calendar month since the first order', () => {
    expect(cohorts(fixture.log, fixture.byCustomer, asOf)).toEqual({
      maxMonths: 24,
      rows: [
        { cohort: '2024-01', customers: 2, repeatShare: [0.5, 0.5, 0.5, 0], revenuePerCustomer: [23, 28, 38, 38] },
        { cohort: '2024-02', customers: 1, repeatShare: [0, 0, 1], revenuePerCustomer: [50, 50, 60] },
      ],
    });
  });

  it('cuts rows at maxMonths', () => {
    const r = cohorts(fixture.log, fixture.byCustomer, asOf, { maxMonths: 2 });
    expect(r.maxMonths).toBe(2);
    expect(r.rows.map((row) => [row.repeatShare, row.revenuePerCustomer])).toEqual([
      [
        [0.5, 0.5],
        [23, 28],
      ],
      [
        [0, 0],
        [50, 50],
      ],
    ]);
  });

  it('leaves out cohorts and months after the as-of day, and months without new customers', () => {
    const r = cohorts(fixture.log, fixture.byCustomer, dayFromIso('2024-01-31'));
    expect(r.rows).toEqual([{ cohort: '2024-01', customers: 2, repeatShare: [0.5], revenuePerCustomer: [23] }]);
    const gap = logOf([
      ['x', '2023-12-31', 1],
      ['y', '2024-02-01', 2],
    ]);
    expect(
      cohorts(gap.log, gap.byCustomer, dayFromIso('2024-02-01')).rows.map((row) => [
        row.cohort,
        row.repeatShare.length,
      ]),
    ).toEqual([
      ['2023-12', 3],
      ['2024-02', 1],
    ]);
    const empty = logOf([]);
    expect(cohorts(empty.log, empty.byCustomer, asOf)).toEqual({ maxMonths: 24, rows: [] });
  });

  it('maps every day to its calendar month', () => {
    const from = dayFromIso('2023-12-30');
    const to = dayFromIso('2024-03-01');
    const table = monthOfDayTable(from, to);
    expect(table.length).toBe(to - from + 1);
    for (let d = from; d <= to; d++) expect(table[d - from]).toBe(monthIndexOfDay(d));
    expect(monthStartDay(2024 * 12 + 1)).toBe(dayFromIso('2024-02-01'));
  });
});
