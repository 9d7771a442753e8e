import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from '../../analytics/ingest/lossless-json.js';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { sampleValue, scrapeMetrics } from '../../../test/support/prometheus-text.js';

const SECRET = 'test_secret_key';
const sign = (body: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

function orderFixture(): string {
  const dir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks');
  const name = readdirSync(dir).find((f) => /order.*create/i.test(f)) ?? readdirSync(dir).find((f) => /order/i.test(f));
  if (!name) throw new Error('no Shopify order fixture');
  return readFileSync(join(dir, name), 'utf8');
}

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

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const minutesAfter = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * 60_000).toISOString();

describe.each(dialects)('POST /webhooks/shopify/{storeId} on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  const deliver = (storeId: string, body: string, headers: Record<string, string>) =>
    ctx().app.inject({
      method: 'POST',
      url: `/webhooks/shopify/${storeId}`,
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', ...headers },
      payload: body,
    });

  it("verifies Shopify's test vector over the raw bytes", () => {
    expect(sign('{"foo": "bar"}')).toBe('B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=');
  });

  it('answers 401 INVALID_SIGNATURE to a missing or tampered signature and changes nothing', async () => {
    const { store, database } = ctx();
    const body = orderFixture();
    const missing = await deliver(store.id, body, { 'x-shopify-event-id': 'e-missing' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('INVALID_SIGNATURE');
    const tampered = body.replace(
      /"total_price":\s*"(\d)/,
      (_m, d: string) => `"total_price":"${(Number(d) + 1) % 10}`,
    );
    expect(tampered).not.toBe(body);
    const forged = await deliver(store.id, tampered, {
      'x-shopify-hmac-sha256': sign(body),
      'x-shopify-event-id': 'e-tampered',
    });
    expect(forged.statusCode).toBe(401);
    const orders = await database.db.selectFrom('orders').select('id').where('store_id', '=', store.id).execute();
    expect(orders).toEqual([]);
  });

  it('processes a signed order once, however often and concurrently it is delivered', async () => {
    const { store, database } = ctx();
    const body = orderFixture();
    const headers = {
      'x-shopify-hmac-sha256': sign(body),
      'x-shopify-event-id': 'e-race',
      'x-shopify-webhook-id': 'w-race',
    };
    const responses = await Promise.all(Array.from({ length: 50 }, () => deliver(store.id, body, headers)));
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    const outcomes = responses.map((r) => r.json().outcome as string);
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(1);
    const orders = await database.db
      .selectFrom('orders')
      .select(['id', 'external_id'])
      .where('store_id', '=', store.id)
      .execute();
    expect(orders).toHaveLength(1);
    expect(orders[0].external_id).toMatch(/^\d{16,}$/);
  });

  it('answers 404 WEBHOOK_NOT_CONFIGURED for a store without a secret, 400 UNSUPPORTED_TOPIC for other topics', async () => {
    const { store, otherStore } = ctx();
    const body = '{"foo": "bar"}';
    const unconfigured = await deliver(otherStore.id, body, { 'x-shopify-hmac-sha256': sign(body) });
    expect(unconfigured.statusCode).toBe(404);
    expect(unconfigured.json().error.code).toBe('WEBHOOK_NOT_CONFIGURED');
    const topic = await deliver(store.id, body, {
      'x-shopify-hmac-sha256': sign(body),
      'x-shopify-topic': 'carts/create',
    });
    expect(topic.statusCode).toBe(400);
    expect(topic.json().error.code).toBe('UNSUPPORTED_TOPIC');
  });

  let delivery = 0;
  /** A signed delivery with fresh event and webhook ids, as Shopify sends each new event. */
  const signed = (storeId: string, topic: string, body: string) => {
    delivery++;
    return deliver(storeId, body, {
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': sign(body),
      'x-shopify-event-id': `api-event-${delivery}`,
      'x-shopify-webhook-id': `api-webhook-${delivery}`,
    });
  };

  it('ends the order and its customer at the newest of 10 concurrent versions, in random order, every round', async () => {
    const { store, database } = ctx();
    for (let round = 0; round < 10; round++) {
      const orderId = `${9_100_000_000_000_000 + round}`;
      const customerId = `${9_200_000_000_000_000 + round}`;
      const version = (v: number) =>
        edited('orders-create.json', (o) => {
          const updatedAt = minutesAfter('2024-03-02T04:30:05Z', v);
          o.id = orderId;
          o.updated_at = updatedAt;
          o.email = `r${round}v${v}@example.com`;
          o.customer = {
            ...(o.customer as Record<string, unknown>),
            id: customerId,
            updated_at: updatedAt,
            email: `r${round}v${v}@example.com`,
            first_name: `Name${v}`,
          };
        });
      const responses = await Promise.all(
        shuffled(Array.from({ length: 10 }, (_, v) => v)).map((v) => signed(store.id, 'orders/updated', version(v))),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      expect(responses.map((r) => r.json().outcome as string).every((o) => o === 'processed' || o === 'stale')).toBe(
        true,
      );
      const order = await database.db
        .selectFrom('orders')
        .innerJoin('customers', (j) =>
          j.onRef('customers.store_id', '=', 'orders.store_id').onRef('customers.id', '=', 'orders.customer_id'),
        )
        .select(['orders.source_updated_at', 'customers.email', 'customers.first_name'])
        .where('orders.store_id', '=', store.id)
        .where('orders.external_id', '=', orderId)
        .executeTakeFirstOrThrow();
      expect(order).toEqual({
        source_updated_at: minutesAfter('2024-03-02T04:30:05Z', 9),
        email: `r${round}v9@example.com`,
        first_name: 'Name9',
      });
    }
  });

  it('answers a replayed older customers/update (new delivery ids, valid signature) stale, changing nothing', async () => {
    const { store, database } = ctx();
    const version = (v: number) =>
      edited('customers-update.json', (c) => {
        c.id = '9300000000000000001';
        c.updated_at = minutesAfter('2024-03-02T07:21:30Z', v);
        c.email = `replay.v${v}@example.com`;
      });
    const first = await signed(store.id, 'customers/update', version(1));
    expect(first.json()).toMatchObject({ outcome: 'processed' });
    expect((await signed(store.id, 'customers/update', version(2))).json()).toMatchObject({ outcome: 'processed' });
    const replay = await signed(store.id, 'customers/update', version(1));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({
      outcome: 'stale',
      topic: 'customers/update',
      customerId: first.json().customerId,
      orderId: null,
    });
    const stored = await database.db
      .selectFrom('customers')
      .select(['email', 'source_updated_at'])
      .where('store_id', '=', store.id)
      .where('external_id', '=', '9300000000000000001')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      email: 'replay.v2@example.com',
      source_updated_at: minutesAfter('2024-03-02T07:21:30Z', 2),
    });
  });

  it('caps refunds with separate ids that sum past the total, and answers a warning', async () => {
    const { store, database } = ctx();
    const orderId = '9400000000000000001';
    const created = await signed(
      store.id,
      'orders/create',
      edited('orders-create.json', (o) => {
        o.id = orderId;
      }),
    );
    expect(created.json().outcome).toBe('processed');
    const refund = (id: number, amount: string) =>
      edited('refunds-create.json', (r) => {
        r.id = id;
        r.order_id = orderId;
        (r.transactions as { amount: string }[])[0].amount = amount;
      });
    expect((await signed(store.id, 'refunds/create', refund(91, '150.00'))).json().warning).toBeUndefined();
    const past = await signed(store.id, 'refunds/create', refund(92, '150.00'));
    expect(past.statusCode).toBe(200);
    expect(past.json()).toMatchObject({ outcome: 'processed', warning: expect.stringMatching(/by 5200/) });
    const order = await database.db
      .selectFrom('orders')
      .select(['total_minor', 'refunded_minor', 'over_refunded_minor', 'status'])
      .where('store_id', '=', store.id)
      .where('external_id', '=', orderId)
      .executeTakeFirstOrThrow();
    expect(order).toEqual({
      total_minor: 24_800,
      refunded_minor: 24_800,
      over_refunded_minor: 5_200,
      status: 'refunded',
    });
  });

  it('counts each delivery in regulars_webhooks_total by topic and outcome', async () => {
    const { store } = ctx();
    const webhooks = async () => {
      const families = await scrapeMetrics();
      const value = (topic: string, outcome: string) =>
        sampleValue(families, 'regulars_webhooks_total', { topic, outcome });
      return {
        processed: value('orders/create', 'processed'),
        duplicate: value('orders/create', 'duplicate'),
        rejected: value('orders/create', 'rejected'),
        other: value('other', 'rejected'),
      };
    };
    const before = await webhooks();
    const body = edited('orders-create.json', (o) => void (o.id = '9300000000000001'));
    const headers = {
      'x-shopify-hmac-sha256': sign(body),
      'x-shopify-event-id': 'metrics-event-1',
      'x-shopify-webhook-id': 'metrics-webhook-1',
    };
    expect((await deliver(store.id, body, headers)).json().outcome).toBe('processed');
    expect((await deliver(store.id, body, headers)).json().outcome).toBe('duplicate');
    expect((await deliver(store.id, body, { 'x-shopify-hmac-sha256': 'forged' })).statusCode).toBe(401);
    const unknown = await deliver(store.id, '{}', {
      'x-shopify-topic': 'made/up-topic-7',
      'x-shopify-hmac-sha256': sign('{}'),
    });
    expect(unknown.statusCode).toBe(400);
    const after = await webhooks();
    expect({
      processed: after.processed - before.processed,
      duplicate: after.duplicate - before.duplicate,
      rejected: after.rejected - before.rejected,
      other: after.other - before.other,
    }).toEqual({ processed: 1, duplicate: 1, rejected: 1, other: 1 });
  });
});
