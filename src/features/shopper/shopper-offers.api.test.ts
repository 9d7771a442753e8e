import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { ORDER_REWARD_HANDLERS, syncRewards } from '../rewards/index.js';
import { SHOP_URL, setUpShop, shopperAuth } from './shopper.fixtures.js';

/** An order of the shop (API shape) on a past day, EUR as the fixtures' program. */
function order(externalId: string, customer: string, skus: readonly string[], day = '2024-05-10') {
  return {
    externalId,
    customer: { externalId: customer, email: `${customer}@example.com` },
    orderedAt: `${day}T10:00:00Z`,
    currency: 'EUR',
    totalMinor: 2500 * skus.length,
    lines: skus.map((sku) => ({ sku, title: TITLES[sku] ?? sku, quantity: 1, priceMinor: 2500 })),
  };
}

const TITLES: Record<string, string> = {
  'BEAN-1': 'House blend 1 kg',
  'MUG-1': 'Enamel mug',
  'GRIND-1': 'Hand grinder',
  'TEA-9': 'Sencha 100 g',
};

describe.each(dialects)('GET /v1/shopper/offers on %s', (dialect) => {
  const ctx = useTestApp(dialect, { shopperRateLimitPerMinute: 0 });
  let ready: Promise<void> | undefined;
  const post = async (body: object) => {
    const { app, store } = ctx();
    const answer = await app.inject({ method: 'POST', url: '/v1/orders', headers: store.auth, payload: body });
    if (answer.statusCode >= 300) throw new Error(`POST /v1/orders: ${answer.statusCode} ${answer.body}`);
  };
  const sync = () => {
    const { database, store } = ctx();
    return syncRewards(database.db, store.id, ORDER_REWARD_HANDLERS, new Date().toISOString(), { lagMs: 0 });
  };
  const setUp = () => {
    const { app, database, store } = ctx();
    ready ??= (async () => {
      await setUpShop(app, database.db, store, ['ana', 'bo'], 0);
      // The learned pairs: BEAN-1 with MUG-1 in 6 orders; BEAN-1 with GRIND-1 in 6 too, but the
      // grinder is in 12 more orders without beans, so its lift is lower: MUG-1 ranks first.
      for (let n = 0; n < 6; n += 1) await post(order(`h-mug-${n}`, `h-${n}`, ['BEAN-1', 'MUG-1', 'GRIND-1']));
      for (let n = 0; n < 12; n += 1) await post(order(`h-grind-${n}`, `g-${n}`, ['GRIND-1']));
      await post(order('A-100', 'ana', ['BEAN-1'], '2024-06-01'));
      await post(order('A-200', 'ana', ['TEA-9'], '2024-06-02'));
      await post(order('B-100', 'bo', ['BEAN-1'], '2024-06-01'));
      await sync();
    })();
    return ready;
  };
  const offers = async (externalId: string, orderId: string) => {
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, externalId);
    return app.inject({
      method: 'GET',
      url: `/v1/shopper/offers?orderId=${encodeURIComponent(orderId)}`,
      headers: { authorization },
    });
  };

  it("answers the points the order earned, tier progress and the learned cross-sell ranked as the confirmation's", async () => {
    await setUp();
    const answer = await offers('ana', 'A-100');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = answer.json();
    expect(body).toMatchObject({
      status: 'ready',
      order: { id: 'A-100', currency: 'EUR', totalMinor: 2500 },
      // 1 point per 100 minor units of 2500; orders of 2024, so the return window has passed.
      // The second order earned 31, Silver's 1.25 times: 56 in all.
      points: { earned: 25, availableAt: null, balance: { available: 56, pending: 0 } },
      tier: {
        name: 'Silver',
        next: { name: 'Gold', threshold: 10000, missing: 5000 },
        measure: { basis: 'lifetime_spend', value: 5000, currency: 'EUR' },
        progress: 0.5,
      },
      challenge: null,
      suggestion: {
        sku: 'MUG-1',
        title: 'Enamel mug',
        url: `${SHOP_URL}/products/MUG-1`,
        priceMinor: 2500,
        currency: 'EUR',
      },
    });
  });

  it('an order without learned pairs has no suggestion, and that is not an error', async () => {
    await setUp();
    const answer = await offers('ana', 'A-200');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'ready', order: { id: 'A-200' }, points: { earned: 31 } });
    expect(answer.json().suggestion).toBeNull();
  });

  it("another customer's order is 404 SHOPPER_ORDER_NOT_FOUND, never its points", async () => {
    await setUp();
    const answer = await offers('ana', 'B-100');
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error).toMatchObject({
      code: 'SHOPPER_ORDER_NOT_FOUND',
      details: { orderId: 'B-100', where: 'query' },
    });
    expect(answer.body).not.toContain('"earned"');
    // Bo's own order is his.
    expect((await offers('bo', 'B-100')).json()).toMatchObject({ status: 'ready', points: { earned: 25 } });
  });

  it('an order not recorded yet is pending (Retry-After), then pending rewards, then ready', async () => {
    await setUp();
    const unknown = await offers('ana', 'A-300');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.headers['retry-after']).toBe('3');
    expect(unknown.json()).toEqual({ status: 'pending', reason: 'order_not_recorded', retryAfterSeconds: 3 });
    await post(order('A-300', 'ana', ['BEAN-1'], '2024-06-03'));
    expect((await offers('ana', 'A-300')).json()).toEqual({
      status: 'pending',
      reason: 'rewards_not_processed',
      retryAfterSeconds: 3,
    });
    await sync();
    expect((await offers('ana', 'A-300')).json()).toMatchObject({
      status: 'ready',
      points: { earned: 31 },
      suggestion: { sku: 'MUG-1' },
    });
  });

  it('refuses a request without orderId, and one without a shopper token', async () => {
    await setUp();
    const { app, store } = ctx();
    const { authorization } = await shopperAuth(ctx().database.db, store.id, 'ana');
    const missing = await app.inject({ method: 'GET', url: '/v1/shopper/offers', headers: { authorization } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const noToken = await app.inject({ method: 'GET', url: '/v1/shopper/offers?orderId=A-100', headers: store.auth });
    expect(noToken.statusCode).toBe(401);
  });
});
