import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { backfillShopify, type BackfillResult } from './backfill-shopify.service.js';
import { fakeCustomerId, fakeLineCount, fakeOrderId, fakeProductId } from './fake-shop-data.fixtures.js';
import { findAllProductHandles, findProductHandles } from '../products/index.js';
import { useFakeShopify } from './shopify-app.fixtures.js';
import { receiveShopifyWebhook } from './receive-shopify-webhook.service.js';
import { currentConsent, listConsent } from '../consent/consent.repository.js';
import { findCustomerByExternalId, upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { findOrderByExternalId } from '../orders/order.repository.js';
import { recordOrderBatch } from '../orders/record-order-batch.service.js';
import { recordImportedConsent } from '../consent/record-imported-consent.service.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';
import { RegularsError } from '../../platform/errors.js';
import { createHmac } from 'node:crypto';

const TOKEN = 'shpat_test_token';
const SHOP = 'backfill-beans.myshopify.com';
const CUSTOMERS = 30;
const ORDERS = 200;
/** Products 0..39 carry SKU-0..SKU-39, every SKU the orders use; every fifth has a variant without a SKU. */
const PRODUCTS = 40;

async function counts(db: Kysely<Database>, storeId: string) {
  const count = async (table: 'customers' | 'orders' | 'order_lines' | 'consent_records') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('store_id', '=', storeId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    customers: await count('customers'),
    orders: await count('orders'),
    lines: await count('order_lines'),
    consent: await count('consent_records'),
  };
}

const ORDER_LINES = Array.from({ length: ORDERS }, (_, i) => fakeLineCount(i)).reduce((a, b) => a + b, 0);
/** Every twentieth order is a guest's, each with its own email. */
const GUESTS = Math.floor((ORDERS + 1) / 20);

describe.each(dialects)('Shopify backfill through bulk operations (%s)', (dialect) => {
  const database = useTestDatabase(dialect);
  const shopify = useFakeShopify();
  const shop = () => shopify.fake().shop(SHOP);
  const adminUrl = () => shopify.fake().adminUrlOf(SHOP);
  beforeAll(() => {
    shopify.fake().install(SHOP, {
      accessToken: TOKEN,
      data: { customers: CUSTOMERS, orders: ORDERS, products: PRODUCTS, timeZone: 'America/New_York' },
    });
  });

  const run = (storeId: string, extra: Partial<Parameters<typeof backfillShopify>[1]> = {}) =>
    backfillShopify(database().db, {
      storeId,
      connection: { adminUrl: adminUrl(), accessToken: TOKEN },
      pollIntervalMs: 1,
      batchSize: 40,
      ...extra,
    });

  it('brings customers with their consent and timestamps, then orders with lines and refunds; a second run changes nothing', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Backfill shop' });
    const result = await run(store.id);
    expect(result.timeZone).toBe('America/New_York');
    expect(result.customers).toMatchObject({
      records: CUSTOMERS,
      lines: CUSTOMERS,
      created: CUSTOMERS,
      resumedAtLine: 0,
    });
    expect(result.orders).toMatchObject({ records: ORDERS, lines: ORDERS + ORDER_LINES, created: ORDERS, stale: 0 });
    expect(await counts(db, store.id)).toMatchObject({
      customers: CUSTOMERS + GUESTS,
      orders: ORDERS,
      lines: ORDER_LINES,
    });

    // Customer 0: subscribed (single opt-in) at consentUpdatedAt, and SMS too (a phone).
    const c0 = (await findCustomerByExternalId(db, store.id, fakeCustomerId(0)))!;
    expect(c0).toMatchObject({
      email: 'customer0@example.com',
      firstName: 'Ada0',
      lastName: 'Lovelace',
      tags: ['vip'],
    });
    const consent0 = await listConsent(db, store.id, c0.id);
    expect(consent0.map((c) => [c.channel, c.status, c.source, c.recordedAt, c.doubleOptInAt])).toEqual([
      ['email', 'granted', 'shopify', '2024-04-10T15:00:00.000Z', null],
      ['sms', 'granted', 'shopify', '2024-04-10T15:00:00.000Z', null],
    ]);
    // In effect now: what the flows check before they send marketing (no longer "no consent").
    expect((await currentConsent(db, store.id, c0.id)).map((c) => [c.channel, c.status])).toEqual([
      ['email', 'granted'],
      ['sms', 'granted'],
    ]);
    // Customer 1 unsubscribed, customer 2 never subscribed (dated by updatedAt: no consentUpdatedAt),
    // customer 3 confirmed opt-in.
    const statusOf = async (j: number) => {
      const c = (await findCustomerByExternalId(db, store.id, fakeCustomerId(j)))!;
      return (await listConsent(db, store.id, c.id)).map((r) => [r.status, r.recordedAt, r.doubleOptInAt]);
    };
    expect(await statusOf(1)).toEqual([['revoked', '2024-04-10T15:01:00.000Z', null]]);
    expect(await statusOf(2)).toEqual([['revoked', '2025-02-04T15:02:00.000Z', null]]);
    expect(await statusOf(3)).toEqual([['granted', '2024-04-10T15:03:00.000Z', '2024-04-10T15:03:00.000Z']]);

    // Order 9: refunded 5.00, partly; its day is New York's (the UTC time is 15:00+).
    const o9 = (await findOrderByExternalId(db, store.id, fakeOrderId(9)))!;
    const c9 = (await findCustomerByExternalId(db, store.id, fakeCustomerId(9)))!;
    expect(o9).toMatchObject({
      name: '#1010',
      status: 'partially_refunded',
      refundedMinor: 500,
      currency: 'USD',
      customerId: c9.id,
    });
    expect(o9.orderedAt).toMatch(/-05:00$/);
    const o49 = (await findOrderByExternalId(db, store.id, fakeOrderId(49)))!;
    expect(o49.status).toBe('cancelled');
    // A guest's order belongs to the customer its email keys, as a guest checkout's webhook does.
    const guest = (await findCustomerByExternalId(db, store.id, 'email:guest19@example.com'))!;
    expect((await findOrderByExternalId(db, store.id, fakeOrderId(19)))!.customerId).toBe(guest.id);

    const before = await counts(db, store.id);
    const again = await run(store.id);
    expect(again.customers).toMatchObject({ created: 0, updated: 0, unchanged: CUSTOMERS });
    expect(again.products).toMatchObject({ records: PRODUCTS, stale: 0 });
    expect(again.orders).toMatchObject({ created: 0, updated: 0, unchanged: ORDERS });
    expect(again.consent).toMatchObject({ granted: 0, revoked: 0 });
    expect(await counts(db, store.id)).toEqual(before);
  });

  it("brings every product with its handle, by its variants' SKUs, so history links by handle; a newer products/update wins", async () => {
    const { db } = database();
    const secret = 'whsec-products';
    const { store } = await createStore(db, { name: 'Products', shopifySecret: secret });
    const result = await run(store.id);
    expect(result.products).toMatchObject({
      records: PRODUCTS,
      lines: PRODUCTS + PRODUCTS + PRODUCTS / 5,
      updated: PRODUCTS,
      stale: 0,
      variantsWithoutSku: PRODUCTS / 5,
    });
    // Every SKU an order line of the history has now has its product page.
    const lineSkus = await db
      .selectFrom('order_lines')
      .select('sku')
      .distinct()
      .where('store_id', '=', store.id)
      .execute();
    expect(lineSkus.length).toBeGreaterThan(0);
    const handles = await findProductHandles(
      db,
      store.id,
      lineSkus.map((l) => l.sku!),
    );
    expect(handles.size).toBe(lineSkus.length);
    expect(handles.get('SKU-7')).toBe('coffee-7');
    const product7 = await db
      .selectFrom('products')
      .selectAll()
      .where('store_id', '=', store.id)
      .where('sku', '=', 'SKU-7')
      .executeTakeFirstOrThrow();
    expect(product7).toMatchObject({ title: 'Coffee 7', category: 'Ground', price_minor: 1350, currency: 'USD' });

    // A products/update newer than the backfill's version wins; the next backfill keeps it.
    const body = JSON.stringify({
      id: Number(fakeProductId(7)),
      title: 'Coffee 7 (new roast)',
      handle: 'coffee-7-new-roast',
      product_type: 'Ground',
      updated_at: '2026-01-01T10:00:00-05:00',
      variants: [{ id: 1, sku: 'SKU-7', title: 'Default Title', price: '14.00' }],
    });
    const answer = await receiveShopifyWebhook(db, {
      storeId: store.id,
      topic: 'products/update',
      hmac: createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      rawBody: Buffer.from(body),
    });
    expect(answer.outcome).toBe('processed');
    const again = await run(store.id);
    expect(again.products).toMatchObject({ updated: PRODUCTS - 1, stale: 1 });
    expect((await findAllProductHandles(db, store.id)).get('SKU-7')).toBe('coffee-7-new-roast');
  });

  it('agrees with webhooks: a refund the backfill counted is not added again by refunds/create', async () => {
    const { db } = database();
    const secret = 'whsec';
    const { store } = await createStore(db, { name: 'Webhook and backfill', shopifySecret: secret });
    await run(store.id);
    // The fake's refund of order 9 is gid://shopify/Refund/<the order's id>; Shopify's REST
    // refunds/create payload (shopify.dev, Webhooks reference, 2025-10) names it by the numeric id.
    const refundId = fakeOrderId(9);
    const body = `{"id":${refundId},"order_id":${fakeOrderId(9)},"created_at":"2024-01-03T10:30:00-05:00","transactions":[{"kind":"refund","status":"success","amount":"5.00","currency":"USD"}]}`;
    const answer = await receiveShopifyWebhook(db, {
      storeId: store.id,
      topic: 'refunds/create',
      hmac: createHmac('sha256', secret).update(body, 'utf8').digest('base64'),
      rawBody: Buffer.from(body),
    });
    expect(answer.outcome).toBe('duplicate');
    expect((await findOrderByExternalId(db, store.id, fakeOrderId(9)))!.refundedMinor).toBe(500);
  });

  it('makes a CSV-imported customer (keyed by email) the Shopify customer, and merges one into an existing Shopify customer', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Imported first' });
    // As `regulars import` of a Shopify export writes them: keyed by the lower-cased email.
    const imported = await recordOrderBatch(db, store.id, [
      {
        customer: { externalId: 'customer1@example.com', email: 'Customer1@Example.com' },
        order: csvOrder('1001-csv'),
      },
      {
        customer: { externalId: 'customer4@example.com', email: 'customer4@example.com' },
        order: csvOrder('1004-csv'),
      },
    ]);
    await recordImportedConsent(db, store.id, [
      { customerId: imported[0].customerId, status: 'granted', recordedAt: '2023-05-01T10:00:00Z' },
    ]);
    // Customer 4 reached Regulars by a webhook without its email (no protected customer data).
    const webhook4 = await upsertCustomerByExternalId(db, store.id, { externalId: fakeCustomerId(4) });

    const result: BackfillResult = await run(store.id);
    expect(result.matchedByEmail).toEqual({ rekeyed: 1, merged: 1, conflicts: [] });

    // Customer 1: the imported record, now keyed by Shopify's id; the email still finds it.
    const c1 = (await findCustomerByExternalId(db, store.id, fakeCustomerId(1)))!;
    expect(c1.id).toBe(imported[0].customerId);
    expect(c1.externalId).toBe(fakeCustomerId(1));
    expect((await findCustomerByExternalId(db, store.id, 'customer1@example.com'))!.id).toBe(c1.id);
    expect((await findOrderByExternalId(db, store.id, '1001-csv'))!.customerId).toBe(c1.id);
    // Its consent history: the import's grant, then Shopify's unsubscribe with its own time.
    expect((await listConsent(db, store.id, c1.id)).map((c) => [c.status, c.source, c.recordedAt])).toEqual([
      ['granted', 'import', '2023-05-01T10:00:00.000Z'],
      ['revoked', 'shopify', '2024-04-10T15:01:00.000Z'],
    ]);

    // Customer 4: the imported record merged into the webhook's; its order moved.
    const c4 = (await findCustomerByExternalId(db, store.id, fakeCustomerId(4)))!;
    expect(c4.id).toBe(webhook4.id);
    expect(c4.email).toBe('customer4@example.com');
    expect((await findOrderByExternalId(db, store.id, '1004-csv'))!.customerId).toBe(c4.id);
    expect((await findCustomerByExternalId(db, store.id, 'customer4@example.com'))!.id).toBe(c4.id);
    const merges = await db.selectFrom('customer_merges').selectAll().where('store_id', '=', store.id).execute();
    expect(merges.map((m) => [m.into_customer_id, m.from_customer_id, m.actor])).toEqual([
      [c4.id, imported[1].customerId, 'shopify-backfill'],
    ]);
    // One person each: no customer left with those emails besides.
    const withEmail = await db
      .selectFrom('customers')
      .select('id')
      .where('store_id', '=', store.id)
      .where('email_key', 'in', ['customer1@example.com', 'customer4@example.com'])
      .execute();
    expect(withEmail).toHaveLength(2);
    expect(await counts(db, store.id)).toMatchObject({ customers: CUSTOMERS + GUESTS, orders: ORDERS + 2 });
  });

  it('resumes a stopped run at its checkpoint on the same bulk operation, without duplicates', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Stopped midway' });
    let batches = 0;
    await expect(
      run(store.id, {
        onProgress: (p) => {
          if (p.phase === 'orders' && p.state === 'writing' && p.done > 0 && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const checkpoint = await db
      .selectFrom('shopify_backfills')
      .selectAll()
      .where('store_id', '=', store.id)
      .where('phase', '=', 'orders')
      .executeTakeFirstOrThrow();
    expect(checkpoint).toMatchObject({ status: 'running', records_done: 80 });
    expect((await counts(db, store.id)).orders).toBe(80);
    const started = shop().bulkOperations.length;

    const resumed = await run(store.id);
    expect(shop().bulkOperations.length).toBe(started); // the same operation, not a new one
    expect(resumed.customers.created).toBe(0);
    expect(resumed.orders).toMatchObject({
      resumedAtLine: checkpoint.lines_done,
      created: ORDERS - 80,
      records: ORDERS,
    });
    expect(await counts(db, store.id)).toMatchObject({ orders: ORDERS, lines: ORDER_LINES });
  });

  it('runs a phase anew when its checkpoint is older than the result is kept (7 days)', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Stopped long ago' });
    let batches = 0;
    await expect(
      run(store.id, {
        onProgress: (p) => {
          if (p.phase === 'orders' && p.state === 'writing' && p.done > 0 && ++batches === 1) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    await db
      .updateTable('shopify_backfills')
      .set({ started_at: '2020-01-01T00:00:00.000Z' })
      .where('store_id', '=', store.id)
      .where('phase', '=', 'orders')
      .execute();
    const started = shop().bulkOperations.length;
    const resumed = await run(store.id);
    expect(shop().bulkOperations.length).toBe(started + 1);
    expect(resumed.orders).toMatchObject({ resumedAtLine: 0, records: ORDERS, created: ORDERS - 40, unchanged: 40 });
    expect(await counts(db, store.id)).toMatchObject({ orders: ORDERS, lines: ORDER_LINES });
  });

  it('reports a failed bulk operation and a refused token with their codes', async () => {
    const { db } = database();
    const { store } = await createStore(db, { name: 'Failing' });
    shop().failNextBulkOperation = 'ACCESS_DENIED';
    const failed = await run(store.id).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RegularsError);
    expect(failed).toMatchObject({
      code: 'SHOPIFY_BULK_OPERATION_FAILED',
      details: { status: 'FAILED', errorCode: 'ACCESS_DENIED' },
    });
    const refused = await backfillShopify(db, {
      storeId: store.id,
      connection: { adminUrl: adminUrl(), accessToken: 'wrong' },
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'SHOPIFY_ADMIN_API_FAILED', details: { status: 401 } });
    // Run again after the failure: a new operation, and the whole history.
    const again = await run(store.id);
    expect(again.orders.records).toBe(ORDERS);
  });
});

function csvOrder(externalId: string) {
  return {
    externalId,
    orderedAt: '2023-05-01T10:00:00-04:00',
    orderDay: 19478,
    currency: 'USD',
    subtotalMinor: 1000,
    discountMinor: 0,
    shippingMinor: 0,
    totalMinor: 1000,
    refundedMinor: 0,
    status: 'paid' as const,
    cancelledAt: null,
    sourceUpdatedAt: null,
    lines: [{ sku: 'A', title: 'A', category: null, quantity: 1, priceMinor: 1000, totalMinor: 1000 }],
  };
}
