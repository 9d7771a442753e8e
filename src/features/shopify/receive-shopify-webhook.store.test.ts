import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { receiveShopifyWebhook, type ReceiveShopifyWebhookResult } from './receive-shopify-webhook.service.js';
import { dayFromYmd } from '../../analytics/day.js';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { verifyShopifyHmac } from './verify-hmac.js';
import { listConsent } from '../consent/consent.repository.js';
import { findCustomer, findCustomerByExternalId } from '../customers/customer.repository.js';
import { findOrder, findOrderByExternalId } from '../orders/order.repository.js';
import { createStore } from '../../platform/stores/store.repository.js';
import type { Database } from '../../platform/database/database.table.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { dialects, useTestDatabase } from '../../../test/support/test-database.js';

const SECRET = 'test_secret_key';
/** Shopify's example ids, past 2^53: a JSON.parse would have rounded them. */
const ORDER_ID = '820982911946154508';
const CUSTOMER_ID = '115310627314723954';

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');

function fixture(name: string): string {
  return readFileSync(fixturePath('shopify-webhooks', `${name}.json`), 'utf8');
}

/**
 * A fixture changed by `edit`, written back with its long ids as bare JSON numbers, as Shopify
 * sends them (the lossless parser reads them as strings; every 16+ digit string here is an id).
 */
function edited(name: string, edit: (payload: Record<string, unknown>) => void): string {
  const payload = parseJsonLossless(fixture(name)) as Record<string, unknown>;
  edit(payload);
  return JSON.stringify(payload, null, 2).replace(/"(\d{16,})"/g, '$1');
}

interface Delivery {
  readonly topic?: string;
  readonly eventId?: string | null;
  readonly webhookId?: string | null;
  readonly hmac?: string | undefined;
}

async function newStore(db: Kysely<Database>, shopifySecret: string | null = SECRET): Promise<string> {
  const { store } = await createStore(db, { name: 'Webhook shop', shopifySecret });
  return store.id;
}

async function counts(db: Kysely<Database>, storeId: string) {
  const count = async (table: 'orders' | 'order_lines' | 'customers' | 'consent_records' | 'webhook_deliveries') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', '=', storeId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return {
    orders: await count('orders'),
    lines: await count('order_lines'),
    customers: await count('customers'),
    consent: await count('consent_records'),
    deliveries: await count('webhook_deliveries'),
  };
}

