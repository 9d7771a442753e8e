import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { setWooCommerceSecret } from './woocommerce-secret.service.js';
import {
  copyOf,
  DOCUMENTED_CUSTOMER_25,
  DOCUMENTED_ORDER_723,
  DOCUMENTED_ORDER_727,
  elements,
} from './woocommerce-payloads.fixtures.js';

const SECRET = 'wc-webhook-secret';
const sign = (body: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

describe.each(dialects)('POST /webhooks/woocommerce/{storeId} on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  let delivery = 0;

  beforeAll(async () => {
    await setWooCommerceSecret(ctx().database.db, ctx().store.id, SECRET);
  });

  const deliver = (
    topic: string,
    payload: unknown,
    options: { deliveryId?: string; signature?: string | null; storeId?: string; body?: string } = {},
  ) => {
    const body = options.body ?? JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': topic.split('.')[0],
      'x-wc-webhook-event': topic.split('.')[1],
      'x-wc-webhook-source': 'https://shop.example/',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': options.deliveryId ?? `d-${++delivery}`,
    };
    if (options.signature !== null) headers['x-wc-webhook-signature'] = options.signature ?? sign(body);
    return ctx().app.inject({
      method: 'POST',
      url: `/webhooks/woocommerce/${options.storeId ?? ctx().store.id}`,
      headers,
      payload: body,
    });
  };

  const storedOrder = (externalId: string) =>
    ctx()
      .database.db.selectFrom('orders')
      .selectAll()
      .where('store_id', '=', ctx().store.id)
      .where('external_id', '=', externalId)
      .executeTakeFirst();

  it('answers the ping WooCommerce sends when a webhook is saved with 200, and 404 for a store without a secret', async () => {
    const ping = (storeId: string) =>
      ctx().app.inject({
        method: 'POST',
        url: `/webhooks/woocommerce/${storeId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/8.6.1 Hookshot' },
        payload: 'webhook_id=12',
      });
    const answer = await ping(ctx().store.id);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ outcome: 'ping' });
    const unconfigured = await ping(ctx().otherStore.id);
    expect(unconfigured.statusCode).toBe(404);
    expect(unconfigured.json().error.code).toBe('WEBHOOK_NOT_CONFIGURED');
  });

  it('refuses a missing, wrong or tampered signature with 401 and changes nothing', async () => {
    const body = JSON.stringify(DOCUMENTED_ORDER_727);
    const missing = await deliver('order.created', null, { body, signature: null });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('INVALID_SIGNATURE');
    const wrongKey = await deliver('order.created', null, { body, signature: sign(body, 'another secret') });
    expect(wrongKey.statusCode).toBe(401);
    const tampered = body.replace('"total":"29.35"', '"total":"2.35"');
    expect(tampered).not.toBe(body);
    const forged = await deliver('order.created', null, { body: tampered, signature: sign(body) });
    expect(forged.statusCode).toBe(401);
    expect(await storedOrder('727')).toBeUndefined();
  });

  it('stores the documented guest order keyed by its billing email, once however often it is delivered', async () => {
    const first = await deliver('order.created', DOCUMENTED_ORDER_727, { deliveryId: 'same-delivery' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'processed', topic: 'order.created', purchase: true });
    const again = await deliver('order.created', DOCUMENTED_ORDER_727, { deliveryId: 'same-delivery' });
    expect(again.json()).toMatchObject({ outcome: 'duplicate', orderId: null });
    const order = await storedOrder('727');
    expect(order).toMatchObject({
      total_minor: 2935,
      shipping_minor: 1000,
      status: 'paid',
      ordered_at: '2017-03-22T16:28:02-03:00',
      source_updated_at: '2017-03-22T19:28:08.000Z',
    });
    const customer = await ctx()
      .database.db.selectFrom('customers')
      .selectAll()
      .where('store_id', '=', ctx().store.id)
      .where('id', '=', order!.customer_id)
      .executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ external_id: 'email:john.doe@example.com', email: 'john.doe@example.com' });
    const lines = await ctx()
      .database.db.selectFrom('order_lines')
      .select(['sku', 'quantity', 'price_minor'])
      .where('store_id', '=', ctx().store.id)
      .where('order_id', '=', order!.id)
      .orderBy('line_no')
      .execute();
    expect(lines).toEqual([
      { sku: 'wc-product:93', quantity: 2, price_minor: 300 },
      { sku: 'Bar3', quantity: 1, price_minor: 1200 },
    ]);
  });

  it('never lets an older version overwrite a newer one, and voids the purchase on cancellation', async () => {
    const cancelled = {
      ...copyOf(DOCUMENTED_ORDER_727),
      status: 'cancelled',
      date_modified: '2017-03-23T10:00:00',
      date_modified_gmt: '2017-03-23T13:00:00',
    };
    const answer = await deliver('order.updated', cancelled);
    expect(answer.json()).toMatchObject({ outcome: 'processed', purchase: false });
    // The processing version (older), delivered again under a new delivery id, is stale.
    const late = await deliver('order.updated', DOCUMENTED_ORDER_727);
    expect(late.json()).toMatchObject({ outcome: 'stale' });
    expect(await storedOrder('727')).toMatchObject({
      status: 'cancelled',
      cancelled_at: '2017-03-23T10:00:00-03:00',
      source_updated_at: '2017-03-23T13:00:00.000Z',
    });
  });

  it('maps every status as a purchase or not', async () => {
    const purchases: Record<string, boolean> = {
      pending: false,
      'on-hold': false,
      processing: true,
      completed: true,
      failed: false,
      refunded: false,
      cancelled: false,
    };
    let minute = 0;
    for (const [status, purchase] of Object.entries(purchases)) {
      minute++;
      const order = {
        ...copyOf(DOCUMENTED_ORDER_723),
        id: 900,
        refunds: [],
        status,
        date_modified_gmt: `2017-04-01T10:${String(minute).padStart(2, '0')}:00`,
      };
      const answer = await deliver('order.updated', order);
      expect(answer.json(), status).toMatchObject({ outcome: 'processed', purchase });
    }
  });

  it('counts refunds listed with negative totals', async () => {
    const answer = await deliver('order.created', DOCUMENTED_ORDER_723);
    expect(answer.json()).toMatchObject({ outcome: 'processed', purchase: true });
    expect(await storedOrder('723')).toMatchObject({
      total_minor: 3900,
      refunded_minor: 1900,
      status: 'partially_refunded',
    });
    const customer = await ctx()
      .database.db.selectFrom('customers')
      .select('external_id')
      .where('store_id', '=', ctx().store.id)
      .where('external_id', '=', '26')
      .executeTakeFirst();
    expect(customer).toBeDefined();
  });

  it('removes the purchase on order.deleted and brings it back on order.restored', async () => {
    const order = { ...copyOf(DOCUMENTED_ORDER_723), id: 950, refunds: [] };
    await deliver('order.created', order);
    const deleted = await deliver('order.deleted', { id: 950 });
    expect(deleted.json()).toMatchObject({ outcome: 'processed', purchase: false });
    expect(await storedOrder('950')).toMatchObject({ status: 'cancelled' });
    // The copy of the order from before the deletion is older than the deletion.
    expect((await deliver('order.updated', order)).json()).toMatchObject({ outcome: 'stale' });
    const restored = {
      ...order,
      date_modified: new Date(Date.now() + 60_000).toISOString().slice(0, 19),
      date_modified_gmt: new Date(Date.now() + 60_000).toISOString().slice(0, 19),
    };
    expect((await deliver('order.restored', restored)).json()).toMatchObject({ outcome: 'processed', purchase: true });
    expect(await storedOrder('950')).toMatchObject({ status: 'paid', cancelled_at: null });
    const unknown = await deliver('order.deleted', { id: 123456 });
    expect(unknown.json()).toMatchObject({ outcome: 'ignored' });
  });

  it('stores customers from customer.created and customer.updated, versioned by date_modified_gmt', async () => {
    const guest = await deliver('order.created', { ...copyOf(DOCUMENTED_ORDER_727), id: 7270 });
    // Customer 25 has the guest's email: matching makes them one customer, whose profile came from
    // a newer order snapshot (order 727, changed 2017-03-23 above) than this payload (2017-03-21), so it stays.
    const created = await deliver('customer.created', DOCUMENTED_CUSTOMER_25);
    expect(created.json()).toMatchObject({ outcome: 'stale', topic: 'customer.created' });
    expect(created.json().customerId).toBe(guest.json().customerId);
    const renamed = {
      ...copyOf(DOCUMENTED_CUSTOMER_25),
      first_name: 'Johnny',
      date_modified_gmt: '2017-03-24T08:00:00',
    };
    const updated = await deliver('customer.updated', renamed);
    expect(updated.json()).toMatchObject({ outcome: 'processed', customerId: guest.json().customerId });
    expect((await deliver('customer.updated', DOCUMENTED_CUSTOMER_25)).json()).toMatchObject({ outcome: 'stale' });
    const customer = await ctx()
      .database.db.selectFrom('customers')
      .select(['first_name', 'email'])
      .where('store_id', '=', ctx().store.id)
      .where('id', '=', updated.json().customerId)
      .executeTakeFirstOrThrow();
    expect(customer).toEqual({ first_name: 'Johnny', email: 'john.doe@example.com' });
    const other = { ...copyOf(DOCUMENTED_CUSTOMER_25), id: 31, email: 'new.person@example.com' };
    expect((await deliver('customer.created', other)).json()).toMatchObject({ outcome: 'processed' });
  });

  it('refuses an unhandled topic and a bad field with the field path, changing nothing', async () => {
    const topic = await deliver('product.created', { id: 1 });
    expect(topic.statusCode).toBe(400);
    expect(topic.json().error.code).toBe('UNSUPPORTED_TOPIC');
    const bad = copyOf(DOCUMENTED_ORDER_727);
    bad.id = 4242;
    elements(bad, 'line_items')[0].total = '6,00';
    const answer = await deliver('order.created', bad);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/line_items/0/total' } });
    expect(await storedOrder('4242')).toBeUndefined();
  });
});
