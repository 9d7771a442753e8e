import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import type { Database } from '../../platform/database/database.table.js';
import { ORDER_REWARD_HANDLERS, syncRewards } from '../rewards/index.js';
import { pushShopDiscounts } from '../shop-discounts/index.js';
import { FAKE_KEY, FAKE_SECRET, type FakeWooCommerce, startFakeWooCommerce } from './fake-woocommerce.fixtures.js';
import { copyOf, DOCUMENTED_ORDER_727 } from './woocommerce-payloads.fixtures.js';
import { connectWooCommerce, storedWooCommerceApi } from './woocommerce-connection.service.js';
import { WOOCOMMERCE_API_SETTING } from './woocommerce-connection.repository.js';
import { wooCommerceDiscountTarget } from './woocommerce-discount-target.service.js';
import { setWooCommerceSecret } from './woocommerce-secret.service.js';

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);
const WEBHOOK_SECRET = 'wc-webhook-secret';

describe.each(dialects)("Regulars' coupons created in a WooCommerce shop on %s", (dialect) => {
  const ctx = useTestApp(dialect);
  let shop: FakeWooCommerce;
  let keys = { secretKey: KEY as Buffer | null, previousSecretKey: null as Buffer | null };
  const db = (): Kysely<Database> => ctx().database.db;
  const push = (storeId: string, now = new Date().toISOString()) =>
    pushShopDiscounts(db(), storeId, now, [wooCommerceDiscountTarget(() => keys, { allowHttpLoopback: true })]);
  const pushRow = (storeId: string, code: string) =>
    db()
      .selectFrom('shop_discount_pushes')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const createCoupon = async (payload: object) => {
    const made = await ctx().app.inject({ method: 'POST', url: '/v1/coupons', headers: ctx().store.auth, payload });
    expect(made.statusCode, made.body).toBe(201);
    return made.json<{ id: string; code: string }>();
  };
  const shopCoupon = (code: string) => shop.coupons.find((c) => c.code === code.toLowerCase());

  beforeAll(async () => {
    shop = await startFakeWooCommerce([]);
    await connectWooCommerce(
      db(),
      keys,
      ctx().store.id,
      { url: shop.url, key: FAKE_KEY, secret: FAKE_SECRET, allowHttpLoopback: true },
      new Date().toISOString(),
    );
  });
  afterAll(() => shop.close());

  it('keeps the REST keys encrypted, bound to their store, and re-seals them after a key rotation', async () => {
    const stored = await db()
      .selectFrom('store_settings')
      .select('value')
      .where('store_id', '=', ctx().store.id)
      .where('name', '=', WOOCOMMERCE_API_SETTING)
      .executeTakeFirstOrThrow();
    expect(stored.value).toContain(shop.url);
    expect(stored.value).not.toContain(FAKE_SECRET);
    expect(stored.value).not.toContain(FAKE_KEY);
    // Copied into another store's setting, the sealed keys do not open.
    await db()
      .insertInto('store_settings')
      .values({ store_id: ctx().otherStore.id, name: WOOCOMMERCE_API_SETTING, value: stored.value, updated_at: 'x' })
      .execute();
    await expect(storedWooCommerceApi(db(), keys, ctx().otherStore.id, 'now')).rejects.toMatchObject({
      code: 'WOOCOMMERCE_KEYS_UNREADABLE',
    });
    await db().deleteFrom('store_settings').where('store_id', '=', ctx().otherStore.id).execute();

    // A new key, the old one kept as the previous: the keys open, and are sealed again with the new one.
    keys = { secretKey: OTHER_KEY, previousSecretKey: KEY };
    expect(await storedWooCommerceApi(db(), keys, ctx().store.id, new Date().toISOString())).toMatchObject({
      key: FAKE_KEY,
      secret: FAKE_SECRET,
    });
    keys = { secretKey: OTHER_KEY, previousSecretKey: null };
    expect(await storedWooCommerceApi(db(), keys, ctx().store.id, new Date().toISOString())).toMatchObject({
      key: FAKE_KEY,
    });
  });

  it('creates each coupon once with its terms, and a use at the checkout counts once', async () => {
    const percent = await createCoupon({
      code: 'WELCOME15',
      kind: 'percent',
      value: 15,
      usageLimit: 100,
      perCustomerLimit: 2,
      validUntil: '2031-01-01T00:00:00Z',
      combinable: false,
    });
    const amount = await createCoupon({
      code: 'FIVEOFF',
      kind: 'amount',
      value: 500,
      currency: 'EUR',
      minSubtotalMinor: 3000,
      combinable: true,
    });
    const shipping = await createCoupon({ code: 'SHIPFREE', kind: 'free_shipping', value: 0 });
    expect(await push(ctx().store.id)).toEqual({ queued: 3, pushed: 3, failed: 0 });
    expect(await push(ctx().store.id)).toEqual({ queued: 0, pushed: 0, failed: 0 });
    expect(shop.coupons).toHaveLength(3);
    expect(shopCoupon('WELCOME15')).toMatchObject({
      code: 'welcome15',
      discount_type: 'percent',
      amount: '15',
      usage_limit: 100,
      usage_limit_per_user: 2,
      individual_use: true,
      date_expires_gmt: '2031-01-01T00:00:00',
      free_shipping: false,
      email_restrictions: [],
    });
    expect(String(shopCoupon('WELCOME15')!.description)).toContain(`(${percent.id})`);
    expect(shopCoupon('FIVEOFF')).toMatchObject({
      discount_type: 'fixed_cart',
      amount: '5.00',
      minimum_amount: '30.00',
      individual_use: false,
      usage_limit: null,
    });
    expect(shopCoupon('SHIPFREE')).toMatchObject({ discount_type: 'fixed_cart', amount: '0', free_shipping: true });
    expect(await pushRow(ctx().store.id, amount.code)).toMatchObject({
      status: 'pushed',
      remote_id: String(shopCoupon('FIVEOFF')!.id),
    });
    expect((await pushRow(ctx().store.id, shipping.code)).platform).toBe('woocommerce');

    // The shopper types the code; WooCommerce delivers the order (twice, then updated).
    await setWooCommerceSecret(db(), ctx().store.id, WEBHOOK_SECRET);
    const order = copyOf(DOCUMENTED_ORDER_727);
    order.coupon_lines = [{ id: 318, code: 'welcome15', discount: '3.00', discount_tax: '0.00' }];
    let delivery = 0;
    for (const topic of ['order.created', 'order.created', 'order.updated']) {
      const body = JSON.stringify(order);
      const answer = await ctx().app.inject({
        method: 'POST',
        url: `/webhooks/woocommerce/${ctx().store.id}`,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': topic,
          'x-wc-webhook-delivery-id': `coupon-d-${++delivery}`,
          'x-wc-webhook-signature': createHmac('sha256', WEBHOOK_SECRET).update(body).digest('base64'),
        },
        payload: body,
      });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    for (let i = 0; i < 2; i++)
      await syncRewards(db(), ctx().store.id, ORDER_REWARD_HANDLERS, new Date(Date.now() + 3600_000).toISOString());
    const { uses } = await db()
      .selectFrom('coupons')
      .select('uses')
      .where('store_id', '=', ctx().store.id)
      .where('code', '=', 'WELCOME15')
      .executeTakeFirstOrThrow();
    expect(uses).toBe(1);
  });

  it('binds a coupon to its customer by email, and refuses what WooCommerce cannot hold', async () => {
    const customer = await ctx().app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: ctx().store.auth,
      payload: { externalId: '26', email: 'John.Doe@example.com' },
    });
    expect(customer.statusCode, customer.body).toBeLessThan(300);
    await createCoupon({ code: 'JOHNONLY', kind: 'percent', value: 10, customerId: '26' });
    await createCoupon({ code: 'NOEMAIL', kind: 'percent', value: 10, customerId: 'guest:wc-order:1' });
    await createCoupon({
      code: 'BEANSONLY',
      kind: 'percent',
      value: 10,
      scope: { skus: ['BEANS-1KG'], categories: [] },
    });
    expect(await push(ctx().store.id)).toMatchObject({ pushed: 1, failed: 2 });
    expect(shopCoupon('JOHNONLY')!.email_restrictions).toEqual(['john.doe@example.com']);
    for (const code of ['NOEMAIL', 'BEANSONLY']) {
      const row = await pushRow(ctx().store.id, code);
      expect(row).toMatchObject({ status: 'failed', next_attempt_at: null });
      expect(row.last_error).toMatch(/^SHOP_DISCOUNT_UNSUPPORTED: /);
    }
  });

  it('finds the coupon a crashed push made, refuses a code the shop has already, and retries a shop that is down', async () => {
    const crashed = await createCoupon({ code: 'CRASHED', kind: 'percent', value: 5 });
    shop.coupons.push({
      id: 9001,
      code: 'crashed',
      description: `Made by Regulars (${crashed.id}); edit it in Regulars`,
    });
    shop.coupons.push({ id: 9002, code: 'taken', description: 'a coupon the owner made by hand' });
    await createCoupon({ code: 'TAKEN', kind: 'percent', value: 5 });
    expect(await push(ctx().store.id)).toMatchObject({ pushed: 1, failed: 1 });
    expect(await pushRow(ctx().store.id, 'CRASHED')).toMatchObject({ status: 'pushed', remote_id: '9001' });
    expect(shop.coupons.filter((c) => c.code === 'crashed')).toHaveLength(1);
    const taken = await pushRow(ctx().store.id, 'TAKEN');
    expect(taken).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect(taken.last_error).toMatch(/^SHOP_DISCOUNT_CODE_TAKEN: .*9002/);

    await createCoupon({ code: 'DOWNTIME', kind: 'percent', value: 5 });
    shop.failCouponRequests(1);
    const now = new Date();
    expect(await push(ctx().store.id, now.toISOString())).toMatchObject({ pushed: 0, failed: 1 });
    const failed = await pushRow(ctx().store.id, 'DOWNTIME');
    expect(failed.last_error).toMatch(/^WOOCOMMERCE_REQUEST_FAILED: .*503/);
    expect(failed.next_attempt_at).not.toBeNull();
    // Not due before its next attempt; pushed once it is.
    expect(await push(ctx().store.id, now.toISOString())).toMatchObject({ pushed: 0, failed: 0 });
    expect(await push(ctx().store.id, failed.next_attempt_at!)).toMatchObject({ pushed: 1 });
    expect(shopCoupon('DOWNTIME')).toBeDefined();
  });

  it('records every due push as failed when the keys cannot be opened, and queues nothing for a store never connected', async () => {
    await createCoupon({ code: 'LOCKEDOUT', kind: 'percent', value: 5 });
    keys = { secretKey: randomBytes(32), previousSecretKey: null };
    expect(await push(ctx().store.id)).toMatchObject({ pushed: 0, failed: 1 });
    expect((await pushRow(ctx().store.id, 'LOCKEDOUT')).last_error).toMatch(/^WOOCOMMERCE_KEYS_UNREADABLE: /);
    keys = { secretKey: OTHER_KEY, previousSecretKey: null };
    expect(await push(ctx().otherStore.id)).toEqual({ queued: 0, pushed: 0, failed: 0 });
  });
});
