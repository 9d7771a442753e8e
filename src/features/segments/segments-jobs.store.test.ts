import { describe, expect, it } from 'vitest';
import { refreshCustomerMetrics } from './customer-metrics.service.js';
import { asOfNow, segmentsOrderHandler, segmentsRefreshJob } from './segment.job.js';
import { dayFromIso } from '../../analytics/day.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { builtInSegmentId } from './segment.repository.js';
import { findOrderByExternalId, upsertOrderByExternalId } from '../orders/order.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { generateOrders, orderInput, storeWithOrders } from './segments.fixtures.js';

describe('asOfNow', () => {
  it('takes the day at UTC+14, so today counts in every zone', () => {
    expect(asOfNow('2024-06-30T11:00:00.000Z')).toEqual({
      instant: '2024-06-30T11:00:00.000Z',
      day: dayFromIso('2024-07-01'),
    });
    expect(asOfNow('2024-06-30T09:00:00.000Z').day).toBe(dayFromIso('2024-06-30'));
  });
});

describe.each(dialects)('segments job and order handler on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('the job refreshes metrics and every segment; the order handler moves the ordering customer at once, idempotently', async () => {
    const { db } = database();
    const storeId = await storeWithOrders(db, generateOrders(80, 17), 'Jobs');
    const now = '2025-01-05T12:00:00.000Z';
    const changes = await segmentsRefreshJob.run(db, storeId, now);
    expect(changes).toBeGreaterThan(80);
    expect(await segmentsRefreshJob.run(db, storeId, '2025-01-05T12:00:01.000Z')).toBe(0);
    expect(
      (
        await db
          .selectFrom('customer_metric_runs')
          .select('as_of_day')
          .where('store_id', '=', storeId)
          .executeTakeFirstOrThrow()
      ).as_of_day,
    ).toBe(dayFromIso('2025-01-06'));

    // A one-time buyer orders again: they leave "one-time buyers" as soon as the handler runs.
    const oneTime = builtInSegmentId(storeId, 'one-time-buyers');
    const member = await db
      .selectFrom('segment_members')
      .select('customer_id')
      .where('store_id', '=', storeId)
      .where('segment_id', '=', oneTime)
      .executeTakeFirstOrThrow();
    await upsertOrderByExternalId(db, storeId, {
      ...orderInput({
        customerExternalId: 'x',
        externalId: 'again-1',
        day: dayFromIso('2025-01-05'),
        totalMinor: 2000,
        cancelled: false,
        skus: ['MUG'],
      }),
      customerId: member.customer_id,
    });
    const order = (await findOrderByExternalId(db, storeId, 'again-1'))!;
    await segmentsOrderHandler(db, storeId, order, '2025-01-05T13:00:00.000Z');
    await segmentsOrderHandler(db, storeId, order, '2025-01-05T13:00:05.000Z');
    const still = await db
      .selectFrom('segment_members')
      .select('customer_id')
      .where('store_id', '=', storeId)
      .where('segment_id', '=', oneTime)
      .where('customer_id', '=', member.customer_id)
      .execute();
    expect(still).toEqual([]);
    const exits = await db
      .selectFrom('customer_events')
      .select('payload')
      .where('store_id', '=', storeId)
      .where('customer_id', '=', member.customer_id)
      .where('kind', '=', 'segment_exited')
      .execute();
    expect(exits.filter((e) => (JSON.parse(e.payload) as { segmentId: string }).segmentId === oneTime)).toHaveLength(1);
    const metrics = await db
      .selectFrom('customer_metrics')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('customer_id', '=', member.customer_id)
      .executeTakeFirstOrThrow();
    expect(metrics.orders_count).toBe(2);
    expect(metrics.p_alive).not.toBeNull();
  });

  it('an empty store: the job does nothing, and its first customer is later scored against no one', async () => {
    const { db } = database();
    const empty = await storeWithOrders(db, { orders: [], firstDay: 0, lastDay: 0 }, 'Empty');
    expect(await segmentsRefreshJob.run(db, empty, '2025-01-05T12:00:00.000Z')).toBe(0);
    const run = await db
      .selectFrom('customer_metric_runs')
      .selectAll()
      .where('store_id', '=', empty)
      .executeTakeFirstOrThrow();
    expect(run.customers).toBe(0);
    expect(run.note).toMatch(/at least 20/);
    // The first order: the empty population's cut-offs (+Infinity) score everything lowest, and nothing fails.
    const storeId = empty;
    const customer = await upsertCustomerByExternalId(db, storeId, { externalId: 'first' });
    await upsertOrderByExternalId(db, storeId, {
      ...orderInput({
        customerExternalId: 'first',
        externalId: 'first-1',
        day: dayFromIso('2025-01-05'),
        totalMinor: 2000,
        cancelled: false,
        skus: ['MUG'],
      }),
      customerId: customer.id,
    });
    await segmentsOrderHandler(
      db,
      storeId,
      (await findOrderByExternalId(db, storeId, 'first-1'))!,
      '2025-01-05T13:00:00.000Z',
    );
    const row = await db
      .selectFrom('customer_metrics')
      .selectAll()
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    expect([row.orders_count, row.rfm_recency, row.rfm_monetary, row.value_percentile, row.p_alive]).toEqual([
      1,
      1,
      1,
      0,
      null,
    ]);
  });

  it('the order handler does nothing to metrics before the first full refresh', async () => {
    const { db } = database();
    const storeId = await storeWithOrders(db, generateOrders(5, 2), 'Before');
    const order = (
      await db.selectFrom('orders').select('external_id').where('store_id', '=', storeId).executeTakeFirstOrThrow()
    ).external_id;
    await segmentsOrderHandler(
      db,
      storeId,
      (await findOrderByExternalId(db, storeId, order))!,
      '2025-01-05T13:00:00.000Z',
    );
    expect(await db.selectFrom('customer_metrics').selectAll().where('store_id', '=', storeId).execute()).toEqual([]);
    // Memberships still follow the rules that need no metrics (orders_count is 0 without them).
    await refreshCustomerMetrics(db, storeId, '2025-01-05', '2025-01-05T14:00:00.000Z');
    expect(
      (await db.selectFrom('customer_metrics').selectAll().where('store_id', '=', storeId).execute()).length,
    ).toBeGreaterThan(0);
  });
});
