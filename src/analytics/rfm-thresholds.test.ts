import { describe, expect, it } from 'vitest';
import { createRng } from '../platform/random.js';
import { groupOrdersByCustomer } from './customer-orders.js';
import { orderLogFrom } from './order-log-builder.js';
import { rfmScores, rfmThresholds, scoreRfm } from './rfm.js';

describe('RFM thresholds', () => {
  it('score every customer exactly as rfmScores scores the whole population', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rng = createRng(seed);
      const random = () => rng.next();
      const lines = [];
      const customers = 1 + Math.floor(random() * 60);
      for (let c = 0; c < customers; c++) {
        // Few distinct values, so ties are everywhere.
        const orders = random() < 0.6 ? 1 : 2 + Math.floor(random() * 4);
        for (let o = 0; o < orders; o++)
          lines.push({ customerId: `c${c}`, day: Math.floor(random() * 40), lineAmount: 5 * Math.floor(random() * 6) });
      }
      const log = orderLogFrom(lines);
      const byCustomer = groupOrdersByCustomer(log);
      const asOfDay = 30;
      const expected = rfmScores(log, byCustomer, asOfDay);
      const population: { last: number; orders: number; spend: number }[] = [];
      for (let c = 0; c < log.customerIds.length; c++) {
        let last = -1;
        let orders = 0;
        let spend = 0;
        for (let i = byCustomer.start[c]; i < byCustomer.start[c + 1]; i++) {
          const o = byCustomer.order[i];
          if (log.orderDay[o] > asOfDay) continue;
          last = Math.max(last, log.orderDay[o]);
          orders++;
          spend += log.orderAmount[o];
        }
        population.push({ last, orders, spend });
      }
      const active = population.filter((p) => p.orders > 0);
      const thresholds = rfmThresholds(
        active.map((p) => p.last),
        active.map((p) => p.orders),
        active.map((p) => p.spend),
      );
      expect(thresholds.customers).toBe(expected.customers);
      population.forEach((p, c) => {
        if (p.orders === 0) return;
        const score = scoreRfm(thresholds, p.last, p.orders, p.spend);
        expect([score.recency, score.frequency, score.monetary, score.segment], `seed ${seed}, customer ${c}`).toEqual([
          expected.recency[c],
          expected.frequency[c],
          expected.monetary[c],
          expected.segment[c],
        ]);
      });
    }
  });

  it('score everyone lowest against an empty population', () => {
    const empty = rfmThresholds([], [], []);
    expect(scoreRfm(empty, 100, 3, 1_000)).toMatchObject({ recency: 1, frequency: 2, monetary: 1 });
  });
});
