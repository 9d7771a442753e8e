import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { receiveShopifyWebhook } from './receive-shopify-webhook.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const SECRET = 'test_secret_key';
const sign = (body: string) => createHmac('sha256', SECRET).update(body, 'utf8').digest('base64');
const fixture = (name: string) => readFileSync(fixturePath('shopify-webhooks', `${name}.json`), 'utf8');

/**
 * fulfillments/* (fixtures from Shopify's Fulfillment resource): a fulfillment marked delivered is
 * the order's customer's order.delivered event, once per fulfillment, dated by the payload; other
 * statuses and unknown orders are answered 'ignored' with the reason.
 */
describe.each(dialects)('Shopify fulfillment webhooks on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  it('records a delivered fulfillment once as order.delivered; ignores one in transit and one of an unknown order', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Fulfilled', shopifySecret: SECRET });
    const deliver = (topic: string, body: string, webhookId: string) =>
      receiveShopifyWebhook(db, {
        storeId: store.id,
        topic,
        webhookId,
        hmac: sign(body),
        rawBody: Buffer.from(body),
        receivedAt: '2024-03-06T00:00:00Z',
      });
    const delivered = fixture('fulfillments-update-delivered');

    // Before its order is stored: nothing to attach the delivery to.
    expect(await deliver('fulfillments/update', delivered, 'w-0')).toMatchObject({
      outcome: 'ignored',
      reason: expect.stringContaining('order 820982911946154508 is not stored'),
    });
    const order = await deliver('orders/create', fixture('orders-create'), 'w-1');
    expect(order.outcome).toBe('processed');

    expect(await deliver('fulfillments/create', fixture('fulfillments-create'), 'w-2')).toMatchObject({
      outcome: 'ignored',
      reason: 'shipment_status is not set: only a delivered fulfillment is recorded',
    });
    expect(await deliver('fulfillments/update', delivered, 'w-3')).toMatchObject({
      outcome: 'processed',
      topic: 'fulfillments/update',
      customerId: order.customerId,
      orderId: order.orderId,
    });
    // The same delivery again (a retry), and a later update of the same fulfillment still "delivered".
    expect((await deliver('fulfillments/update', delivered, 'w-3')).outcome).toBe('duplicate');
    const later = delivered.replace(
      '"updated_at": "2024-03-05T14:30:00-05:00"',
      '"updated_at": "2024-03-07T09:00:00-05:00"',
    );
    expect(await deliver('fulfillments/update', later, 'w-4')).toMatchObject({ outcome: 'duplicate' });

    const events = await db
      .selectFrom('customer_events')
      .select(['customer_id', 'kind', 'occurred_at', 'payload'])
      .where('store_id', '=', store.id)
      .where('kind', '=', 'custom')
      .execute();
    expect(events.map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown }))).toEqual([
      {
        customer_id: order.customerId,
        kind: 'custom',
        occurred_at: '2024-03-05T19:30:00.000Z',
        payload: { name: 'order.delivered', orderId: '820982911946154508', source: 'shopify' },
      },
    ]);
  });

  it('a fulfillment without its order id is refused with the field named', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Fulfilled', shopifySecret: SECRET });
    const body = fixture('fulfillments-update-delivered').replace('"order_id": 820982911946154508,', '');
    await expect(
      receiveShopifyWebhook(db, {
        storeId: store.id,
        topic: 'fulfillments/update',
        hmac: sign(body),
        rawBody: Buffer.from(body),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/order_id' } });
  });
});
