import { describe, expect, it } from 'vitest';
import { builtInFlowSources } from '../engine/flow-sources.reader.js';
import { enableFlow } from '../engine/manage-flows.service.js';
import { runFlows } from '../engine/plan-flows.service.js';
import { testOrder } from '../engine/flow-context.fixtures.js';
import { recordOrder } from '../../orders/record-order.service.js';
import { updateShopProfile } from '../../stores/shop-profile.service.js';
import { loadConfig } from '../../../platform/config.js';
import { buildApp } from '../../../platform/http/build-app.js';
import { createStore } from '../../../platform/stores/store.repository.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../../test/support/test-database.js';

/**
 * The NPS survey timed by deliveries, end to end: deliveries posted to the real events API, the
 * flow enabled and run live once a day for a month, the outbox read back. A delivered order is asked
 * 3 days after its delivery; an order with no delivery 21 days after it was placed; an order whose
 * delivery is reported more than once, or after its fallback survey, is asked once; one whose
 * delivery is reported after its own survey's day is still asked, at the fallback.
 */
describe.each(dialects)('nps after delivery on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('delivered: 3 days after the delivery; none: 21 days after the order; never twice for one order', async () => {
    const { db } = database();
    const { store, apiKey } = await createStore(db, { name: 'Delivered Coffee' });
    await updateShopProfile(
      db,
      store.id,
      { url: 'https://beans.example', address: '1 Roast Street, Leeds' },
      '2026-01-01T00:00:00Z',
    );
    const orderOf = (id: string, customer: string) =>
      recordOrder(
        db,
        store.id,
        testOrder({
          id,
          customer,
          email: `${customer}@example.com`,
          at: '2026-02-01T09:00:00Z',
          lines: [{ sku: 'BEANS', title: 'Beans', priceMinor: 1200 }],
        }),
      );
    const alice = await orderOf('1001', 'alice'); // delivered on 3 Feb
    const bob = await orderOf('1002', 'bob'); // no delivery ever reported
    const carol = await orderOf('1003', 'carol'); // delivered, reported twice (two parcels)
    const dan = await orderOf('1004', 'dan'); // a delivery reported only after the fallback survey
    const erin = await orderOf('1005', 'erin'); // a delivery reported after its own survey's day

    const sources = await builtInFlowSources(loadConfig({ REGULARS_SPAMASSASSIN: 'off' }));
    await enableFlow(db, store.id, 'nps', sources, '2026-02-01T00:00:00.000Z');
    const app = await buildApp({ db, dialect: sqlDialect(dialect) });
    const deliver = (customer: string, orderId: unknown, occurredAt: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${apiKey.plaintext}` },
        payload: {
          customer: { externalId: customer },
          kind: 'custom',
          occurredAt,
          payload: { name: 'order.delivered', orderId },
        },
      });
    const deliveries: Record<string, [string, string, string][]> = {
      '2026-02-04': [
        ['alice', '1001', '2026-02-03T15:00:00Z'],
        ['carol', '1003', '2026-02-03T16:00:00Z'],
      ],
      '2026-02-06': [['carol', '1003', '2026-02-05T11:00:00Z']],
      // Posted on the 10th, dated the 3rd: its survey day (the 6th) was planned without it, so the
      // fallback still asks.
      '2026-02-10': [['erin', '1005', '2026-02-03T12:00:00Z']],
      // Posted on the 24th, dated the 21st: before dan's fallback survey (the 22nd), which already went.
      '2026-02-24': [['dan', '1004', '2026-02-21T12:00:00Z']],
    };
    try {
      // A delivery that names no order is refused where it is posted, not kept unused.
      const refused = await deliver('alice', 1001, '2026-02-03T15:00:00Z');
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'payload.orderId' } });

      for (let day = 2; day <= 28; day++) {
        const ymd = `2026-02-${String(day).padStart(2, '0')}`;
        for (const [customer, orderId, at] of deliveries[ymd] ?? [])
          expect((await deliver(customer, orderId, at)).statusCode).toBe(201);
        await runFlows(
          db,
          store.id,
          { now: `${ymd}T23:00:00.000Z`, dryRun: false, publicUrl: null },
          sources.registry,
          sources.builtIns,
        );
      }
    } finally {
      await app.close();
    }

    const outbox = await db
      .selectFrom('outbox_messages')
      .select(['customer_id', 'trigger_key', 'planned_send_at'])
      .where('store_id', '=', store.id)
      .where('flow', '=', 'nps')
      .orderBy('planned_send_at')
      .orderBy('customer_id')
      .execute();
    expect(outbox.map((m) => [m.customer_id, m.trigger_key, m.planned_send_at])).toEqual(
      [
        [alice.customerId, `order:${alice.orderId}`, '2026-02-06T10:00:00.000Z'],
        [carol.customerId, `order:${carol.orderId}`, '2026-02-06T10:00:00.000Z'],
        [bob.customerId, `order:${bob.orderId}`, '2026-02-22T10:00:00.000Z'],
        [dan.customerId, `order:${dan.orderId}`, '2026-02-22T10:00:00.000Z'],
        [erin.customerId, `order:${erin.orderId}`, '2026-02-22T10:00:00.000Z'],
      ].sort((a, b) => a[2].localeCompare(b[2]) || a[0].localeCompare(b[0])),
    );
  });
});
