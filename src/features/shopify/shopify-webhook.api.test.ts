import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';

const SECRET = 'test_secret_key';
const sign = (body: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');

function orderFixture(): string {
  const dir = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks');
  const name = readdirSync(dir).find((f) => /order.*create/i.test(f)) ?? readdirSync(dir).find((f) => /order/i.test(f));
  if (!name) throw new Error('no Shopify order fixture');
  return readFileSync(join(dir, name), 'utf8');
}

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
      'x-shopify-topic': 'products/create',
    });
    expect(topic.statusCode).toBe(400);
    expect(topic.json().error.code).toBe('UNSUPPORTED_TOPIC');
  });
});
