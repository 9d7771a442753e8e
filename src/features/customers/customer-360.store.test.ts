import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../platform/random.js';
import { dayFromIso } from '../../analytics/day.js';
import { groupOrdersByCustomer } from '../../analytics/customer-orders.js';
import { orderLogFrom } from '../../analytics/order-log-builder.js';
import { RFM_SEGMENTS, rfmScores } from '../../analytics/rfm.js';
import type { OrderInput } from '../orders/order.js';
import { computeRfmThresholds, customer360, ORDERS_READ_IN_FULL, RECENT_ORDERS } from './customer-360.query.js';
import { recordConsent } from '../consent/record-consent.service.js';
import { upsertCustomerByExternalId } from './customer.repository.js';
import { recordCustomerEvent } from '../events/customer-event.repository.js';
import { upsertOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { postPoints } from '../loyalty/post-points.service.js';
import { balanceOfCustomer } from '../loyalty/loyalty-points.service.js';
import { planMessages } from '../delivery/plan-messages.service.js';
import { refreshCustomerMetrics } from '../segments/customer-metrics.service.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

function order(
  customerId: string,
  externalId: string,
  day: string,
  totalMinor: number,
  overrides: Partial<OrderInput> = {},
): OrderInput {
  return {
    externalId,
    customerId,
    orderedAt: `${day}T12:00:00+01:00`,
    orderDay: dayFromIso(day),
    currency: 'EUR',
    subtotalMinor: totalMinor,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor,
    refundedMinor: 0,
    status: 'paid',
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [{ sku: 'BEANS-1KG', title: 'Beans', category: 'coffee', quantity: 1, priceMinor: totalMinor, totalMinor }],
    ...overrides,
  };
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Options that compute the store's RFM thresholds afresh, so a test sees its own writes. */
const FRESH = { rfmThresholdsMaxAgeMs: 0 };

async function storeWithCustomer(db: Kysely<Database>, name: string, externalId = 'c-1') {
  const { store } = await createStore(db, { name });
  const customer = await upsertCustomerByExternalId(db, store.id, {
    externalId,
    email: 'ada@example.com',
    firstName: 'Ada',
  });
  return { storeId: store.id, customerId: customer.id };
}

describe.each(dialects)('customer 360 on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('assembles profile, current consent, purchases, summary, recent orders and events as of an instant', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'View');
    await recordConsent(db, storeId, customerId, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'checkout',
      recordedAt: '2024-01-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    const revoked = await recordConsent(db, storeId, customerId, {
      channel: 'email',
      purpose: 'marketing',
      status: 'revoked',
      source: 'link',
      recordedAt: '2024-02-01T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });
    // After the as-of instant: not part of the view.
    await recordConsent(db, storeId, customerId, {
      channel: 'sms',
      purpose: 'marketing',
      status: 'granted',
      source: 'form',
      recordedAt: '2024-04-05T00:00:00Z',
      ip: null,
      doubleOptInAt: null,
    });

    const ids: Record<string, string> = {};
    const put = async (key: string, input: OrderInput) =>
      void (ids[key] = (await upsertOrderByExternalId(db, storeId, input)).orderId);
    await put('o1', order(customerId, 'o1', '2024-01-10', 5_000, { orderedAt: '2024-01-10T09:00:00+01:00' }));
    await put('o2', order(customerId, 'o2', '2024-01-10', 3_000, { orderedAt: '2024-01-10T18:00:00+01:00' }));
    await put(
      'o3',
      order(customerId, 'o3', '2024-02-01', 4_000, { status: 'partially_refunded', refundedMinor: 1_000 }),
    );
    await put(
      'o4',
      order(customerId, 'o4', '2024-02-15', 2_000, { status: 'cancelled', cancelledAt: '2024-02-16T00:00:00Z' }),
    );
    await put('o5', order(customerId, 'o5', '2024-03-01', 1_500, { status: 'refunded', refundedMinor: 1_500 }));
    await put('o6', order(customerId, 'o6', '2024-03-20', 2_500, { status: 'pending' }));
    // The as-of instant is 2024-04-01 03:00 UTC, but the 31st where it was written: April orders are later.
    await put('o7', order(customerId, 'o7', '2024-04-01', 9_999));

    for (let i = 0; i < 25; i++) {
      await recordCustomerEvent(db, storeId, customerId, {
        kind: 'product_viewed',
        occurredAt: `2024-03-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
        payload: { i },
      });
    }
    await recordCustomerEvent(db, storeId, customerId, {
      kind: 'custom',
      occurredAt: '2024-04-01T04:00:00Z',
      payload: { late: true },
    });

    const asOf = '2024-03-31T23:00:00-04:00';
    const view = await customer360(db, storeId, customerId, asOf, FRESH);
    expect(view).not.toBeNull();
    expect(view!.asOf).toBe('2024-04-01T03:00:00.000Z');
    expect(view!.asOfDay).toBe('2024-03-31');
    expect(view!.profile).toMatchObject({ id: customerId, email: 'ada@example.com', firstName: 'Ada' });
    expect(view!.consent).toEqual([revoked]);
    expect(view!.orders).toEqual({
      count: 4,
      totalSpentMinor: 13_500,
      currency: 'EUR',
      averageOrderValueMinor: 3_375,
      byCurrency: [{ currency: 'EUR', count: 4, totalSpentMinor: 13_500, averageOrderValueMinor: 3_375 }],
      firstOrderAt: '2024-01-10T09:00:00+01:00',
      lastOrderAt: '2024-03-20T12:00:00+01:00',
    });
    const asOfDay = dayFromIso('2024-03-31');
    // Purchase days 01-10 (two orders, one purchase), 02-01 and 03-20.
    expect(view!.summary).toEqual({
      frequency: 2,
      recency: dayFromIso('2024-03-20') - dayFromIso('2024-01-10'),
      T: asOfDay - dayFromIso('2024-01-10'),
      firstPurchaseDay: '2024-01-10',
      lastPurchaseDay: '2024-03-20',
    });
    // The only customer with purchases: every score is the lowest, one repeat customer ranks F 2.
    expect(view!.rfm).toEqual({
      recency: 1,
      frequency: 2,
      monetary: 1,
      segment: 'Hibernating',
      recencyDays: 11,
      customers: 1,
    });
    expect(view!.recentOrders.map((o) => o.externalId)).toEqual(['o6', 'o5', 'o4', 'o3', 'o2', 'o1']);
    expect(view!.recentOrders[0]).toMatchObject({ id: ids.o6, status: 'pending', totalMinor: 2_500 });
    expect(view!.recentOrders[0]).not.toHaveProperty('lines');
    expect(view!.recentEvents).toHaveLength(20);
    expect(view!.recentEvents.map((e) => e.payload.i)).toEqual(Array.from({ length: 20 }, (_, i) => 24 - i));

    // A later as-of day counts the April order, the later consent and the late event.
    const later = await customer360(db, storeId, customerId, '2024-04-10T00:00:00Z', FRESH);
    expect(later!.orders.count).toBe(5);
    expect(later!.consent.map((c) => c.channel)).toEqual(['email', 'sms']);
    expect(later!.recentEvents[0].payload).toEqual({ late: true });
    expect(later!.recentOrders).toHaveLength(7);
  });

  it('keeps currencies apart, caps recent orders at 10, and shows an empty history for a new customer', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Currencies');
    for (let i = 0; i < 12; i++) {
      await upsertOrderByExternalId(
        db,
        storeId,
        order(customerId, `m${i}`, `2024-02-${String(i + 1).padStart(2, '0')}`, 1_000 + i, {
          currency: i % 3 === 0 ? 'USD' : 'EUR',
        }),
      );
    }
    const view = await customer360(db, storeId, customerId, '2024-03-01T00:00:00Z', FRESH);
    expect(view!.orders).toMatchObject({
      count: 12,
      totalSpentMinor: null,
      currency: null,
      averageOrderValueMinor: null,
    });
    expect(view!.orders.byCurrency).toEqual([
      {
        currency: 'EUR',
        count: 8,
        totalSpentMinor: 8_000 + 1 + 2 + 4 + 5 + 7 + 8 + 10 + 11,
        averageOrderValueMinor: Math.round((8_000 + 48) / 8),
      },
      {
        currency: 'USD',
        count: 4,
        totalSpentMinor: 4_000 + 0 + 3 + 6 + 9,
        averageOrderValueMinor: Math.round(4_018 / 4),
      },
    ]);
    expect(view!.recentOrders.map((o) => o.externalId)).toEqual([
      'm11',
      'm10',
      'm9',
      'm8',
      'm7',
      'm6',
      'm5',
      'm4',
      'm3',
      'm2',
    ]);

    // Ties: within a day by time, then by id; events at one instant by id (newest first).
    const ties = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-ties' });
    const tied = [];
    for (const [externalId, at] of [
      ['t1', '2024-02-10T09:00:00+01:00'],
      ['t2', '2024-02-10T18:00:00+01:00'],
      ['t3', '2024-02-10T09:00:00+01:00'],
    ] as const) {
      tied.push(
        await upsertOrderByExternalId(db, storeId, order(ties.id, externalId, '2024-02-10', 500, { orderedAt: at })),
      );
    }
    const sameInstant = [];
    for (let i = 0; i < 3; i++)
      sameInstant.push(
        await recordCustomerEvent(db, storeId, ties.id, {
          kind: 'custom',
          occurredAt: '2024-02-11T00:00:00Z',
          payload: { i },
        }),
      );
    const tiesView = await customer360(db, storeId, ties.id, '2024-03-01T00:00:00Z', FRESH);
    const [t1, , t3] = tied.map((t) => t.orderId);
    expect(tiesView!.recentOrders.map((o) => o.externalId)).toEqual(['t2', ...(t1 > t3 ? ['t1', 't3'] : ['t3', 't1'])]);
    expect(tiesView!.recentEvents.map((e) => e.id)).toEqual(
      sameInstant
        .map((e) => e.id)
        .sort()
        .reverse(),
    );

    const newcomer = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-new' });
    const empty = await customer360(db, storeId, newcomer.id, '2024-03-01T00:00:00Z', FRESH);
    expect(empty).toMatchObject({
      profile: { id: newcomer.id },
      consent: [],
      orders: {
        count: 0,
        totalSpentMinor: null,
        currency: null,
        averageOrderValueMinor: null,
        byCurrency: [],
        firstOrderAt: null,
        lastOrderAt: null,
      },
      summary: null,
      rfm: null,
      recentOrders: [],
      recentEvents: [],
    });
  });

  it('totals a customer with more orders than it reads in full by SQL, to the same figures', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Wholesale');
    const count = ORDERS_READ_IN_FULL + 5;
    const rows = Array.from({ length: count }, (_, i) => {
      const day = dayFromIso('2024-01-01') + Math.floor(i / 3);
      const input = order(customerId, `w${i}`, isoDay(day), 1_000 + i, {
        currency: i % 7 === 0 ? 'USD' : 'EUR',
        ...(i % 11 === 0 ? { status: 'cancelled' as const, cancelledAt: '2024-01-01T00:00:00Z' } : {}),
        ...(i % 13 === 0 ? { status: 'partially_refunded' as const, refundedMinor: 100 } : {}),
      });
      return { input, day, i };
    });
    const now = new Date().toISOString();
    await db
      .insertInto('orders')
      .values(
        rows.map(({ input, i }) => ({
          store_id: storeId,
          id: `ord_${String(i).padStart(26, '0')}`,
          external_id: input.externalId,
          customer_id: customerId,
          ordered_at: input.orderedAt,
          order_day: input.orderDay,
          currency: input.currency,
          subtotal_minor: input.subtotalMinor,
          discount_minor: 0,
          shipping_minor: 0,
          total_minor: input.totalMinor,
          refunded_minor: input.refundedMinor,
          status: input.status,
          cancelled_at: input.cancelledAt,
          source_updated_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    // A cancellation time excludes an order whatever its status says (i = 0 and 143 are both).
    const purchases = rows.filter(({ input }) => input.status !== 'cancelled' && input.cancelledAt === null);
    const totals = (currency: string) => {
      const of = purchases.filter(({ input }) => input.currency === currency);
      const net = of.reduce((sum, { input }) => sum + input.totalMinor - input.refundedMinor, 0);
      return { currency, count: of.length, totalSpentMinor: net, averageOrderValueMinor: Math.round(net / of.length) };
    };
    const days = [...new Set(purchases.map((p) => p.day))];
    const view = await customer360(db, storeId, customerId, '2024-12-31T00:00:00Z', FRESH);
    expect(view!.orders).toEqual({
      count: purchases.length,
      totalSpentMinor: null,
      currency: null,
      averageOrderValueMinor: null,
      byCurrency: [totals('EUR'), totals('USD')],
      firstOrderAt: `${isoDay(days[0])}T12:00:00+01:00`,
      lastOrderAt: `${isoDay(days[days.length - 1])}T12:00:00+01:00`,
    });
    expect(view!.summary).toMatchObject({ frequency: days.length - 1, recency: days[days.length - 1] - days[0] });
    expect(view!.rfm).toMatchObject({ frequency: 2, customers: 1 });
    expect(view!.recentOrders.map((o) => o.externalId)).toEqual(
      Array.from({ length: RECENT_ORDERS }, (_, k) => `w${count - 1 - k}`),
    );
  });

  it('scores RFM against the whole store exactly as the analytics do', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Population' });
    const rng = createRng(42);
    const random = () => rng.next();
    const asOf = '2024-06-30T12:00:00+02:00';
    const asOfDay = dayFromIso('2024-06-30');
    const lines: { customerId: string; orderId: string; day: number; lineAmount: number }[] = [];
    const customers: string[] = [];
    for (let c = 0; c < 40; c++) {
      const { id } = await upsertCustomerByExternalId(db, store.id, { externalId: `p${c}` });
      customers.push(id);
      const orders = random() < 0.5 ? 1 : 1 + Math.ceil(random() * 5);
      for (let o = 0; o < orders; o++) {
        const day = asOfDay - 200 + Math.floor(random() * 220); // some after the as-of day
        const total = 500 * (1 + Math.floor(random() * 8));
        const kind = random();
        const overrides: Partial<OrderInput> =
          kind < 0.1
            ? { status: 'cancelled', cancelledAt: '2024-01-01T00:00:00Z' }
            : kind < 0.15
              ? { status: 'refunded', refundedMinor: total }
              : kind < 0.3
                ? { status: 'partially_refunded', refundedMinor: 250 }
                : {};
        const externalId = `p${c}-${o}`;
        await upsertOrderByExternalId(db, store.id, order(id, externalId, isoDay(day), total, overrides));
        const purchase = overrides.status !== 'cancelled' && overrides.status !== 'refunded';
        if (purchase)
          lines.push({ customerId: id, orderId: externalId, day, lineAmount: total - (overrides.refundedMinor ?? 0) });
      }
    }
    const log = orderLogFrom(lines);
    const expected = rfmScores(log, groupOrdersByCustomer(log), asOfDay);
    expect(expected.customers).toBeGreaterThan(20);
    const segments = new Set<string>();
    for (const id of customers) {
      const view = await customer360(db, store.id, id, asOf);
      const c = log.customerIds.indexOf(id);
      if (c < 0 || expected.segment[c] < 0) {
        expect(view!.rfm, id).toBeNull();
        continue;
      }
      const segment = RFM_SEGMENTS[expected.segment[c]].name;
      segments.add(segment);
      expect(view!.rfm, id).toMatchObject({
        recency: expected.recency[c],
        frequency: expected.frequency[c],
        monetary: expected.monetary[c],
        segment,
        customers: expected.customers,
      });
    }
    expect(segments.size).toBeGreaterThan(3);
  });

  it('reuses a store’s RFM thresholds within their maximum age, and computes them afresh when asked', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Cache');
    await upsertOrderByExternalId(db, storeId, order(customerId, 'x1', '2024-01-10', 1_000));
    const asOf = '2024-02-01T00:00:00Z';
    const hour = { rfmThresholdsMaxAgeMs: 3_600_000 };
    expect((await customer360(db, storeId, customerId, asOf, hour))!.rfm!.customers).toBe(1);

    const other = await upsertCustomerByExternalId(db, storeId, { externalId: 'c-2' });
    await upsertOrderByExternalId(db, storeId, order(other.id, 'x2', '2024-01-20', 1_000));
    // Cached: the base still has one customer, though the customer's own figures are current.
    const cached = await customer360(db, storeId, other.id, asOf, hour);
    expect(cached!.rfm!.customers).toBe(1);
    expect(cached!.orders.count).toBe(1);
    expect((await customer360(db, storeId, other.id, asOf, FRESH))!.rfm!.customers).toBe(2);
    // Another as-of day is another base.
    expect((await customer360(db, storeId, other.id, '2024-02-02T00:00:00Z', hour))!.rfm!.customers).toBe(2);
    expect(await computeRfmThresholds(db, storeId, dayFromIso('2024-01-15'))).toMatchObject({ customers: 1 });
  });

  it("is null for an unknown customer or another store's, and refuses an as-of without an offset", async () => {
    const { db } = database();
    const a = await storeWithCustomer(db, 'A');
    const b = await storeWithCustomer(db, 'B');
    expect(await customer360(db, a.storeId, 'cus_nope', '2024-01-01T00:00:00Z', FRESH)).toBeNull();
    expect(await customer360(db, a.storeId, b.customerId, '2024-01-01T00:00:00Z', FRESH)).toBeNull();
    expect((await customer360(db, b.storeId, b.customerId, '2024-01-01T00:00:00Z', FRESH))?.profile.id).toBe(
      b.customerId,
    );
    for (const asOf of ['2024-01-01T00:00:00', '2024-01-01', 'yesterday']) {
      await expect(customer360(db, a.storeId, a.customerId, asOf, FRESH)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: { field: 'asOf' },
      });
    }
  });

  it('joins the points at the instant, the latest messages with their status, and the stored predictions', async () => {
    const { db } = database();
    const { storeId, customerId } = await storeWithCustomer(db, 'Joined');
    const asOf = '2025-06-01T12:00:00Z';
    const empty = await customer360(db, storeId, customerId, asOf, FRESH);
    expect(empty).toMatchObject({ points: { available: 0, pending: 0 }, recentMessages: [], predictions: null });

    const earn = (key: string, points: number, postedAt: string, availableAt: string) =>
      postPoints(db, storeId, customerId, {
        kind: points < 0 ? 'reverse' : 'earn',
        points,
        sourceKey: key,
        reason: key,
        postedAt,
        availableAt,
      });
    await earn('order:1:earn', 100, '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z');
    await earn('order:2:earn', 50, '2025-05-20T00:00:00.000Z', '2025-06-19T00:00:00.000Z');
    await earn('order:2:earn:reverse:10', -10, '2025-05-25T00:00:00.000Z', '2025-06-19T00:00:00.000Z');
    await earn('order:3:earn', 999, '2025-07-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z');
    const view = await customer360(db, storeId, customerId, asOf, FRESH);
    expect(view?.points).toEqual({ available: 100, pending: 40 });
    // The same figures as the loyalty feature's own balance.
    expect(view?.points).toEqual(await balanceOfCustomer(db, storeId, customerId, asOf));

    const minutes = (n: number) => new Date(Date.parse('2025-06-01T00:00:00Z') + n * 60_000).toISOString();
    for (let i = 0; i < 12; i++) {
      await planMessages(
        db,
        storeId,
        [
          {
            storeId,
            customerId,
            flow: 'win-back',
            triggerKey: `step-${i}`,
            channel: 'email',
            purpose: 'marketing',
            template: 'win-back-1',
            data: { secret: 'not shown' },
            sendAt: minutes(i),
            holdoutShare: i === 11 ? 1 : 0,
          },
        ],
        minutes(i),
      );
    }
    // Planned after the instant: not in the view.
    await planMessages(
      db,
      storeId,
      [
        {
          storeId,
          customerId,
          flow: 'win-back',
          triggerKey: 'later',
          channel: 'email',
          purpose: 'marketing',
          template: 'win-back-1',
          data: {},
          sendAt: '2025-06-02T00:00:00.000Z',
          holdoutShare: 0,
        },
      ],
      '2025-06-02T00:00:00.000Z',
    );
    const withMessages = await customer360(db, storeId, customerId, asOf, FRESH);
    const messages = withMessages!.recentMessages;
    expect(messages).toHaveLength(10);
    expect(messages.map((m) => m.createdAt)).toEqual(Array.from({ length: 10 }, (_, k) => minutes(11 - k)));
    expect(messages[0]).toEqual({
      id: expect.stringMatching(/^msg_/),
      flow: 'win-back',
      channel: 'email',
      purpose: 'marketing',
      template: 'win-back-1',
      status: 'held_out',
      reason: expect.any(String),
      sendAt: minutes(11),
      sentAt: null,
      createdAt: minutes(11),
    });
    expect(messages[1]).toMatchObject({ status: 'planned', reason: null });

    // Predictions come from the store's latest metrics refresh: enough repeat buyers for a fit.
    const rng = createRng(7);
    const random = () => rng.next();
    for (let c = 0; c < 40; c++) {
      const other = await upsertCustomerByExternalId(db, storeId, { externalId: `p-${c}`, email: `p${c}@example.com` });
      const count = 1 + Math.floor(random() * 4);
      for (let k = 0; k < count; k++) {
        const day = isoDay(dayFromIso('2024-01-01') + Math.floor(random() * 500));
        await upsertOrderByExternalId(
          db,
          storeId,
          order(other.id, `p-${c}-${k}`, day, 1_000 + Math.floor(random() * 5_000)),
        );
      }
    }
    await upsertOrderByExternalId(db, storeId, order(customerId, 'mine-1', '2024-03-01', 2_500));
    await upsertOrderByExternalId(db, storeId, order(customerId, 'mine-2', '2025-01-15', 3_500));
    const refresh = await refreshCustomerMetrics(db, storeId, '2025-06-01T00:00:00Z', '2025-06-01T01:00:00.000Z');
    expect(refresh.model).not.toBeNull();
    const predicted = (await customer360(db, storeId, customerId, asOf, FRESH))!.predictions;
    expect(predicted).toMatchObject({
      asOfDay: '2025-06-01',
      computedAt: '2025-06-01T01:00:00.000Z',
      model: 'bgnbd',
      note: null,
      currency: 'EUR',
    });
    expect(predicted!.pAlive).toBeGreaterThan(0);
    expect(predicted!.pAlive).toBeLessThanOrEqual(1);
    expect(predicted!.expectedOrders).toBeGreaterThan(0);
    expect(predicted!.spendModel === null || predicted!.spendModel === 'gamma-gamma').toBe(true);
  });
});
