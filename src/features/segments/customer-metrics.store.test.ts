import { describe, expect, it } from 'vitest';
import {
  buildModelSection,
  CLV_MONTHS,
  HORIZON_WEEKS,
  MIN_MODEL_CUSTOMERS as REPORT_MIN,
  MONTHLY_DISCOUNT_RATE as REPORT_RATE,
} from '../../analytics/build-model-section.js';
import { refreshCustomerMetrics, refreshCustomerMetricsFor } from './customer-metrics.service.js';
import { groupOrdersByCustomer } from '../../analytics/customer-orders.js';
import { dayFromIso } from '../../analytics/day.js';
import { orderLogFrom } from '../../analytics/order-log-builder.js';
import { computeRfmThresholds } from '../customers/customer-360.query.js';
import { scoreRfm, RFM_SEGMENTS } from '../../analytics/rfm.js';
import {
  CLV_MONTHS as METRIC_CLV_MONTHS,
  EXPECTED_ORDERS_WEEKS,
  MIN_MODEL_CUSTOMERS,
  MONTHLY_DISCOUNT_RATE,
} from './customer-metrics.js';
import { readMetricRun } from './customer-metrics.repository.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { generateOrders, orderInput, storeWithOrders } from './segments.fixtures.js';

const NOW = '2025-01-01T00:00:00.000Z';

describe('metric horizons are the analyze report\u2019s', () => {
  it('13 weeks of expected orders, 12-month CLV at 1% a month, 20 customers for a fit', () => {
    expect(EXPECTED_ORDERS_WEEKS).toBe(HORIZON_WEEKS);
    expect(METRIC_CLV_MONTHS).toBe(CLV_MONTHS);
    expect(MONTHLY_DISCOUNT_RATE).toBe(REPORT_RATE);
    expect(MIN_MODEL_CUSTOMERS).toBe(REPORT_MIN);
  });
});

