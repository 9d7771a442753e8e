import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';

// Payloads: Shopify's documented webhook examples (test/fixtures/shopify-webhooks/SOURCES.md).
const SECRET = 'test_secret_key';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');

function fixture(name: string): string {
  return readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name),
    'utf8',
  );
}

/** A fixture changed by `edit`, its long ids written back as bare JSON numbers, as Shopify sends them. */
function edited(name: string, edit: (payload: Record<string, unknown>) => void): string {
  const payload = parseJsonLossless(fixture(name)) as Record<string, unknown>;
  edit(payload);
  return JSON.stringify(payload).replace(/"(\d{16,})"/g, '$1');
}

const RECOVERY_URL =
  'https://checkout.local/548380009/checkouts/bd5a8aa1ecd019dd3520ff791ee3a24c/recover?key=example-secret-token';

describe.each(dialects)('Shopify checkouts/* and products/* webhooks on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  let delivery = 0;
  /** A signed delivery; a fresh event id unless one is given (a redelivery reuses it). */
  const deliver = (topic: string, body: string, eventId?: string) => {
    delivery++;
    return ctx().app.inject({
      method: 'POST',
      url: `/webhooks/shopify/${ctx().store.id}`,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': sign(body),
        'x-shopify-event-id': eventId ?? `checkouts-${delivery}`,
      },
      payload: body,
    });
  };
  const cartEvents = () =>
    ctx()
      .database.db.selectFrom('customer_events')
      .selectAll()
      .where('store_id', '=', ctx().store.id)
      .where('kind', '=', 'checkout_started')
      .execute();

  it('makes a checkout with an email the customer’s cart, replaced by newer updates and never by a stale one', async () => {
    const { database, store } = ctx();
    const created = await deliver('checkouts/create', fixture('checkouts-create.json'), 'co-1');
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ outcome: 'processed', topic: 'checkouts/create' });
    expect(created.json().customerId).toMatch(/^cus_/);
    // The same event again (Shopify's retry) is a duplicate.
    expect((await deliver('checkouts/create', fixture('checkouts-create.json'), 'co-1')).json().outcome).toBe(
      'duplicate',
    );
    let events = await cartEvents();
    expect(events).toHaveLength(1);
    expect(events[0].occurred_at).toBe('2024-03-02T00:00:00.000Z');
    expect(JSON.parse(events[0].payload)).toMatchObject({
      cart_url: RECOVERY_URL,
      items: [{ sku: 'IPOD2008PINK', title: 'IPod Nano - 8GB', quantity: 1 }],
      completed_at: null,
    });

    const updated = await deliver('checkouts/update', fixture('checkouts-update.json'));
    expect(updated.json().outcome).toBe('processed');
    // The create again under a new event id (a replay, or a late delivery): older, so stale.
    const late = await deliver('checkouts/create', fixture('checkouts-create.json'));
    expect(late.json().outcome).toBe('stale');
    events = await cartEvents();
    expect(events).toHaveLength(1);
    expect(events[0].occurred_at).toBe('2024-03-02T00:20:00.000Z');
    expect(JSON.parse(events[0].payload).items.map((i: { sku: string }) => i.sku)).toEqual([
      'IPOD2008PINK',
      'CASE-SIL-BLK',
    ]);
    const row = await database.db
      .selectFrom('shopify_checkouts')
      .selectAll()
      .where('store_id', '=', store.id)
      .where('token', '=', 'bd5a8aa1ecd019dd3520ff791ee3a24c')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ checkout_id: '981820079255243537', total_minor: 22400, completed_at: null });
    expect(Number(row.total_minor)).toBe(22400);
  });

  it('stops the cart when the order that completes the checkout arrives, and stores the order’s name', async () => {
    const { database, store } = ctx();
    const order = await deliver('orders/create', fixture('orders-create.json'));
    expect(order.json().outcome).toBe('processed');
    const events = await cartEvents();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({
      completed_at: '2024-03-02T04:30:00.000Z',
      completed_order_id: '820982911946154508',
    });
    const stored = await database.db
      .selectFrom('orders')
      .select(['name', 'external_id'])
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: '#1001', external_id: '820982911946154508' });
    // A later checkouts/update (Shopify's, with completed_at) keeps it completed and says so.
    const closing = await deliver(
      'checkouts/update',
      edited('checkouts-update.json', (c) => {
        c.updated_at = '2024-03-01T23:31:00-05:00';
        c.completed_at = '2024-03-01T23:30:00-05:00';
      }),
    );
    expect(closing.json()).toMatchObject({ outcome: 'processed', reason: expect.stringContaining('completed') });
    expect(JSON.parse((await cartEvents())[0].payload).completed_order_id).toBe('820982911946154508');
  });

  it('records a checkout without an email or phone and sends it nothing', async () => {
    const { database, store } = ctx();
    const before = (await cartEvents()).length;
    const answer = await deliver('checkouts/create', fixture('checkouts-create-no-contact.json'));
    expect(answer.json()).toMatchObject({ outcome: 'processed', customerId: null });
    expect(answer.json().reason).toContain('no email or phone');
    expect(await cartEvents()).toHaveLength(before);
    const row = await database.db
      .selectFrom('shopify_checkouts')
      .select(['customer_id', 'recovery_url'])
      .where('store_id', '=', store.id)
      .where('token', '=', '5b4a6d8f9c0e1a2b3c4d5e6f7a8b9c0d')
      .executeTakeFirstOrThrow();
    expect(row.customer_id).toBeNull();
    expect(row.recovery_url).toContain('/recover?key=');
  });

  it('refuses a recovery link that is not http(s) or a checkout without a token, naming the field', async () => {
    const link = await deliver(
      'checkouts/create',
      edited('checkouts-create.json', (c) => {
        c.abandoned_checkout_url = 'javascript:alert(1)';
      }),
    );
    expect(link.statusCode).toBe(400);
    expect(link.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { path: '/abandoned_checkout_url' },
    });
    const token = await deliver(
      'checkouts/update',
      edited('checkouts-create.json', (c) => {
        delete c.token;
      }),
    );
    expect(token.statusCode).toBe(400);
    expect(token.json().error.details.path).toBe('/token');
  });

  it('stores each product variant’s handle by SKU; a stale products/update never brings an old handle back', async () => {
    const { database, store } = ctx();
    const created = await deliver('products/create', fixture('products-create.json'));
    expect(created.json()).toMatchObject({ outcome: 'processed', topic: 'products/create' });
    // The variant without a SKU is named, not silently dropped.
    expect(created.json().reason).toContain('/variants/2');
    const handles = () =>
      database.db
        .selectFrom('products')
        .select(['sku', 'handle', 'title', 'price_minor', 'currency'])
        .where('store_id', '=', store.id)
        .orderBy('sku')
        .execute();
    expect(await handles()).toEqual([
      { sku: 'IPOD2008PINK', handle: 'ipod-nano', title: 'IPod Nano - 8GB, Pink', price_minor: 19900, currency: 'USD' },
      { sku: 'IPOD2008RED', handle: 'ipod-nano', title: 'IPod Nano - 8GB, Red', price_minor: 19900, currency: 'USD' },
    ]);
    expect((await deliver('products/update', fixture('products-update.json'))).json().outcome).toBe('processed');
    expect((await deliver('products/create', fixture('products-create.json'))).json().outcome).toBe('stale');
    expect((await handles()).map((p) => p.handle)).toEqual(['ipod-nano-8gb', 'ipod-nano-8gb']);
    const bad = await deliver(
      'products/update',
      edited('products-update.json', (p) => {
        p.handle = 'Not A Handle/../x';
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.path).toBe('/handle');
  });
});
