import { describe, expect, it } from 'vitest';
import type { CouponInput } from './coupon.js';
import { createCoupon } from './coupons.service.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

function terms(overrides: Partial<CouponInput> = {}): CouponInput {
  return {
    code: 'WELCOME5',
    kind: 'amount',
    value: 500,
    minSubtotalMinor: 2_000,
    currency: 'EUR',
    usageLimit: null,
    perCustomerLimit: null,
    validFrom: null,
    validUntil: null,
    ...overrides,
  };
}

describe.each(dialects)('coupons API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('redeems once per order, then answers 409 COUPON_LIMIT_REACHED with the error envelope', async () => {
    const { app, store, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'LAST1', usageLimit: 1 }));
    const redeem = (orderId: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/coupons/redeem',
        headers: store.auth,
        payload: { code: 'last1', orderId, customerId: 'c-1' },
      });

    const first = await redeem('1001');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      outcome: 'redeemed',
      coupon: { code: 'LAST1', kind: 'amount', value: 500, uses: 1, usageLimit: 1 },
    });
    expect(first.json().coupon.id).toMatch(/^cpn_/);
    expect(first.json().coupon.storeId).toBeUndefined();

    const retry = await redeem('1001');
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ outcome: 'already_redeemed', coupon: { uses: 1 } });

    const refused = await redeem('1002');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'COUPON_LIMIT_REACHED',
        message: expect.stringContaining('LAST1'),
        details: { code: 'LAST1', usageLimit: 1 },
      },
    });
  });

  it('hides other stores’ codes and validates the body', async () => {
    const { app, store, otherStore, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'MINE' }));
    const other = await app.inject({
      method: 'POST',
      url: '/v1/coupons/redeem',
      headers: otherStore.auth,
      payload: { code: 'MINE', orderId: '1', customerId: 'c' },
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('COUPON_NOT_FOUND');
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/coupons/redeem',
      headers: store.auth,
      payload: { code: 'MINE', orderId: '1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { path: '/customerId' } });
    const noAuth = await app.inject({
      method: 'POST',
      url: '/v1/coupons/validate',
      payload: { code: 'MINE', subtotalMinor: 1, currency: 'EUR' },
    });
    expect(noAuth.statusCode).toBe(401);
  });

  it('validates a cart: the discount, or the reason it does not apply, 200 either way', async () => {
    const { app, store, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'CART5', perCustomerLimit: 1 }));
    const validate = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/v1/coupons/validate',
        headers: store.auth,
        payload: { code: 'CART5', ...payload },
      });

    const applies = await validate({ subtotalMinor: 2_500, currency: 'EUR', customerId: 'c-9' });
    expect(applies.statusCode).toBe(200);
    expect(applies.json()).toMatchObject({
      applies: true,
      discountMinor: 500,
      freeShipping: false,
      coupon: { code: 'CART5' },
    });

    expect((await validate({ subtotalMinor: 1_999, currency: 'EUR' })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_BELOW_MINIMUM',
    });
    expect((await validate({ subtotalMinor: 2_500, currency: 'USD' })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_CURRENCY_MISMATCH',
    });
    const unknown = await validate({ code: 'NOPE', subtotalMinor: 2_500, currency: 'EUR' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual({ applies: false, reason: 'COUPON_NOT_FOUND', coupon: null });

    // Validation counts nothing; after a redemption the customer's own limit shows.
    await app.inject({
      method: 'POST',
      url: '/v1/coupons/redeem',
      headers: store.auth,
      payload: { code: 'CART5', orderId: 'o-9', customerId: 'c-9' },
    });
    expect((await validate({ subtotalMinor: 2_500, currency: 'EUR', customerId: 'c-9' })).json()).toMatchObject({
      applies: false,
      reason: 'COUPON_CUSTOMER_LIMIT_REACHED',
    });
    expect((await validate({ subtotalMinor: 2_500, currency: 'EUR', customerId: 'c-10' })).json()).toMatchObject({
      applies: true,
      coupon: { uses: 1 },
    });
    const second = await app.inject({
      method: 'POST',
      url: '/v1/coupons/redeem',
      headers: store.auth,
      payload: { code: 'CART5', orderId: 'o-10', customerId: 'c-9' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('COUPON_CUSTOMER_LIMIT_REACHED');
  });

  it('keeps the limit when 100 requests race for 10 uses', async () => {
    const { app, store, database } = ctx();
    await createCoupon(database.db, store.id, terms({ code: 'RACE10', usageLimit: 10 }));
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        app.inject({
          method: 'POST',
          url: '/v1/coupons/redeem',
          headers: store.auth,
          payload: { code: 'RACE10', orderId: `r-${i}`, customerId: `c-${i}` },
        }),
      ),
    );
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(replies.filter((r) => r.statusCode === 409 && r.json().error.code === 'COUPON_LIMIT_REACHED')).toHaveLength(
      90,
    );
  });
});