async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** Fisher-Yates: deliveries in a random order, different every round. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Version `v` of the fixture order: its updated_at (and its customer's) `v` minutes later, and the customer renamed. */
function orderVersion(v: number): string {
  const updatedAt = new Date(Date.parse('2024-03-02T04:30:05Z') + v * 60_000).toISOString();
  return edited('orders-create', (o) => {
    o.updated_at = updatedAt;
    o.email = `v${v}@example.com`;
    const customer = o.customer as Record<string, unknown>;
    customer.updated_at = updatedAt;
    customer.email = `v${v}@example.com`;
    customer.first_name = `Name${v}`;
  });
}

/** Version `v` of the fixture customers/update: updated_at `v` minutes later, email and name changed. */
function customerVersion(v: number): string {
  return edited('customers-update', (c) => {
    c.updated_at = new Date(Date.parse('2024-03-02T07:21:30Z') + v * 60_000).toISOString();
    c.email = `bob.v${v}@example.com`;
    c.first_name = `Bob${v}`;
  });
}

describe.each(dialects)('receiveShopifyWebhook on %s', (dialect) => {
  const database = useTestDatabase(dialect);

  let nextEvent = 0;
  /** Delivers a body as Shopify would: signed, with fresh event and webhook ids unless given. */
  const deliver = (
    storeId: string,
    topic: string,
    body: string,
    delivery: Omit<Delivery, 'topic'> = {},
  ): Promise<ReceiveShopifyWebhookResult> => {
    nextEvent++;
    return receiveShopifyWebhook(database().db, {
      storeId,
      topic,
      eventId: delivery.eventId === undefined ? `evt-${nextEvent}` : delivery.eventId,
      webhookId: delivery.webhookId === undefined ? `wh-${nextEvent}` : delivery.webhookId,
      hmac: 'hmac' in delivery ? delivery.hmac : sign(body),
      rawBody: Buffer.from(body, 'utf8'),
      receivedAt: '2024-03-09T12:00:00.000Z',
    });
  };

  describe('signature, store and topic', () => {
    it("verifies Shopify's test vector, then checks the topic", async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = '{"foo": "bar"}';
      expect(sign(body)).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=');
      expect(verifyShopifyHmac(Buffer.from(body), SECRET, 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=')).toBe(true);
      // The signature passes, so the next check (the topic) is the one that answers.
      expect(
        await rejection(
          deliver(storeId, 'carts/create', body, { hmac: 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=' }),
        ),
      ).toMatchObject({
        code: 'UNSUPPORTED_TOPIC',
        details: { topic: 'carts/create' },
      });
    });

    it('refuses a tampered body, a tampered, missing or foreign signature with INVALID_SIGNATURE, and writes nothing', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = fixture('orders-create');
      const tampered = body.replace('"total_price": "248.00"', '"total_price": "148.00"');
      expect(tampered).not.toBe(body);
      const signature = sign(body);
      const forgedHeader = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
      for (const attempt of [
        () => deliver(storeId, 'orders/create', tampered, { hmac: signature }),
        () => deliver(storeId, 'orders/create', body, { hmac: forgedHeader }),
        () => deliver(storeId, 'orders/create', body, { hmac: undefined }),
        () => deliver(storeId, 'orders/create', body, { hmac: sign(body, 'another_app_secret') }),
        // Verified before parsing: malformed JSON with a bad signature is a signature failure.
        () => deliver(storeId, 'orders/create', '{"id": ', { hmac: signature }),
        // And before the topic: an unsigned request learns nothing about topics.
        () => deliver(storeId, 'carts/create', body, { hmac: undefined }),
      ]) {
        expect(await rejection(attempt())).toMatchObject({ code: 'INVALID_SIGNATURE' });
      }
      expect(await counts(db, storeId)).toEqual({ orders: 0, lines: 0, customers: 0, consent: 0, deliveries: 0 });
    });

    it('answers WEBHOOK_NOT_CONFIGURED for a store without a Shopify secret, or no such store', async () => {
      const { db } = database();
      const storeId = await newStore(db, null);
      const body = fixture('orders-create');
      expect(await rejection(deliver(storeId, 'orders/create', body))).toMatchObject({
        code: 'WEBHOOK_NOT_CONFIGURED',
        details: { storeId },
      });
      expect(await rejection(deliver('sto_doesnotexist', 'orders/create', body))).toMatchObject({
        code: 'WEBHOOK_NOT_CONFIGURED',
      });
      expect(await counts(db, storeId)).toMatchObject({ orders: 0, deliveries: 0 });
    });

    it('answers UNSUPPORTED_TOPIC for topics it does not handle, and a missing topic', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = fixture('orders-create');
      for (const topic of ['carts/create', 'orders/paid', 'ORDERS/CREATE', '']) {
        expect(await rejection(deliver(storeId, topic, body))).toMatchObject({ code: 'UNSUPPORTED_TOPIC' });
      }
      expect(await counts(db, storeId)).toEqual({ orders: 0, lines: 0, customers: 0, consent: 0, deliveries: 0 });
    });
  });

  describe('orders', () => {
    it('stores orders/create: ids past 2^53 exact, money in minor units, the day as written, lines, customer and consent', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const result = await deliver(storeId, 'orders/create', fixture('orders-create'));
      expect(result).toMatchObject({
        outcome: 'processed',
        topic: 'orders/create',
        orderId: expect.stringMatching(/^ord_/),
        customerId: expect.stringMatching(/^cus_/),
      });

      const order = await findOrderByExternalId(db, storeId, ORDER_ID);
      expect(order).toMatchObject({
        id: result.orderId,
        externalId: ORDER_ID,
        customerId: result.customerId,
        orderedAt: '2024-03-01T23:30:00-05:00',
        // The store's March 1 (it is March 2 in UTC).
        orderDay: dayFromYmd(2024, 3, 1),
        currency: 'USD',
        subtotalMinor: 24_800,
        discountMinor: 1_000,
        shippingMinor: 1_000,
        totalMinor: 24_800,
        refundedMinor: 0,
        status: 'paid',
        cancelledAt: null,
        sourceUpdatedAt: '2024-03-02T04:30:05.000Z',
        lines: [
          {
            lineNo: 1,
            sku: 'IPOD2008PINK',
            title: 'IPod Nano - 8GB',
            category: null,
            quantity: 1,
            priceMinor: 19_900,
            totalMinor: 18_900,
          },
          {
            lineNo: 2,
            sku: 'CASE-SIL-BLK',
            title: 'Silicone Case',
            category: null,
            quantity: 2,
            priceMinor: 2_450,
            totalMinor: 4_900,
          },
        ],
      });

      const customer = await findCustomer(db, storeId, result.customerId!);
      expect(customer).toMatchObject({
        externalId: CUSTOMER_ID,
        email: 'john@example.com',
        firstName: 'John',
        lastName: 'Smith',
        phone: '+16135551111',
      });
      expect(await listConsent(db, storeId, result.customerId!)).toEqual([
        expect.objectContaining({
          channel: 'email',
          purpose: 'marketing',
          status: 'granted',
          source: 'shopify',
          recordedAt: '2024-02-10T15:05:00.000Z',
          doubleOptInAt: '2024-02-10T15:05:00.000Z',
        }),
        // not_subscribed, without its own time: dated by the customer's updated_at.
        expect.objectContaining({ channel: 'sms', status: 'revoked', recordedAt: '2024-03-02T04:30:05.000Z' }),
      ]);
      const deliveries = await db
        .selectFrom('webhook_deliveries')
        .select(['delivery_id', 'topic'])
        .where('store_id', '=', storeId)
        .orderBy('delivery_id')
        .execute();
      expect(deliveries).toEqual([
        { delivery_id: `event:orders/create:evt-${nextEvent}`, topic: 'orders/create' },
        { delivery_id: `webhook:wh-${nextEvent}`, topic: 'orders/create' },
      ]);
    });

    it('has no second effect for the same event id or the same webhook id', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = fixture('orders-create');
      const first = await deliver(storeId, 'orders/create', body, { eventId: 'e-1', webhookId: 'w-1' });
      const after = await counts(db, storeId);
      expect(await deliver(storeId, 'orders/create', body, { eventId: 'e-1', webhookId: 'w-1' })).toEqual({
        outcome: 'duplicate',
        topic: 'orders/create',
        customerId: null,
        orderId: null,
      });
      expect(await deliver(storeId, 'orders/create', body, { eventId: 'e-1', webhookId: null })).toMatchObject({
        outcome: 'duplicate',
      });
      expect(await deliver(storeId, 'orders/create', body, { eventId: null, webhookId: 'w-1' })).toMatchObject({
        outcome: 'duplicate',
      });
      expect(await counts(db, storeId)).toEqual(after);
      expect(after).toMatchObject({ orders: 1, lines: 2, customers: 1, consent: 2 });
      // The same payload as a new event (a genuine re-send) rewrites the order to the same state.
      expect(await deliver(storeId, 'orders/create', body, { eventId: 'e-2', webhookId: 'w-2' })).toMatchObject({
        outcome: 'processed',
        orderId: first.orderId,
      });
      expect(await counts(db, storeId)).toEqual({ ...after, deliveries: after.deliveries + 2 });
    });

    it('turns 50 concurrent deliveries of one webhook into one order with one set of lines', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = fixture('orders-create');
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          deliver(storeId, 'orders/create', body, { eventId: 'e-race', webhookId: 'w-race' }),
        ),
      );
      expect(results.filter((r) => r.outcome === 'processed')).toHaveLength(1);
      expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(49);
      expect(await counts(db, storeId)).toEqual({ orders: 1, lines: 2, customers: 1, consent: 2, deliveries: 2 });
    });

    it('turns 50 concurrent distinct deliveries of one order into one order, one set of lines, one consent history', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const body = fixture('orders-create');
      const results = await Promise.all(Array.from({ length: 50 }, () => deliver(storeId, 'orders/create', body)));
      expect(results.map((r) => r.outcome)).toEqual(Array(50).fill('processed'));
      expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
      expect(await counts(db, storeId)).toEqual({ orders: 1, lines: 2, customers: 1, consent: 2, deliveries: 100 });
    });

    it('converges to the latest updated_at whatever order the versions arrive in', async () => {
      const { db } = database();
      const late = await newStore(db);
      const cancelled = await deliver(late, 'orders/cancelled', fixture('orders-cancelled'));
      expect(cancelled.outcome).toBe('processed');
      const before = await counts(db, late);
      const refunded = await deliver(late, 'orders/updated', fixture('orders-updated-partial-refund'));
      expect(refunded).toMatchObject({
        outcome: 'stale',
        orderId: cancelled.orderId,
        customerId: cancelled.customerId,
      });
      expect((await deliver(late, 'orders/create', fixture('orders-create'))).outcome).toBe('stale');
      // Stale deliveries change nothing, not even the customer or consent they carry.
      expect(await counts(db, late)).toEqual(before);

      const inOrder = await newStore(db);
      const outcomes = [];
      for (const [topic, name] of [
        ['orders/create', 'orders-create'],
        ['orders/updated', 'orders-updated-partial-refund'],
        ['orders/cancelled', 'orders-cancelled'],
      ] as const) {
        outcomes.push((await deliver(inOrder, topic, fixture(name))).outcome);
      }
      expect(outcomes).toEqual(['processed', 'processed', 'processed']);

      const a = await findOrderByExternalId(db, late, ORDER_ID);
      const b = await findOrderByExternalId(db, inOrder, ORDER_ID);
      const comparable = (o: typeof a) => ({ ...o, id: '', storeId: '', customerId: '', createdAt: '', updatedAt: '' });
      expect(comparable(a)).toEqual(comparable(b));
      expect(a).toMatchObject({
        status: 'cancelled',
        cancelledAt: '2024-03-05T12:00:00-05:00',
        refundedMinor: 24_800,
        sourceUpdatedAt: '2024-03-05T17:00:01.000Z',
      });
    });

    it('ends the order AND its customer at the newest of 10 concurrent versions, in random order, every round', async () => {
      const { db } = database();
      for (let round = 0; round < 10; round++) {
        const storeId = await newStore(db);
        const results = await Promise.all(
          shuffled(Array.from({ length: 10 }, (_, v) => v)).map((v) =>
            deliver(storeId, round % 2 === 0 ? 'orders/updated' : 'orders/create', orderVersion(v)),
          ),
        );
        expect(results.every((r) => r.outcome === 'processed' || r.outcome === 'stale')).toBe(true);
        const order = await findOrderByExternalId(db, storeId, ORDER_ID);
        expect(order?.sourceUpdatedAt).toBe('2024-03-02T04:39:05.000Z');
        expect(await findCustomer(db, storeId, order!.customerId)).toMatchObject({
          externalId: CUSTOMER_ID,
          email: 'v9@example.com',
          firstName: 'Name9',
        });
        expect((await counts(db, storeId)).orders).toBe(1);
      }
    });

    it('leaves the customer alone when a newer order carries an older snapshot of them', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      await deliver(storeId, 'orders/create', orderVersion(5));
      const older = edited('orders-create', (o) => {
        o.updated_at = '2024-03-02T05:00:00Z';
        const customer = o.customer as Record<string, unknown>;
        customer.updated_at = '2024-03-02T04:31:05Z';
        customer.email = 'old@example.com';
        customer.first_name = 'Old';
      });
      const result = await deliver(storeId, 'orders/updated', older);
      expect(result.outcome).toBe('processed');
      expect((await findOrderByExternalId(db, storeId, ORDER_ID))?.sourceUpdatedAt).toBe('2024-03-02T05:00:00.000Z');
      expect(await findCustomer(db, storeId, result.customerId!)).toMatchObject({
        email: 'v5@example.com',
        firstName: 'Name5',
      });
    });

    it('cancels on orders/cancelled, with the refunds it lists', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      await deliver(storeId, 'orders/create', fixture('orders-create'));
      const result = await deliver(storeId, 'orders/cancelled', fixture('orders-cancelled'));
      expect(result.outcome).toBe('processed');
      expect(await findOrder(db, storeId, result.orderId!)).toMatchObject({
        status: 'cancelled',
        cancelledAt: '2024-03-05T12:00:00-05:00',
        refundedMinor: 24_800,
        totalMinor: 24_800,
      });
      // An orders/cancelled payload without cancelled_at still cancels.
      const other = await newStore(db);
      const bare = edited('orders-cancelled', (o) => {
        o.cancelled_at = null;
        o.financial_status = 'paid';
      });
      const { orderId } = await deliver(other, 'orders/cancelled', bare);
      expect(await findOrder(db, other, orderId!)).toMatchObject({
        status: 'cancelled',
        cancelledAt: '2024-03-05T12:00:01-05:00',
      });
    });

    it('keys a guest checkout by its email, in yen, on the day of its own offset', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const result = await deliver(storeId, 'orders/create', fixture('orders-guest-checkout'));
      expect(result.outcome).toBe('processed');
      const customer = await findCustomer(db, storeId, result.customerId!);
      expect(customer).toMatchObject({ externalId: 'email:guest.buyer@example.com', email: 'Guest.Buyer@Example.com' });
      expect(await findOrder(db, storeId, result.orderId!)).toMatchObject({
        externalId: '5841122967772',
        currency: 'JPY',
        // 2024-04-01 in Tokyo, still March 31 in UTC.
        orderDay: dayFromYmd(2024, 4, 1),
        subtotalMinor: 3_600,
        shippingMinor: 1_000,
        totalMinor: 4_600,
        status: 'pending',
        lines: [expect.objectContaining({ sku: 'TEA-SENCHA-100', quantity: 3, priceMinor: 1_200, totalMinor: 3_600 })],
      });
      expect(await listConsent(db, storeId, result.customerId!)).toEqual([
        expect.objectContaining({
          channel: 'email',
          status: 'granted',
          source: 'checkout',
          ip: '203.0.113.7',
          recordedAt: '2024-03-31T15:30:00.000Z',
        }),
      ]);
      // The same guest again, typed in other case: the same customer.
      const again = edited('orders-guest-checkout', (o) => {
        o.id = 5841122967999;
        o.email = 'GUEST.BUYER@example.com';
        o.contact_email = 'GUEST.BUYER@example.com';
      });
      expect((await deliver(storeId, 'orders/create', again)).customerId).toBe(result.customerId);
      expect(await counts(db, storeId)).toMatchObject({ orders: 2, customers: 1, consent: 1 });
    });

    it('keeps a point-of-sale order without an email: by phone, else as a guest order', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const noEmail = (o: Record<string, unknown>) => {
        o.email = null;
        o.contact_email = null;
        o.phone = null;
        o.billing_address = null;
        o.shipping_address = null;
      };
      const guest = await deliver(storeId, 'orders/create', edited('orders-guest-checkout', noEmail));
      expect(guest.outcome).toBe('processed');
      expect(await findCustomer(db, storeId, guest.customerId!)).toMatchObject({
        externalId: 'guest:5841122967772',
        email: null,
        phone: null,
      });
      // No address, so no consent to record: buyer_accepts_marketing has no one to reach.
      expect(await listConsent(db, storeId, guest.customerId!)).toEqual([]);
      const phoned = edited('orders-guest-checkout', (o) => {
        noEmail(o);
        o.id = 5841122967998;
        o.phone = '+81 90-1234-5678';
      });
      const byPhone = await deliver(storeId, 'orders/create', phoned);
      expect(await findCustomer(db, storeId, byPhone.customerId!)).toMatchObject({
        externalId: 'phone:+819012345678',
        phone: '+81 90-1234-5678',
      });
    });

    it('links an order to the customer that customers/create stored', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const created = await deliver(
        storeId,
        'customers/create',
        edited('customers-create', (c) => (c.id = CUSTOMER_ID)),
      );
      const order = await deliver(storeId, 'orders/create', fixture('orders-create'));
      expect(order.customerId).toBe(created.customerId);
      expect(await counts(db, storeId)).toMatchObject({ customers: 1 });
    });
  });

  describe('refunds', () => {
    it('adds a refund once: redelivered, or also listed by the orders/updated that follows it', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/create', fixture('orders-create'));
      const refund = fixture('refunds-create');
      expect(await deliver(storeId, 'refunds/create', refund, { eventId: 'r-1' })).toMatchObject({
        outcome: 'processed',
        orderId,
      });
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 4_900,
        status: 'partially_refunded',
        // The refund's own time is the order's version now.
        sourceUpdatedAt: '2024-03-04T14:15:00.000Z',
      });
      // The same delivery again, and the same refund in a new delivery: counted once.
      expect((await deliver(storeId, 'refunds/create', refund, { eventId: 'r-1' })).outcome).toBe('duplicate');
      expect(await deliver(storeId, 'refunds/create', refund, { eventId: 'r-2' })).toMatchObject({
        outcome: 'duplicate',
        orderId,
      });
      // The orders/updated Shopify sends for the refund sets the same sum.
      expect((await deliver(storeId, 'orders/updated', fixture('orders-updated-partial-refund'))).outcome).toBe(
        'processed',
      );
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 4_900,
        status: 'partially_refunded',
        sourceUpdatedAt: '2024-03-04T14:15:02.000Z',
      });

      // A second refund adds to the first; a delayed older orders/create cannot undo either.
      const second = edited('refunds-create', (r) => {
        r.id = 1035790950474;
        r.created_at = '2024-03-04T18:00:00-05:00';
        (r.transactions as { amount: string }[])[0].amount = '20.00';
      });
      expect((await deliver(storeId, 'refunds/create', second)).outcome).toBe('processed');
      expect((await deliver(storeId, 'orders/create', fixture('orders-create'))).outcome).toBe('stale');
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 6_900,
        status: 'partially_refunded',
      });
    });

    it('caps refunds with separate ids that sum past the total, and flags the excess', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/create', fixture('orders-create'));
      const refund = (id: number, amount: string, at: string) =>
        edited('refunds-create', (r) => {
          r.id = id;
          r.created_at = at;
          (r.transactions as { amount: string }[])[0].amount = amount;
        });
      const first = await deliver(storeId, 'refunds/create', refund(1, '200.00', '2024-03-04T09:15:00-05:00'));
      expect(first.outcome).toBe('processed');
      expect(first.warning).toBeUndefined();
      const second = await deliver(storeId, 'refunds/create', refund(2, '100.00', '2024-03-04T10:15:00-05:00'));
      expect(second).toMatchObject({ outcome: 'processed', orderId });
      expect(second.warning).toMatch(/exceed its total of 24800 minor units by 5200/);
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        totalMinor: 24_800,
        refundedMinor: 24_800,
        overRefundedMinor: 5_200,
        status: 'refunded',
      });

      // An order payload listing both refunds agrees: capped, the excess kept, and said.
      const listed = edited('orders-updated-partial-refund', (o) => {
        o.updated_at = '2024-03-05T00:00:00Z';
        const refunds = o.refunds as { id: unknown; transactions: { amount: string }[] }[];
        refunds.splice(1);
        refunds[0].id = 1;
        refunds[0].transactions[0].amount = '200.00';
        refunds.push({ ...refunds[0], id: 2, transactions: [{ ...refunds[0].transactions[0], amount: '100.00' }] });
      });
      const updated = await deliver(storeId, 'orders/updated', listed);
      expect(updated.outcome).toBe('processed');
      expect(updated.warning).toMatch(/by 5200/);
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({ refundedMinor: 24_800, overRefundedMinor: 5_200 });
    });

    it('does not count a refund again when orders/updated listed it first', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/updated', fixture('orders-updated-partial-refund'));
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 4_900,
        status: 'partially_refunded',
      });
      expect((await deliver(storeId, 'refunds/create', fixture('refunds-create'))).outcome).toBe('duplicate');
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({ refundedMinor: 4_900 });
    });

    it('ignores a refund for an order not stored yet; the order payload that lists it counts it', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const early = await deliver(storeId, 'refunds/create', fixture('refunds-create'));
      expect(early).toMatchObject({ outcome: 'ignored', orderId: null, reason: expect.stringContaining(ORDER_ID) });
      expect(await counts(db, storeId)).toMatchObject({ orders: 0, customers: 0 });
      const { orderId } = await deliver(storeId, 'orders/updated', fixture('orders-updated-partial-refund'));
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({ refundedMinor: 4_900 });
      expect((await deliver(storeId, 'refunds/create', fixture('refunds-create'))).outcome).toBe('duplicate');
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({ refundedMinor: 4_900 });
    });

    it('ignores a refund in a currency other than the order’s, leaving it to the order payload', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/create', fixture('orders-create'));
      const euros = edited('refunds-create', (r) => ((r.transactions as { currency: string }[])[0].currency = 'EUR'));
      expect(await deliver(storeId, 'refunds/create', euros)).toMatchObject({
        outcome: 'ignored',
        orderId,
        reason: expect.stringContaining('currency'),
      });
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({ refundedMinor: 0, status: 'paid' });
    });

    it('applies concurrent refunds of one order without losing either', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/create', fixture('orders-create'));
      const refunds = Array.from({ length: 10 }, (_, i) =>
        edited('refunds-create', (r) => {
          r.id = 2000 + i;
          (r.transactions as { amount: string }[])[0].amount = '1.00';
        }),
      );
      // Each refund twice, all at once.
      const results = await Promise.all(
        [...refunds, ...refunds].map((body) => deliver(storeId, 'refunds/create', body)),
      );
      expect(results.filter((r) => r.outcome === 'processed')).toHaveLength(10);
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 1_000,
        status: 'partially_refunded',
      });
    });

    it('reaches the same state, without deadlocks, when an order, its refunds and its customer arrive all at once', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const { orderId } = await deliver(storeId, 'orders/create', fixture('orders-create'));
      const secondRefund = edited('refunds-create', (r) => {
        r.id = 1035790950474;
        r.created_at = '2024-03-04T18:00:00-05:00';
        (r.transactions as { amount: string }[])[0].amount = '20.00';
      });
      const customerUpdate = edited('customers-update', (c) => (c.id = CUSTOMER_ID));
      const mix: [string, string][] = [
        ['orders/updated', fixture('orders-updated-partial-refund')],
        ['refunds/create', fixture('refunds-create')],
        ['refunds/create', secondRefund],
        ['customers/update', customerUpdate],
        ['orders/create', fixture('orders-create')],
      ];
      const deliveries = Array.from({ length: 6 }, () => mix).flat();
      const results = await Promise.all(deliveries.map(([topic, body]) => deliver(storeId, topic, body)));
      expect(results.every((r) => ['processed', 'duplicate', 'stale'].includes(r.outcome))).toBe(true);
      // Whatever the interleaving: both refunds counted once each.
      expect(await findOrder(db, storeId, orderId!)).toMatchObject({
        refundedMinor: 6_900,
        status: 'partially_refunded',
      });
      expect(await counts(db, storeId)).toMatchObject({ orders: 1, lines: 2, customers: 1 });
    });
  });

  describe('customers', () => {
    it('stores customers/create then customers/update, with the consent history in Shopify’s times', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const created = await deliver(storeId, 'customers/create', fixture('customers-create'));
      expect(created).toMatchObject({
        outcome: 'processed',
        orderId: null,
        customerId: expect.stringMatching(/^cus_/),
      });
      expect(await findCustomer(db, storeId, created.customerId!)).toMatchObject({
        externalId: '706405506930370084',
        email: 'bob@biller.com',
        firstName: 'Bob',
        lastName: 'Biller',
        phone: null,
        tags: [],
      });

      const update = fixture('customers-update');
      const updated = await deliver(storeId, 'customers/update', update);
      expect(updated.customerId).toBe(created.customerId);
      expect(await findCustomerByExternalId(db, storeId, '706405506930370084')).toMatchObject({
        email: 'bob.biller@example.com',
        lastName: 'Biller-Smith',
        phone: '+4930123456',
        tags: ['newsletter', 'vip'],
      });
      // A redelivery as a new event appends nothing.
      await deliver(storeId, 'customers/update', update);
      // Then the customer unsubscribes from email.
      await deliver(
        storeId,
        'customers/update',
        edited('customers-update', (c) => {
          c.updated_at = '2024-03-08T10:00:00+01:00';
          c.email_marketing_consent = {
            state: 'unsubscribed',
            opt_in_level: 'confirmed_opt_in',
            consent_updated_at: '2024-03-08T09:59:00+01:00',
          };
        }),
      );
      const history = await listConsent(db, storeId, created.customerId!);
      expect(history.map((r) => [r.channel, r.status, r.recordedAt, r.doubleOptInAt])).toEqual([
        ['email', 'pending', '2024-03-02T07:00:00.000Z', null],
        ['email', 'granted', '2024-03-02T07:20:00.000Z', '2024-03-02T07:20:00.000Z'],
        ['sms', 'granted', '2024-03-02T07:21:00.000Z', null],
        ['email', 'revoked', '2024-03-08T08:59:00.000Z', null],
      ]);
    });

    it('refuses a replayed older customers/update (new delivery ids, valid signature): stale, nothing changes', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const first = await deliver(storeId, 'customers/update', customerVersion(1));
      expect(first.outcome).toBe('processed');
      expect((await deliver(storeId, 'customers/update', customerVersion(2))).outcome).toBe('processed');
      const before = await counts(db, storeId);
      const history = await listConsent(db, storeId, first.customerId!);

      const replay = await deliver(storeId, 'customers/update', customerVersion(1), {
        eventId: 'replayed-event',
        webhookId: 'replayed-webhook',
      });
      expect(replay).toEqual({
        outcome: 'stale',
        topic: 'customers/update',
        customerId: first.customerId,
        orderId: null,
      });
      expect(await findCustomer(db, storeId, first.customerId!)).toMatchObject({
        email: 'bob.v2@example.com',
        firstName: 'Bob2',
      });
      expect(await counts(db, storeId)).toEqual(before);
      expect(await listConsent(db, storeId, first.customerId!)).toEqual(history);
      // The same version again is not older: it applies (and changes nothing new).
      expect((await deliver(storeId, 'customers/update', customerVersion(2))).outcome).toBe('processed');
    });

    it('ends a customer at the newest of 10 concurrent customers/update versions, in random order', async () => {
      const { db } = database();
      for (let round = 0; round < 5; round++) {
        const storeId = await newStore(db);
        const results = await Promise.all(
          shuffled(Array.from({ length: 10 }, (_, v) => v)).map((v) =>
            deliver(storeId, 'customers/update', customerVersion(v)),
          ),
        );
        expect(results.every((r) => r.outcome === 'processed' || r.outcome === 'stale')).toBe(true);
        expect(await findCustomerByExternalId(db, storeId, '706405506930370084')).toMatchObject({
          email: 'bob.v9@example.com',
          firstName: 'Bob9',
        });
      }
    });

    it('keeps the consent history right when an older update arrives late', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const unsubscribed = edited('customers-update', (c) => {
        c.email_marketing_consent = {
          state: 'unsubscribed',
          opt_in_level: null,
          consent_updated_at: '2024-03-08T09:59:00+01:00',
        };
      });
      const { customerId } = await deliver(storeId, 'customers/update', unsubscribed);
      await deliver(storeId, 'customers/update', fixture('customers-update'));
      const history = await listConsent(db, storeId, customerId!);
      expect(history.filter((r) => r.channel === 'email').map((r) => [r.status, r.recordedAt])).toEqual([
        ['granted', '2024-03-02T07:20:00.000Z'],
        ['revoked', '2024-03-08T08:59:00.000Z'],
      ]);
    });
  });

  describe('bad payloads', () => {
    it.each([
      [
        'orders/create',
        () => fixture('orders-create').replace('"price": "199.00"', '"price": "199,00"'),
        '/line_items/0/price',
      ],
      ['orders/create', () => edited('orders-create', (o) => (o.updated_at = '2024-03-01 23:30:05')), '/updated_at'],
      ['orders/create', () => edited('orders-create', (o) => (o.currency = 'dollars')), '/currency'],
      [
        'orders/create',
        () => edited('orders-create', (o) => ((o.line_items as { quantity: unknown }[])[1].quantity = '2')),
        '/line_items/1/quantity',
      ],
      [
        'orders/create',
        () => fixture('orders-create').replace(`"id": ${ORDER_ID}`, '"id": 8.20982911946154508e17'),
        '/id',
      ],
      ['refunds/create', () => edited('refunds-create', (r) => delete r.order_id), '/order_id'],
      ['customers/update', () => edited('customers-update', (c) => (c.tags = 7)), '/tags'],
    ])('rejects a bad %s with VALIDATION_FAILED at its path, writing nothing', async (topic, body, path) => {
      const { db } = database();
      const storeId = await newStore(db);
      const error = await rejection(deliver(storeId, topic, body(), { eventId: 'e-bad' }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path } });
      expect(error.message).toContain(path);
      expect(await counts(db, storeId)).toEqual({ orders: 0, lines: 0, customers: 0, consent: 0, deliveries: 0 });
    });

    it('rejects malformed JSON saying where, and processes the corrected retry of the same event', async () => {
      const { db } = database();
      const storeId = await newStore(db);
      const good = fixture('orders-create');
      const broken = good.replace('"currency": "USD",', '"currency": "USD"');
      const error = await rejection(
        deliver(storeId, 'orders/create', broken, { eventId: 'e-fix', webhookId: 'w-fix' }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { line: expect.any(Number), column: expect.any(Number) },
      });
      expect(error.message).toMatch(/malformed JSON at line \d+, column \d+/);
      expect(await counts(db, storeId)).toMatchObject({ deliveries: 0 });
      expect((await deliver(storeId, 'orders/create', good, { eventId: 'e-fix', webhookId: 'w-fix' })).outcome).toBe(
        'processed',
      );
    });
  });
});
