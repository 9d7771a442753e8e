import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { upsertCustomerByExternalId } from '../customers/index.js';
import { EXPECTED_ORDERS_DAYS } from './customer-metrics.js';
import { readCustomerMetricsRow, readMetricRun } from './customer-metrics.repository.js';
import { refreshCustomerMetrics } from './customer-metrics.service.js';
import { forecastCustomer } from './customer-forecast.js';
import { customerPredictions } from './customer-predictions.service.js';
import { generateOrders, storeWithOrders } from './segments.fixtures.js';

const NOW = '2025-01-05T00:00:00.000Z';

describe.each(dialects)('customer predictions on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const generated = generateOrders(200, 11);

  it("answers the refresh's P(alive), CLV and next order, and expected orders from its kept model", async () => {
    const { db } = database();
    const storeId = await storeWithOrders(db, generated);
    await refreshCustomerMetrics(db, storeId, '2024-12-31', NOW);
    const run = (await readMetricRun(db, storeId))!;
    expect(run.model?.countModel).toBe('bgnbd');

    // A customer who bought on several days.
    const predictions = await customerPredictions(db, storeId, 'c-3');
    const row = (await readCustomerMetricsRow(db, storeId, predictions.customerId))!;
    expect(row.purchase_days).toBeGreaterThan(1);
    expect(predictions).toMatchObject({
      externalId: 'c-3',
      asOfDay: '2024-12-31',
      computedAt: NOW,
      model: 'bgnbd',
      pAlive: row.p_alive,
      predictedClvMinor: Number(row.predicted_clv_minor),
      clvMonths: 12,
    });
    expect(predictions.expectedOrders.map((h) => h.days)).toEqual([30, 90, 365]);
    const [month, quarter, year] = predictions.expectedOrders.map((h) => h.expectedOrders);
    expect(month).toBeGreaterThan(0);
    expect(quarter).toBeGreaterThan(month);
    expect(year).toBeGreaterThan(quarter);
    // The same model and history as the refresh: its 13-week figure comes out again.
    const again = forecastCustomer(
      run.model!,
      {
        purchaseDays: row.purchase_days,
        firstDay: row.first_order_day,
        lastDay: row.last_order_day,
        asOfDay: row.as_of_day,
      },
      [EXPECTED_ORDERS_DAYS],
    );
    expect(again.horizons[0].expectedOrders).toBeCloseTo(row.expected_orders!, 9);
    expect(again.pAlive).toBeCloseTo(row.p_alive!, 9);
  });

  it('says why there is nothing to show before a refresh, and hides other stores’ customers', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'New shop' });
    await upsertCustomerByExternalId(db, store.id, { externalId: 'n-1' });
    const none = await customerPredictions(db, store.id, 'n-1');
    expect(none).toMatchObject({ pAlive: null, expectedOrders: [], asOfDay: null });
    expect(none.note).toContain('segments refresh');
    await expect(customerPredictions(db, store.id, 'c-3')).rejects.toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
  });
});
