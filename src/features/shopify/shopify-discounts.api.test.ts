import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import type { Database } from '../../platform/database/database.table.js';
import { ORDER_REWARD_HANDLERS, syncRewards } from '../rewards/index.js';
import { pushShopDiscounts } from '../shop-discounts/index.js';
import { checkoutWithCode, mountFakeShopifyDiscounts } from './fake-shopify-discounts.fixtures.js';
import { injectTransport, installApp, useFakeShopify } from './shopify-app.fixtures.js';
import { shopifyDiscountTarget } from './shopify-discount-target.service.js';

const SHOP = 'sunny-beans.myshopify.com';
/** The buyer of Shopify's documented orders/create body: Shopify's customer id. */
const SHOPPER = '115310627314723954';

const PROGRAM = {
  currency: 'USD',
  startsAt: '2020-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  actions: { signup: { points: 150 } },
  redemption: [{ id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 }, validDays: 30 }],
};

describe.each(dialects)('real discount codes in Shopify on %s', (dialect) => {
  const shopify = useFakeShopify();
  const discounts = mountFakeShopifyDiscounts(shopify.fake());
  const ctx = useTestApp(dialect, {
    get config() {
      return shopify.config();
    },
  });
  const app = () => ctx().app;
  const db = (): Kysely<Database> => ctx().database.db;
  const targets = () => [shopifyDiscountTarget(() => shopify.config())];
  const push = (storeId: string, now = new Date().toISOString()) => pushShopDiscounts(db(), storeId, now, targets());
  /** The rewards sync, as `regulars serve` runs it, reading every order written so far. */
  const sync = (storeId: string) =>
    syncRewards(db(), storeId, ORDER_REWARD_HANDLERS, new Date(Date.now() + 3600_000).toISOString());
  const coupon = async (storeId: string, code: string) =>
    db()
      .selectFrom('coupons')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const pushRow = async (storeId: string, code: string) =>
    db()
      .selectFrom('shop_discount_pushes')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  const status = async (auth: { authorization: string }) =>
    (await app().inject({ method: 'GET', url: '/v1/settings/shop-discounts', headers: auth })).json();
  const createCoupon = async (auth: { authorization: string }, payload: object) => {
    const made = await app().inject({ method: 'POST', url: '/v1/coupons', headers: auth, payload });
    expect(made.statusCode, made.body).toBe(201);
    return made.json<{ id: string; code: string }>();
  };

  it('a reward redeemed in the (fake) checkout counted once; the cancelled order gives the use back', async () => {
    const { store, otherStore } = ctx();
    expect((await installApp(app(), shopify.fake(), store.auth, SHOP)).status).toBe(302);
    const put = await app().inject({
      method: 'PUT',
      url: '/v1/loyalty/program',
      headers: store.auth,
      payload: PROGRAM,
    });
    expect(put.statusCode, put.body).toBe(200);
    await app().inject({ method: 'POST', url: '/v1/customers', headers: store.auth, payload: { externalId: SHOPPER } });
    const earned = await app().inject({
      method: 'POST',
      url: '/v1/loyalty/actions',
      headers: store.auth,
      payload: { customerId: SHOPPER, action: 'signup' },
    });
    expect(earned.statusCode, earned.body).toBe(201);
    const redeemed = await app().inject({
      method: 'POST',
      url: '/v1/loyalty/redeem',
      headers: store.auth,
      payload: { customerId: SHOPPER, optionId: 'five-off' },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const reward = redeemed.json<{ coupon: { id: string; code: string; validUntil: string } }>().coupon;

    // The job creates it in the shop, once, with the reward's terms.
    expect(await push(store.id)).toEqual({ queued: 1, pushed: 1, failed: 0 });
    expect(await push(store.id)).toEqual({ queued: 0, pushed: 0, failed: 0 });
    const made = discounts.discounts(SHOP).get(reward.code)!;
    expect(made.typename).toBe('DiscountCodeBasic');
    expect(made.input).toMatchObject({
      code: reward.code,
      title: `Regulars ${reward.code} (${reward.id})`,
      endsAt: reward.validUntil,
      context: { customers: { add: [`gid://shopify/Customer/${SHOPPER}`] } },
      customerGets: { value: { discountAmount: { amount: '5.00', appliesOnEachItem: false } }, items: { all: true } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
    });
    expect(await pushRow(store.id, reward.code)).toMatchObject({ status: 'pushed', remote_id: made.id, attempts: 1 });
    // A store without the app installed has nothing queued.
    expect(await push(otherStore.id)).toEqual({ queued: 0, pushed: 0, failed: 0 });

    // The shopper uses it at the fake checkout; Shopify delivers the order, then delivers it again
    // (a retry with new ids) and sends orders/updated for the same order.
    const at = new Date().toISOString();
    const order = checkoutWithCode(discounts, SHOP, {
      id: '5829461001234',
      customerId: SHOPPER,
      code: reward.code,
      at,
    });
    const transport = injectTransport(app);
    for (const topic of ['orders/create', 'orders/create', 'orders/updated']) {
      const [delivered] = await shopify.fake().sendWebhook(SHOP, topic, order, transport);
      expect(delivered.status, delivered.body).toBe(200);
    }
    await sync(store.id);
    await sync(store.id);
    expect((await coupon(store.id, reward.code)).uses).toBe(1);
    const codes = await db()
      .selectFrom('shop_order_discount_codes')
      .selectAll()
      .where('store_id', '=', store.id)
      .execute();
    expect(codes).toMatchObject([{ order_id: '5829461001234', code: reward.code, outcome: 'redeemed' }]);
    // The fake checkout counts it too: a second order with the code is refused there.
    expect(() =>
      checkoutWithCode(discounts, SHOP, { id: '5829461001235', customerId: SHOPPER, code: reward.code, at }),
    ).toThrow(/used 1 of 1/);

    // The order is cancelled in Shopify: the use is given back, once.
    const cancelled = order
      .replace(/"cancelled_at":\s*null/, `"cancelled_at": "${new Date().toISOString()}"`)
      .replace(/"updated_at":\s*"[^"]+"/, `"updated_at": "${new Date().toISOString()}"`);
    const [delivered] = await shopify.fake().sendWebhook(SHOP, 'orders/updated', cancelled, transport);
    expect(delivered.status, delivered.body).toBe(200);
    await sync(store.id);
    await sync(store.id);
    expect((await coupon(store.id, reward.code)).uses).toBe(0);
  });

  it('pushes once through a crash, retries failures with backoff, and shows what failed and why', async () => {
    const { store } = ctx();
    const now = '2030-01-01T10:00:00.000Z';
    const later = (ms: number) => new Date(Date.parse(now) + ms).toISOString();
    const percent = await createCoupon(store.auth, {
      code: 'summer15',
      kind: 'percent',
      value: 15,
      minSubtotalMinor: 5000,
      currency: 'USD',
      usageLimit: 500,
      perCustomerLimit: 1,
      validUntil: '2030-09-01T00:00:00.000Z',
    });
    await createCoupon(store.auth, { code: 'shipfree', kind: 'free_shipping', value: 0, combinable: true });
    const gift = await createCoupon(store.auth, {
      code: 'freebean',
      kind: 'free_product',
      value: 0,
      scope: { skus: ['BEAN-1'], categories: [] },
    });

    // An outage: the calls fail as a whole. Recorded, retried a minute later; not before.
    discounts.failNextCall('Internal error. Looks like something went wrong on our end.');
    const first = await push(store.id, now);
    expect(first.queued).toBe(3);
    expect(first.pushed + first.failed).toBe(3);
    const failedFirst = await db()
      .selectFrom('shop_discount_pushes')
      .selectAll()
      .where('store_id', '=', store.id)
      .where('status', '=', 'failed')
      .orderBy('code')
      .execute();
    const outage = failedFirst.find((r) => r.last_error?.startsWith('SHOPIFY_ADMIN_API_FAILED'))!;
    expect(outage).toMatchObject({ attempts: 1, next_attempt_at: later(60_000) });
    expect(outage.last_error).toContain('Internal error');
    expect(await pushRow(store.id, 'FREEBEAN')).toMatchObject({ status: 'failed', next_attempt_at: null });
    expect((await pushRow(store.id, 'FREEBEAN')).last_error).toMatch(/^SHOP_DISCOUNT_UNSUPPORTED: a free-product/);
    expect(await push(store.id, later(30_000))).toEqual({ queued: 0, pushed: 0, failed: 0 });
    expect(await push(store.id, later(60_000))).toEqual({ queued: 0, pushed: 1, failed: 0 });

    // Both are in the shop with their terms.
    expect(discounts.discounts(SHOP).get('SUMMER15')!.input).toMatchObject({
      context: { all: 'ALL' },
      customerGets: { value: { percentage: 0.15 } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: '50.00' } },
      usageLimit: 500,
      appliesOncePerCustomer: true,
      endsAt: '2030-09-01T00:00:00.000Z',
    });
    expect(discounts.discounts(SHOP).get('SHIPFREE')).toMatchObject({ typename: 'DiscountCodeFreeShipping' });
    expect(discounts.discounts(SHOP).get('SHIPFREE')!.input).toMatchObject({
      destination: { all: true },
      combinesWith: { orderDiscounts: true, productDiscounts: true },
      usageLimit: null,
    });

    // A crash after Shopify made the discount and before Regulars recorded it: the redone push finds
    // it by its code and makes no second one.
    const creates = discounts.creates.length;
    await db()
      .updateTable('shop_discount_pushes')
      .set({ status: 'pending', remote_id: null, next_attempt_at: now })
      .where('store_id', '=', store.id)
      .where('coupon_id', '=', percent.id)
      .execute();
    expect(await push(store.id, later(120_000))).toEqual({ queued: 0, pushed: 1, failed: 0 });
    expect(discounts.creates.length).toBe(creates);
    expect(await pushRow(store.id, 'SUMMER15')).toMatchObject({
      status: 'pushed',
      remote_id: discounts.discounts(SHOP).get('SUMMER15')!.id,
    });

    // Shopify refuses a discount (userErrors): failed with Shopify's message, retried after a minute, then 2.
    await createCoupon(store.auth, { code: 'tenoff', kind: 'amount', value: 1000, currency: 'USD' });
    discounts.refuseNextCreate([
      { field: ['basicCodeDiscount', 'endsAt'], code: 'INVALID', message: 'Ends at needs to be after starts_at' },
    ]);
    expect(await push(store.id, later(180_000))).toEqual({ queued: 1, pushed: 0, failed: 1 });
    expect(await pushRow(store.id, 'TENOFF')).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error:
        'SHOP_DISCOUNT_REFUSED: discountCodeBasicCreate refused TENOFF: basicCodeDiscount.endsAt Ends at needs to be after starts_at',
      next_attempt_at: later(240_000),
    });

    // A code the shop already uses for a discount Regulars did not make: not retried, said so.
    await createCoupon(store.auth, { code: 'welcome', kind: 'percent', value: 10 });
    discounts.discounts(SHOP).set('WELCOME', {
      id: 'gid://shopify/DiscountCodeNode/1',
      typename: 'DiscountCodeBasic',
      code: 'WELCOME',
      input: { title: 'Welcome offer (made in the Shopify admin)' },
      usedCount: 0,
    });
    await push(store.id, later(190_000));
    expect(await pushRow(store.id, 'WELCOME')).toMatchObject({ status: 'failed', next_attempt_at: null });

    // The status names every push not done, with its error; retry makes the failed ones due now.
    const shown = await status(store.auth);
    expect(shown.counts.shopify).toEqual({ pending: 0, pushed: 3, failed: 3 });
    expect(shown.unpushed.map((p: { code: string }) => p.code).sort()).toEqual(['FREEBEAN', 'TENOFF', 'WELCOME']);
    expect(shown.unpushed.find((p: { code: string }) => p.code === 'WELCOME').lastError).toMatch(
      /^SHOP_DISCOUNT_CODE_TAKEN: the shop already has a discount with the code WELCOME/,
    );
    expect(shown.unpushed.find((p: { couponId: string }) => p.couponId === gift.id)).toMatchObject({
      status: 'failed',
      nextAttemptAt: null,
    });
    const retried = await app().inject({
      method: 'POST',
      url: '/v1/settings/shop-discounts/retry',
      headers: store.auth,
    });
    expect(retried.json()).toEqual({ retried: 3 });
    expect(await push(store.id, new Date().toISOString())).toEqual({ queued: 0, pushed: 1, failed: 2 });
    expect((await status(store.auth)).counts.shopify).toEqual({ pending: 0, pushed: 4, failed: 2 });
  });

  it('records why the shop cannot be reached on each push, and queues nothing once the app is uninstalled', async () => {
    const { store } = ctx();
    await createCoupon(store.auth, { code: 'sealed', kind: 'percent', value: 5 });
    // A token no key opens (sealed with a lost key, or altered): every due push says so.
    const sealed = await db()
      .selectFrom('shopify_installations')
      .select('access_token')
      .where('store_id', '=', store.id)
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('shopify_installations')
      .set({ access_token: sealed.access_token!.replace(/.{8}$/, 'AAAAAAAA') })
      .where('store_id', '=', store.id)
      .execute();
    const now = new Date().toISOString();
    expect(await push(store.id, now)).toMatchObject({ queued: 1, pushed: 0 });
    expect((await pushRow(store.id, 'SEALED')).last_error).toMatch(/^SHOPIFY_TOKEN_UNREADABLE: /);

    // Uninstalled: nothing is queued or tried; what was not pushed stays listed.
    await db()
      .updateTable('shopify_installations')
      .set({ status: 'uninstalled', access_token: null })
      .where('store_id', '=', store.id)
      .execute();
    await createCoupon(store.auth, { code: 'after', kind: 'percent', value: 5 });
    expect(await push(store.id, new Date(Date.now() + 7 * 3600_000).toISOString())).toEqual({
      queued: 0,
      pushed: 0,
      failed: 0,
    });
    expect((await status(store.auth)).unpushed.map((p: { code: string }) => p.code)).toContain('SEALED');
  });
});
