import { describe, expect, it } from 'vitest';
import type { CouponInput } from './coupon.js';
import { createCoupon } from './coupons.service.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { couponTerms } from './coupon-terms.fixtures.js';

const terms = (overrides: Partial<CouponInput> = {}) =>
  couponTerms({ code: 'X', kind: 'amount', value: 500, ...overrides });

const lines = [
  { sku: 'MUG', category: 'kitchen', quantity: 2, unitPriceMinor: 1_200 },
  { sku: 'BEANS', category: 'coffee', quantity: 1, unitPriceMinor: 1_500, totalMinor: 1_400 },
];

describe.each(dialects)('coupon reservations API on %s', (dialect) => {
  const ctx = useTestApp(dialect);
  const post = (url: string, payload: Record<string, unknown>, auth = ctx().store.auth) =>
    ctx().app.inject({ method: 'POST', url: `/v1/coupons/${url}`, headers: auth, payload });

  it('reserves, converts on redeem and releases, keeping the limit', async () => {
    const { store, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'HOLD2', usageLimit: 2 }));
    const first = await post('reserve', { code: 'hold2', cartId: 'cart-1', customerId: 'c-1', ttlSeconds: 120 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      outcome: 'reserved',
      reservation: { code: 'HOLD2', cartId: 'cart-1', customerId: 'c-1' },
      coupon: { uses: 0, held: 1 },
    });
    expect(first.json().reservation.id).toMatch(/^rsv_/);
    expect(Date.parse(first.json().reservation.expiresAt) - Date.parse(first.json().reservation.reservedAt)).toBe(
      120_000,
    );
    expect(first.json().coupon.storeId).toBeUndefined();
    expect((await post('reserve', { code: 'HOLD2', cartId: 'cart-1' })).json().outcome).toBe('renewed');
    expect((await post('reserve', { code: 'HOLD2', cartId: 'cart-2' })).statusCode).toBe(200);

    const full = await post('reserve', { code: 'HOLD2', cartId: 'cart-3' });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toEqual({
      error: {
        code: 'COUPON_LIMIT_REACHED',
        message: expect.stringContaining('HOLD2'),
        details: { code: 'HOLD2', usageLimit: 2 },
      },
    });
    // validate agrees: full for a new cart, fine for a cart that holds a use.
    expect(
      (await post('validate', { code: 'HOLD2', subtotalMinor: 1_000, currency: 'EUR', cartId: 'cart-3' })).json(),
    ).toMatchObject({ reason: 'COUPON_LIMIT_REACHED' });
    expect(
      (await post('validate', { code: 'HOLD2', subtotalMinor: 1_000, currency: 'EUR', cartId: 'cart-1' })).json(),
    ).toMatchObject({ applies: true, discountMinor: 500 });

    const paid = await post('redeem', {
      code: 'HOLD2',
      orderId: '1001',
      customerId: 'c-1',
      cartId: 'cart-1',
      subtotalMinor: 1_000,
      currency: 'EUR',
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({
      outcome: 'redeemed',
      convertedReservation: true,
      coupon: { uses: 1, held: 1 },
    });

    const released = await post('release', { code: 'HOLD2', cartId: 'cart-2' });
    expect(released.json()).toMatchObject({ outcome: 'released', coupon: { uses: 1, held: 0 } });
    expect((await post('release', { code: 'HOLD2', cartId: 'cart-2' })).json()).toMatchObject({
      outcome: 'not_reserved',
    });
    expect((await post('reserve', { code: 'HOLD2', cartId: 'cart-3' })).statusCode).toBe(200);
    expect((await post('release', { code: 'NOPE', cartId: 'cart-3' })).statusCode).toBe(404);
  });

  it('validates and uses a cart with lines: scope, free product, minimum, eligibility, combination', async () => {
    const { store, database } = ctx();
    await createCoupon(
      database.db,
      store.id,
      terms({
        code: 'COFFEE10',
        kind: 'percent',
        value: 10,
        scope: { skus: [], categories: ['coffee'] },
        combinable: true,
      }),
    );
    await createCoupon(
      database.db,
      store.id,
      terms({
        code: 'MUGFREE',
        kind: 'free_product',
        value: 0,
        currency: null,
        scope: { skus: ['MUG'], categories: [] },
        combinable: true,
      }),
    );
    await createCoupon(database.db, store.id, terms({ code: 'JUSTYOU', customerId: 'c-7', minSubtotalMinor: 5_000 }));
    const cart = { subtotalMinor: 3_800, currency: 'EUR', lines };

    expect((await post('validate', { code: 'COFFEE10', ...cart })).json()).toMatchObject({
      applies: true,
      discountMinor: 140,
    });
    expect((await post('validate', { code: 'MUGFREE', ...cart })).json()).toMatchObject({
      applies: true,
      discountMinor: 1_200,
    });
    expect((await post('validate', { code: 'MUGFREE', ...cart, lines: [] })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_NO_MATCHING_ITEMS',
    });
    expect((await post('validate', { code: 'JUSTYOU', ...cart, customerId: 'c-8' })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_NOT_ELIGIBLE',
    });
    expect((await post('validate', { code: 'JUSTYOU', ...cart, customerId: 'c-7' })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_BELOW_MINIMUM',
    });

    const set = await post('validate', {
      codes: ['COFFEE10', 'MUGFREE', 'JUSTYOU'],
      ...cart,
      customerId: 'c-7',
      subtotalMinor: 6_000,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      applies: true,
      discountMinor: 1_340,
      freeShipping: false,
      coupons: [
        { code: 'COFFEE10', applies: true, discountMinor: 140, coupon: { code: 'COFFEE10' } },
        { code: 'MUGFREE', applies: true, discountMinor: 1_200 },
        { code: 'JUSTYOU', applies: false, reason: 'COUPON_NOT_COMBINABLE' },
      ],
    });

    const noItems = await post('reserve', {
      code: 'MUGFREE',
      cartId: 'k-1',
      ...cart,
      lines: [{ sku: 'TEA', category: null, quantity: 1, unitPriceMinor: 100 }],
    });
    expect(noItems.statusCode).toBe(422);
    expect(noItems.json().error.code).toBe('COUPON_NO_MATCHING_ITEMS');
    const stranger = await post('redeem', { code: 'JUSTYOU', orderId: '2001', customerId: 'c-8' });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().error).toMatchObject({
      code: 'COUPON_NOT_ELIGIBLE',
      details: { code: 'JUSTYOU', customerId: 'c-8' },
    });
    const below = await post('redeem', {
      code: 'JUSTYOU',
      orderId: '2001',
      customerId: 'c-7',
      subtotalMinor: 4_999,
      currency: 'EUR',
    });
    expect(below.statusCode).toBe(422);
    expect(below.json().error.code).toBe('COUPON_BELOW_MINIMUM');

    expect(
      (
        await post('reserve', {
          code: 'JUSTYOU',
          cartId: 'k-2',
          customerId: 'c-7',
          subtotalMinor: 6_000,
          currency: 'EUR',
        })
      ).statusCode,
    ).toBe(200);
    const notTogether = await post('reserve', { code: 'COFFEE10', cartId: 'k-2', ...cart });
    expect(notTogether.statusCode).toBe(409);
    expect(notTogether.json().error.code).toBe('COUPON_NOT_COMBINABLE');
  });

  it('documents the four coupon routes in the OpenAPI document', async () => {
    const doc = await ctx().app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = doc.json().paths as Record<string, { post?: { requestBody?: unknown } }>;
    for (const route of ['validate', 'reserve', 'release', 'redeem'])
      expect(paths[`/v1/coupons/${route}`]?.post?.requestBody).toBeDefined();
  });

  it('checks the bodies', async () => {
    const { store, otherStore, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'BODY' }));
    const bad = async (url: string, payload: Record<string, unknown>) => {
      const reply = await post(url, payload);
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      return reply.json().error;
    };
    expect(await bad('reserve', { code: 'BODY' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    await bad('reserve', { code: 'BODY', cartId: 'k', ttlSeconds: 0 });
    await bad('reserve', { code: 'BODY', cartId: 'k', ttlSeconds: 86_401 });
    await bad('reserve', { code: 'BODY', cartId: 'k', subtotalMinor: 100 });
    await bad('redeem', { code: 'BODY', orderId: '1', customerId: 'c', lines });
    await bad('release', { code: 'BODY' });
    await bad('validate', { subtotalMinor: 100, currency: 'EUR' });
    await bad('validate', { code: 'BODY', codes: ['BODY'], subtotalMinor: 100, currency: 'EUR' });
    await bad('validate', { code: 'BODY', subtotalMinor: 100, currency: 'EUR', lines: [{ sku: 'A', quantity: 1 }] });
    // Another store's code is not found.
    const other = await post('reserve', { code: 'BODY', cartId: 'k' }, otherStore.auth);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('COUPON_NOT_FOUND');
    const noAuth = await ctx().app.inject({
      method: 'POST',
      url: '/v1/coupons/release',
      payload: { code: 'BODY', cartId: 'k' },
    });
    expect(noAuth.statusCode).toBe(401);
  });

  it('keeps a limit of 10 when 100 requests reserve, redeem and release at once', async () => {
    const { store, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'RACEAPI', usageLimit: 10 }));
    const replies = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        if (i % 2 === 0) return post('redeem', { code: 'RACEAPI', orderId: `r-${i}`, customerId: `c-${i}` });
        const held = await post('reserve', { code: 'RACEAPI', cartId: `k-${i}` });
        if (held.statusCode !== 200) return held;
        return post('redeem', { code: 'RACEAPI', orderId: `r-${i}`, customerId: `c-${i}`, cartId: `k-${i}` });
      }),
    );
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(replies.filter((r) => r.statusCode === 409 && r.json().error.code === 'COUPON_LIMIT_REACHED')).toHaveLength(
      90,
    );
    const after = await post('validate', { code: 'RACEAPI', subtotalMinor: 100, currency: 'EUR' });
    expect(after.json()).toMatchObject({ reason: 'COUPON_LIMIT_REACHED', coupon: { uses: 10, held: 0 } });
  });
});