describe.each(dialects)('customer metrics on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const generated = generateOrders(300, 7);
  const asOf = '2024-12-26';
  const asOfDay = dayFromIso(asOf);

  it('P(alive) and expected orders equal `regulars analyze --model bgnbd` on the same orders; RFM equals the customer 360', async () => {
    const { db } = database();
    const storeId = await storeWithOrders(db, generated);
    const result = await refreshCustomerMetrics(db, storeId, asOf, NOW);
    expect(result.note).toBeNull();
    expect(result.customers).toBe(
      new Set(generated.orders.filter((o) => !o.cancelled).map((o) => o.customerExternalId)).size,
    );

    const rows = await db
      .selectFrom('customer_metrics as m')
      .innerJoin('customers as c', (j) => j.onRef('c.store_id', '=', 'm.store_id').onRef('c.id', '=', 'm.customer_id'))
      .selectAll('m')
      .select('c.external_id')
      .where('m.store_id', '=', storeId)
      .orderBy('m.customer_id')
      .execute();
    expect(rows).toHaveLength(result.customers);

    // The analyze pipeline on the same purchases, customers in the same order (the fit sums over
    // customers; the same order gives the same floating-point sums, so the same optimum bit for bit).
    const rank = new Map(rows.map((r, i) => [r.external_id, i]));
    const purchases = generated.orders
      .filter((o) => !o.cancelled && o.day <= asOfDay)
      .sort((a, b) => rank.get(a.customerExternalId)! - rank.get(b.customerExternalId)! || a.day - b.day);
    const log = orderLogFrom(
      purchases.map((o) => ({
        orderId: o.externalId,
        customerId: o.customerExternalId,
        day: o.day,
        orderTotal: o.totalMinor / 100,
      })),
    );
    const { section, note } = buildModelSection(log, groupOrdersByCustomer(log), asOfDay, {
      model: 'bgnbd',
      calibrationEndDay: asOfDay,
      holdoutEndDay: null,
    });
    expect(note).toBeNull();
    expect(result.model!.params).toEqual(section!.table[0].params);
    expect(result.model!.spend).toEqual(section!.spend?.params ?? null);

    const byExternal = new Map(rows.map((r) => [r.external_id, r]));
    const listed = [...section!.customers.topByClv, ...section!.customers.mostAtRisk];
    expect(listed.length).toBeGreaterThan(20);
    for (const c of section!.customers.topByClv) {
      const row = byExternal.get(c.customerId)!;
      expect(row.p_alive).toBe(c.pAlive);
      expect(row.expected_orders).toBe(c.expectedPurchasesNextQuarter);
      expect(row.predicted_clv_minor).toBe(Math.round(c.clv12m * 100));
    }
    for (const c of section!.customers.mostAtRisk) {
      const row = byExternal.get(c.customerId)!;
      expect(row.p_alive).toBe(c.pAlive);
      expect(asOfDay - row.last_order_day).toBe(c.daysSinceLastOrder);
      expect(Number(row.total_spent_minor)).toBe(Math.round(c.spend * 100));
    }
    // Head counts: the report's "at risk" customers are the built-in definition's (repeat, P(alive) < 0.5).
    const atRisk = rows.filter((r) => r.purchase_days >= 2 && r.p_alive! < 0.5).length;
    expect(atRisk).toBe(section!.customers.counts.atRisk);

    // RFM: the customer 360's thresholds by SQL score every customer the same.
    const thresholds = await computeRfmThresholds(db, storeId, asOfDay);
    for (const r of rows) {
      const s = scoreRfm(thresholds, r.last_order_day, r.orders_count, Number(r.total_spent_minor));
      expect([r.rfm_recency, r.rfm_frequency, r.rfm_monetary, r.rfm_segment]).toEqual([
        s.recency,
        s.frequency,
        s.monetary,
        RFM_SEGMENTS[s.segment].name,
      ]);
    }
    // VIP cut: 5% of customers (ties aside) at the 95th value percentile or above.
    const vip = rows.filter((r) => r.value_percentile >= 95).length;
    expect(vip).toBeGreaterThanOrEqual(Math.floor(rows.length * 0.05));
    expect(vip).toBeLessThanOrEqual(Math.ceil(rows.length * 0.05) + 1);

    // Own-cadence fields.
    for (const r of rows) {
      if (r.purchase_days >= 2) {
        expect(r.avg_interval_days).toBeCloseTo((r.last_order_day - r.first_order_day) / (r.purchase_days - 1), 12);
        expect(r.expected_next_order_day).toBe(r.last_order_day + Math.round(r.avg_interval_days!));
      } else {
        expect(r.avg_interval_days).toBeNull();
        expect(r.expected_next_order_day).toBeNull();
      }
      expect(r.p_alive_previous).toBeNull();
    }
  });

  it('keeps the previous P(alive) of an earlier as-of day, however often it is refreshed', async () => {
    const { db } = database();
    const storeId = await storeWithOrders(db, generated, 'Previous');
    await refreshCustomerMetrics(db, storeId, '2024-12-01', '2025-01-01T00:00:00.000Z');
    const first = await db
      .selectFrom('customer_metrics')
      .select(['customer_id', 'p_alive'])
      .where('store_id', '=', storeId)
      .execute();
    await refreshCustomerMetrics(db, storeId, '2024-12-26', '2025-01-02T00:00:00.000Z');
    await refreshCustomerMetrics(db, storeId, '2024-12-26', '2025-01-03T00:00:00.000Z');
    const later = await db
      .selectFrom('customer_metrics')
      .select(['customer_id', 'p_alive_previous', 'p_alive_previous_day'])
      .where('store_id', '=', storeId)
      .execute();
    const before = new Map(first.map((r) => [r.customer_id, r.p_alive]));
    let compared = 0;
    for (const r of later) {
      if (!before.has(r.customer_id)) continue;
      expect(r.p_alive_previous).toBe(before.get(r.customer_id));
      expect(r.p_alive_previous_day).toBe(dayFromIso('2024-12-01'));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('leaves predictions empty with the reason when there is too little data, and updates one customer after an order', async () => {
    const { db } = database();
    const small = generateOrders(5, 3);
    const storeId = await storeWithOrders(db, small, 'Tiny');
    const result = await refreshCustomerMetrics(db, storeId, '2024-12-26', NOW);
    expect(result.model).toBeNull();
    expect(result.note).toMatch(/at least 20 customers/);
    const rows = await db.selectFrom('customer_metrics').selectAll().where('store_id', '=', storeId).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect([r.p_alive, r.expected_orders, r.predicted_clv_minor]).toEqual([null, null, null]);
      expect(r.orders_count).toBeGreaterThan(0);
    }
    expect((await readMetricRun(db, storeId))!.note).toBe(result.note);

    // A new order of the first customer: the per-order update counts it without a full refresh.
    const target = rows[0];
    const before = target.orders_count;
    await upsertOrderByExternalId(db, storeId, {
      ...orderInput({
        customerExternalId: 'x',
        externalId: 'new-1',
        day: dayFromIso('2024-12-27'),
        totalMinor: 1234,
        cancelled: false,
        skus: ['MUG'],
      }),
      customerId: target.customer_id,
    });
    expect(
      await refreshCustomerMetricsFor(db, storeId, target.customer_id, '2024-12-28', '2025-01-02T00:00:00.000Z'),
    ).toBe(true);
    const updated = await db
      .selectFrom('customer_metrics')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('customer_id', '=', target.customer_id)
      .executeTakeFirstOrThrow();
    expect(updated.orders_count).toBe(before + 1);
    expect(updated.last_order_day).toBe(dayFromIso('2024-12-27'));
  });
});
