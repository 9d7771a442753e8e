import { describe, expect, it } from 'vitest';
import { groupOrdersByCustomer } from '../../analytics/customer-orders.js';
import { orderLogFrom } from '../../analytics/order-log-builder.js';
import { createRng } from '../../platform/random.js';
import { computeCustomerMetrics, fitStoreModel, NO_DAY } from './customer-metrics.js';

/** Customers buying at their own pace; deterministic. */
function lines(customers: number, seed: number) {
  const rng = createRng(seed);
  const out: { customerId: string; day: number; orderTotal: number; orderId: string }[] = [];
  for (let c = 0; c < customers; c++) {
    let day = Math.floor(rng.next() * 200);
    const gap = 5 + rng.next() * 60;
    const stop = day + rng.next() * 300;
    while (day <= 365 && day <= stop) {
      out.push({
        customerId: `c${c}`,
        day,
        orderTotal: 10 + Math.round(rng.next() * 9000) / 100,
        orderId: `o${out.length}`,
      });
      day += 1 + Math.floor(-Math.log(1 - rng.next()) * gap);
    }
  }
  return out;
}

describe('customer metrics', () => {
  const log = orderLogFrom(lines(400, 3));
  const byCustomer = groupOrdersByCustomer(log);
  const asOf = 365;

  it('one customer scored with the stored model and cut-offs equals the whole-store computation', () => {
    const fitted = fitStoreModel(log, byCustomer, asOf);
    expect(fitted.note).toBeNull();
    const all = computeCustomerMetrics(log, byCustomer, asOf, fitted.model);
    const stored = JSON.parse(JSON.stringify(all.cutoffs));
    const model = JSON.parse(JSON.stringify(fitted.model));
    for (let k = 0; k < all.metrics.customer.length; k += 7) {
      const c = all.metrics.customer[k];
      const own = orderLogFrom(lines(400, 3).filter((l) => l.customerId === log.customerIds[c]));
      const one = computeCustomerMetrics(own, groupOrdersByCustomer(own), asOf, model, stored).metrics;
      expect(one.pAlive![0]).toBe(all.metrics.pAlive![k]);
      expect(one.expectedOrders![0]).toBe(all.metrics.expectedOrders![k]);
      expect(one.clv![0]).toBe(all.metrics.clv![k]);
      expect([
        one.rfmSegment[0],
        one.rfmRecency[0],
        one.rfmFrequency[0],
        one.rfmMonetary[0],
        one.valuePercentile[0],
      ]).toEqual([
        all.metrics.rfmSegment[k],
        all.metrics.rfmRecency[k],
        all.metrics.rfmFrequency[k],
        all.metrics.rfmMonetary[k],
        all.metrics.valuePercentile[k],
      ]);
    }
  });

  it('counts, own interval and next order; value percentiles 0-99 with 5% at 95+', () => {
    const { metrics } = computeCustomerMetrics(log, byCustomer, asOf, fitStoreModel(log, byCustomer, asOf).model);
    const n = metrics.customer.length;
    for (let k = 0; k < n; k++) {
      if (metrics.purchaseDays[k] >= 2) {
        expect(metrics.avgIntervalDays[k]).toBeCloseTo(
          (metrics.lastDay[k] - metrics.firstDay[k]) / (metrics.purchaseDays[k] - 1),
          12,
        );
        expect(metrics.expectedNextOrderDay[k]).toBe(metrics.lastDay[k] + Math.round(metrics.avgIntervalDays[k]));
      } else {
        expect(metrics.avgIntervalDays[k]).toBeNaN();
        expect(metrics.expectedNextOrderDay[k]).toBe(NO_DAY);
      }
      expect(metrics.valuePercentile[k]).toBeLessThanOrEqual(99);
    }
    const top = metrics.valuePercentile.filter((p) => p >= 95).length;
    expect(top / n).toBeGreaterThan(0.04);
    expect(top / n).toBeLessThanOrEqual(0.055);
  });

  it('no model below 20 customers, or without any repeat purchase', () => {
    const few = orderLogFrom(lines(10, 1));
    expect(fitStoreModel(few, groupOrdersByCustomer(few), asOf)).toMatchObject({
      model: null,
      note: expect.stringContaining('at least 20'),
    });
    const once = orderLogFrom(Array.from({ length: 30 }, (_, c) => ({ customerId: `c${c}`, day: c, orderTotal: 10 })));
    expect(fitStoreModel(once, groupOrdersByCustomer(once), asOf)).toMatchObject({
      model: null,
      note: expect.stringContaining('repeat'),
    });
    const { metrics, cutoffs } = computeCustomerMetrics(once, groupOrdersByCustomer(once), asOf, null);
    expect(metrics.pAlive).toBeNull();
    expect(cutoffs.valueBasis).toBe('total_spent');
  });
});
