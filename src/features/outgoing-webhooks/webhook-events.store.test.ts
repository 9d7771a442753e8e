import { describe, expect, it } from 'vitest';
import { createStore } from '../../platform/stores/store.repository.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { recordOrderBatch } from '../orders/index.js';
import { recordOrder } from '../orders/record-order.service.js';
import { postPoints } from '../loyalty/post-points.service.js';
import { recordDerivedEvent } from '../events/customer-event.repository.js';
import { addWebhookEndpoint } from './webhook-endpoints.service.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';

const NOW = '2026-05-01T10:00:00.000Z';

function incoming(orderId: string, customerId: string, totalMinor = 2598) {
  return {
    customer: { externalId: customerId, email: `${customerId}@example.com` },
    order: {
      externalId: orderId,
      orderedAt: '2026-04-30T09:00:00Z',
      orderDay: 20573,
      refundedMinor: 0,
      status: 'paid',
      cancelledAt: null,
      sourceUpdatedAt: null,
      currency: 'EUR',
      subtotalMinor: totalMinor,
      discountMinor: 0,
      shippingMinor: 0,
      totalMinor,
      lines: [{ sku: 'BEAN-1', title: 'Beans', category: null, quantity: 1, priceMinor: totalMinor, totalMinor }],
    },
  };
}

describe.each(dialects)('webhook events emitted by the changes on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  async function setup() {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Events' });
    await addWebhookEndpoint(db, store.id, { url: 'https://hooks.example/in', events: [...WEBHOOK_EVENT_TYPES] }, NOW);
    const queued = async () => {
      const rows = await db
        .selectFrom('webhook_messages')
        .select(['event_type', 'body'])
        .where('store_id', '=', store.id)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        type: r.event_type,
        data: (JSON.parse(r.body) as { data: Record<string, unknown> }).data,
      }));
    };
    return { db, store, queued };
  }

  it('a batch of orders: customer.created once per new customer, order.recorded per order changed, nothing for a redelivery', async () => {
    const { db, store, queued } = await setup();
    const first = await recordOrderBatch(db, store.id, [
      incoming('1001', 'alice') as never,
      incoming('1002', 'alice') as never,
      incoming('1003', 'bob') as never,
    ]);
    const events = await queued();
    expect(events.map((e) => e.type).sort()).toEqual([
      'customer.created',
      'customer.created',
      'order.recorded',
      'order.recorded',
      'order.recorded',
    ]);
    expect(events.find((e) => e.type === 'order.recorded' && e.data.externalId === '1001')?.data).toMatchObject({
      orderId: first[0].id,
      customerId: first[0].customerId,
      outcome: 'created',
      totalMinor: 2598,
      currency: 'EUR',
    });
    // The same orders again change nothing, and say nothing.
    await recordOrderBatch(db, store.id, [incoming('1001', 'alice') as never, incoming('1003', 'bob') as never]);
    expect(await queued()).toHaveLength(5);
    // A changed order is recorded again, through the one-order path too.
    await recordOrder(db, store.id, incoming('1002', 'alice', 3000) as never);
    const after = await queued();
    expect(after).toHaveLength(6);
    expect(after[5]).toMatchObject({
      type: 'order.recorded',
      data: { externalId: '1002', outcome: 'updated', totalMinor: 3000 },
    });
  });

  it('points.changed per ledger entry posted, none for a repeated source key; derived customer events once per key', async () => {
    const { db, store, queued } = await setup();
    const [{ customerId }] = await recordOrderBatch(db, store.id, [incoming('2001', 'carol') as never]);
    const before = (await queued()).length;
    const entry = {
      kind: 'earn' as const,
      points: 120,
      sourceKey: 'order:2001:earn',
      reason: 'order',
      postedAt: NOW,
      availableAt: NOW,
    };
    expect((await postPoints(db, store.id, customerId, entry)).outcome).toBe('posted');
    expect((await postPoints(db, store.id, customerId, entry)).outcome).toBe('refused');
    const tier = { kind: 'tier_changed' as const, occurredAt: NOW, payload: { from: null, to: 'Gold' } };
    expect(await recordDerivedEvent(db, store.id, customerId, 'tier:carol:1', tier)).toBe(true);
    expect(await recordDerivedEvent(db, store.id, customerId, 'tier:carol:1', tier)).toBe(false);
    const events = (await queued()).slice(before);
    expect(events).toEqual([
      {
        type: 'points.changed',
        data: expect.objectContaining({ customerId, kind: 'earn', points: 120, reason: 'order' }) as unknown,
      },
      { type: 'tier.changed', data: expect.objectContaining({ customerId, from: null, to: 'Gold' }) as unknown },
    ]);
  });
});
