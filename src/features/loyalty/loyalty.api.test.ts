import { describe, expect, it } from 'vitest';
import { postPoints } from './post-points.service.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const PROGRAM = {
  currency: 'EUR',
  startsAt: '2020-01-01T00:00:00Z',
  earn: { rate: { points: 1, perMinor: 100 } },
  actions: { signup: { points: 150 }, review: { points: 10, limit: 2 } },
  redemption: [
    { id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 }, validDays: 30 },
    { id: 'ship', points: 50, reward: { kind: 'free_shipping' }, minSubtotalMinor: 2000 },
  ],
};

describe.each(dialects)('loyalty API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('sets and shows the program, naming a bad field; a store without one has none', async () => {
    const { app, store, otherStore } = ctx();
    const none = await app.inject({ method: 'GET', url: '/v1/loyalty/program', headers: otherStore.auth });
    expect(none.statusCode).toBe(404);
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/loyalty/program',
      headers: store.auth,
      payload: { ...PROGRAM, earn: { rate: { points: 1, perMinor: -1 } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'earn.rate.perMinor' } });
    const put = await app.inject({ method: 'PUT', url: '/v1/loyalty/program', headers: store.auth, payload: PROGRAM });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      currency: 'EUR',
      returnWindowDays: 30,
      expiry: { months: 12, warnDays: 30 },
      pointValue: { points: 100, minor: 500 },
    });
    const got = await app.inject({ method: 'GET', url: '/v1/loyalty/program', headers: store.auth });
    expect(got.json()).toEqual(put.json());
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/docs/json' })).json().paths as object);
    for (const path of [
      '/v1/loyalty/program',
      '/v1/loyalty/actions',
      '/v1/loyalty/redeem',
      '/v1/loyalty/liability',
      '/v1/customers/{id}/points',
    ])
      expect(paths).toContain(path);
  });

  it('posts actions once per key within limits, redeems points for a coupon, and shows the points', async () => {
    const { app, store, otherStore } = ctx();
    await app.inject({ method: 'PUT', url: '/v1/loyalty/program', headers: store.auth, payload: PROGRAM });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: store.auth,
      payload: { externalId: 'shop-42' },
    });
    expect(created.statusCode).toBe(201);
    const action = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/v1/loyalty/actions',
        headers: store.auth,
        payload: { customerId: 'shop-42', ...payload },
      });

    const signups = await Promise.all(Array.from({ length: 50 }, (_, i) => action({ action: 'signup', key: `s${i}` })));
    expect(signups.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = signups.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(49);
    expect(refused[0].json().error).toMatchObject({
      code: 'LOYALTY_ACTION_LIMIT_REACHED',
      details: { action: 'signup', limit: 1, per: 'ever' },
    });
    const posted = signups.find((r) => r.statusCode === 201)!.json();
    expect(posted).toMatchObject({ outcome: 'posted', customerId: 'shop-42', entry: { kind: 'earn', points: 150 } });
    const again = await action({ action: 'signup', key: posted.entry.sourceKey.replace('action:signup:', '') });
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('already_posted');
    expect((await action({ action: 'nope' })).json().error.code).toBe('LOYALTY_ACTION_NOT_FOUND');
    expect((await action({ action: 'signup', occurredAt: 'yesterday' })).statusCode).toBe(400);
    const otherStoreAction = await app.inject({
      method: 'POST',
      url: '/v1/loyalty/actions',
      headers: otherStore.auth,
      payload: { customerId: 'shop-42', action: 'signup' },
    });
    expect(otherStoreAction.json().error.code).toBe('LOYALTY_PROGRAM_OFF');

    const redeem = (optionId: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/loyalty/redeem',
        headers: store.auth,
        payload: { customerId: 'shop-42', optionId },
      });
    const redeemed = await redeem('five-off');
    expect(redeemed.statusCode).toBe(201);
    expect(redeemed.json()).toMatchObject({
      outcome: 'redeemed',
      entry: { kind: 'redeem', points: -100 },
      coupon: { kind: 'amount', value: 500, currency: 'EUR', usageLimit: 1 },
    });
    expect(redeemed.json().coupon.storeId).toBeUndefined();
    // The coupon works at checkout, for this customer only.
    expect(redeemed.json().coupon.customerId).toBe('shop-42');
    const validate = (customerId: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/coupons/validate',
        headers: store.auth,
        payload: { code: redeemed.json().coupon.code, subtotalMinor: 1000, currency: 'EUR', customerId },
      });
    expect((await validate('shop-42')).json()).toMatchObject({ applies: true, discountMinor: 500 });
    expect((await validate('someone-else')).json()).toMatchObject({ applies: false });

    const short = await redeem('five-off');
    expect(short.statusCode).toBe(409);
    expect(short.json().error).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { available: 50, required: 100 },
    });
    expect((await redeem('gold')).json().error.code).toBe('LOYALTY_OPTION_NOT_FOUND');

    const points = await app.inject({
      method: 'GET',
      url: '/v1/customers/shop-42/points?limit=1',
      headers: store.auth,
    });
    expect(points.statusCode).toBe(200);
    expect(points.json()).toMatchObject({
      externalId: 'shop-42',
      available: 50,
      pending: 0,
      total: 50,
      nextExpiry: { points: 50 },
    });
    expect(points.json().entries).toHaveLength(1);
    expect(points.json().entries[0]).toMatchObject({ kind: 'redeem', points: -100 });
    const page2 = await app.inject({
      method: 'GET',
      url: `/v1/customers/shop-42/points?limit=1&cursor=${points.json().nextCursor}`,
      headers: store.auth,
    });
    expect(page2.json().entries[0]).toMatchObject({ kind: 'earn', points: 150 });
    expect(page2.json().nextCursor).toBeNull();
    // By Regulars' id too; another store cannot see the customer.
    const byId = await app.inject({
      method: 'GET',
      url: `/v1/customers/${created.json().id}/points`,
      headers: store.auth,
    });
    expect(byId.json().available).toBe(50);
    const hidden = await app.inject({ method: 'GET', url: '/v1/customers/shop-42/points', headers: otherStore.auth });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('CUSTOMER_NOT_FOUND');
  });

  it('reports the liability', async () => {
    const { app, store, database } = ctx();
    await app.inject({ method: 'PUT', url: '/v1/loyalty/program', headers: store.auth, payload: PROGRAM });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: store.auth,
      payload: { externalId: 'liab-1' },
    });
    const at = '2025-01-10T00:00:00.000Z';
    await postPoints(database.db, store.id, created.json().id, {
      kind: 'earn',
      points: 400,
      sourceKey: 'seed',
      reason: 'seed',
      postedAt: at,
      availableAt: at,
    });
    const report = await app.inject({
      method: 'GET',
      url: '/v1/loyalty/liability?asOf=2025-01-31T00:00:00Z',
      headers: store.auth,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      asOf: '2025-01-31T00:00:00.000Z',
      currency: 'EUR',
      outstanding: { available: 400, pending: 0, total: 400, totalMinor: 2000 },
      months: [{ month: '2025-01', earned: 400, redeemed: 0, expired: 0, reversed: 0, adjusted: 0 }],
      breakageRate: null,
    });
  });
});
