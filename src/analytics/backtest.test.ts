import { describe, expect, it } from 'vitest';
import { backtestByFrequency, purchaseTimeline, sum, trackingCurve } from './backtest.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import type { OrderLog } from './order-log.js';

/** An order log from [customer, day] pairs (amounts 10). */
function logOf(orders: readonly [number, number][], customers: number): OrderLog {
  return {
    customerIds: Array.from({ length: customers }, (_, c) => `c${c}`),
    customerEmails: null,
    customerAcceptsMarketing: new Int8Array(customers),
    customerBirthdays: null,
    productSkus: [],
    productNames: [],
    productCategories: [],
    orderCount: orders.length,
    orderCustomer: Int32Array.from(orders, (o) => o[0]),
    orderDay: Int32Array.from(orders, (o) => o[1]),
    orderAmount: new Float64Array(orders.length).fill(10),
    itemStart: new Int32Array(orders.length + 1),
    itemProduct: new Int32Array(0),
    itemQuantity: new Float32Array(0),
    itemAmount: new Float64Array(0),
  };
}

describe('purchaseTimeline', () => {
  // c0 first buys on day 100, again on 100 (same day: not a repeat), 103, 110 and 130;
  // c1 first buys on day 102 and on 104; c2 first buys on day 120 (after the cohort's last first day).
  const log = logOf(
    [
      [0, 100],
      [0, 100],
      [1, 102],
      [0, 103],
      [1, 104],
      [1, 104],
      [0, 110],
      [2, 120],
      [2, 121],
      [0, 130],
    ],
    3,
  );
  const byCustomer = groupOrdersByCustomer(log);

  it('counts first purchases and distinct repeat purchase days per day, up to the end day', () => {
    const t = purchaseTimeline(log, byCustomer, 110, 125)!;
    expect(t.firstDay).toBe(100);
    expect(t.firstPurchases.length).toBe(26);
    expect(t.firstPurchases[0]).toBe(1);
    expect(t.firstPurchases[2]).toBe(1);
    expect(sum(t.firstPurchases)).toBe(2); // c2 first bought after day 110
    expect([...t.repeatPurchases.entries()].filter(([, v]) => v > 0)).toEqual([
      [3, 1],
      [4, 1], // two orders of c1 on day 104: one purchase
      [10, 1],
    ]); // day 130 is after the end
  });

  it('is null when nobody first bought in time', () => {
    expect(purchaseTimeline(log, byCustomer, 99, 125)).toBeNull();
  });
});

describe('trackingCurve', () => {
  it('adds the new-customer expectation since each first purchase, and the actual purchases, week by week', () => {
    // Two customers first buy on day 0, one on day 3; E[X(t)] = t (one purchase a week).
    const firstPurchases = new Float64Array(17);
    firstPurchases[0] = 2;
    firstPurchases[3] = 1;
    const repeatPurchases = new Float64Array(17);
    repeatPurchases[5] = 1;
    repeatPurchases[9] = 2;
    repeatPurchases[16] = 1;
    let calls = 0;
    const points = trackingCurve({ firstDay: 500, firstPurchases, repeatPurchases }, (weeks) => {
      calls++;
      return weeks.map((w) => w);
    });
    expect(calls).toBe(1); // once for all day offsets
    // Weeks end on days 6 and 13; the timeline ends on day 16, a partial third week.
    expect(points.map((p) => p.week)).toEqual([1, 2, 17 / 7]);
    expect(points.map((p) => p.actual)).toEqual([1, 3, 4]);
    // At the end of day e: 2 (e / 7) + 1 ((e - 3) / 7).
    expect(points[0].predicted).toBeCloseTo(2 * (6 / 7) + 3 / 7, 12);
    expect(points[1].predicted).toBeCloseTo(2 * (13 / 7) + 10 / 7, 12);
    expect(points[2].predicted).toBeCloseTo(2 * (16 / 7) + 13 / 7, 12);
  });

  it('has no partial point when the timeline is whole weeks, and leaves out customers not yet arrived', () => {
    const firstPurchases = new Float64Array(14);
    firstPurchases[10] = 1;
    const points = trackingCurve({ firstDay: 0, firstPurchases, repeatPurchases: new Float64Array(14) }, (w) =>
      w.map(() => 1),
    );
    expect(points).toEqual([
      { week: 1, actual: 0, predicted: 0 },
      { week: 2, actual: 0, predicted: 1 },
    ]);
  });
});

describe('backtestByFrequency', () => {
  it('averages actual and predicted holdout purchases by calibration frequency, pooling 7 and above', () => {
    const x = Float64Array.of(0, 0, 1, 7, 9, 12, 3);
    const actual = Float64Array.of(0, 1, 2, 4, 6, 8, 1);
    const predicted = Float64Array.of(0.2, 0.2, 1.5, 5, 6, 7, 2);
    expect(backtestByFrequency(x, actual, predicted)).toEqual([
      { frequency: 0, pooled: false, customers: 2, actual: 0.5, predicted: 0.2 },
      { frequency: 1, pooled: false, customers: 1, actual: 2, predicted: 1.5 },
      { frequency: 3, pooled: false, customers: 1, actual: 1, predicted: 2 },
      { frequency: 7, pooled: true, customers: 3, actual: 6, predicted: 6 },
    ]);
    expect(backtestByFrequency(new Float64Array(0), new Float64Array(0), new Float64Array(0))).toEqual([]);
  });
});
