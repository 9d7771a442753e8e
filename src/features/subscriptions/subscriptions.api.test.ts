import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const offer = {
  code: 'house-blend',
  sku: 'BEAN-1',
  name: 'House blend, 1 kg a month',
  currency: 'EUR',
  baseMonthlyMinor: 2999,
  terms: [
    { months: 1, discountPercent: 0 },
    { months: 3, discountPercent: 5 },
    { months: 6, discountPercent: 12.5 },
    { months: 24, discountPercent: 20 },
  ],
};

describe.each(dialects)('subscriptions API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('creates an offer and quotes its price table by code or sku', async () => {
    const { app, store, otherStore } = ctx();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/subscription-offers',
      headers: store.auth,
      payload: offer,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().quote.terms).toHaveLength(4);
    const expected = {
      offer: 'house-blend',
      sku: 'BEAN-1',
      currency: 'EUR',
      baseMonthlyMinor: 2999,
      deliveryIntervalMonths: 1,
      terms: [
        { months: 1, monthlyMinor: 2999, totalMinor: 2999, savingMinor: 0, savingPercent: 0 },
        { months: 3, monthlyMinor: 2849, totalMinor: 8547, savingMinor: 450, savingPercent: 5 },
        { months: 6, monthlyMinor: 2624, totalMinor: 15744, savingMinor: 2250, savingPercent: 12.5 },
        { months: 24, monthlyMinor: 2399, totalMinor: 57576, savingMinor: 14400, savingPercent: 20.01 },
      ],
    };
    const byCode = await app.inject({
      method: 'GET',
      url: '/v1/subscriptions/quote?offer=House-Blend',
      headers: store.auth,
    });
    expect(byCode.statusCode).toBe(200);
    expect(byCode.json()).toMatchObject(expected);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/subscriptions/quote?sku=BEAN-1', headers: store.auth })).json(),
    ).toMatchObject(expected);
    expect((await app.inject({ method: 'GET', url: '/v1/subscriptions/quote', headers: store.auth })).statusCode).toBe(
      400,
    );
    const foreign = await app.inject({
      method: 'GET',
      url: '/v1/subscriptions/quote?offer=house-blend',
      headers: otherStore.auth,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('SUBSCRIPTION_OFFER_NOT_FOUND');
    const updated = await app.inject({
      method: 'POST',
      url: '/v1/subscription-offers',
      headers: store.auth,
      payload: { ...offer, baseMonthlyMinor: 3199 },
    });
    expect(updated.statusCode).toBe(200);
    const inverted = await app.inject({
      method: 'POST',
      url: '/v1/subscription-offers',
      headers: store.auth,
      payload: {
        ...offer,
        terms: [
          { months: 3, discountPercent: 10 },
          { months: 6, discountPercent: 5 },
        ],
      },
    });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'terms' } });
  });

  it('starts, skips, pauses, resumes and cancels; refusals are 409; another store gets 404', async () => {
    const { app, store, otherStore } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/subscription-offers',
      headers: store.auth,
      payload: { ...offer, code: 'lifecycle' },
    });
    await app.inject({ method: 'POST', url: '/v1/customers', headers: store.auth, payload: { externalId: 'sub-1' } });
    const started = await app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: store.auth,
      payload: { customerId: 'sub-1', offer: 'lifecycle', termMonths: 6, startedOn: '2099-01-31' },
    });
    expect(started.statusCode).toBe(201);
    const sub = started.json();
    expect(sub).toMatchObject({
      status: 'active',
      termMonths: 6,
      monthlyMinor: 2624,
      commitmentEndsOn: '2099-07-31',
      nextDeliveryOn: '2099-01-31',
      externalCustomerId: 'sub-1',
    });
    const noTerm = await app.inject({
      method: 'POST',
      url: '/v1/subscriptions',
      headers: store.auth,
      payload: { customerId: 'sub-1', offer: 'lifecycle', termMonths: 12 },
    });
    expect(noTerm.statusCode).toBe(422);
    expect(noTerm.json().error.code).toBe('SUBSCRIPTION_TERM_NOT_OFFERED');

    const post = (action: string, payload?: Record<string, unknown>, auth = store.auth) =>
      app.inject({
        method: 'POST',
        url: `/v1/subscriptions/${sub.id}/${action}`,
        headers: auth,
        ...(payload ? { payload } : {}),
      });
    const skipped = await post('skip', { reason: 'too_much_product', note: 'still a full bag' });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({
      subscription: { nextDeliveryOn: '2099-02-28' },
      change: { kind: 'skipped', reason: 'too_much_product', note: 'still a full bag' },
    });
    const bare = await post('skip');
    expect(bare.json().subscription.nextDeliveryOn).toBe('2099-03-31');
    expect((await post('skip', { reason: 'bored' })).statusCode).toBe(400);
    const paused = await post('pause', { until: '2099-06-01', reason: 'traveling' });
    expect(paused.json().subscription).toMatchObject({
      status: 'paused',
      pausedUntil: '2099-06-01',
      nextDeliveryOn: '2099-06-30',
    });
    const skipPaused = await post('skip', {});
    expect(skipPaused.statusCode).toBe(409);
    expect(skipPaused.json().error).toMatchObject({
      code: 'SUBSCRIPTION_CHANGE_NOT_ALLOWED',
      details: { status: 'paused', change: 'skip' },
    });
    expect((await post('resume')).json().subscription).toMatchObject({
      status: 'active',
      nextDeliveryOn: '2099-03-31',
    });
    expect((await post('resume')).statusCode).toBe(409);
    expect((await post('cancel', {})).statusCode).toBe(400);
    const cancelled = await post('cancel', { reason: 'too_expensive', note: 'over budget' });
    expect(cancelled.json().subscription).toMatchObject({
      status: 'cancelled',
      cancelReason: 'too_expensive',
      endsOn: '2099-07-31',
    });

    expect((await post('skip', {}, otherStore.auth)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/subscriptions/${sub.id}`, headers: otherStore.auth })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/customers/sub-1/subscriptions', headers: otherStore.auth }))
        .statusCode,
    ).toBe(404);
    const mine = await app.inject({ method: 'GET', url: '/v1/customers/sub-1/subscriptions', headers: store.auth });
    expect(mine.json()).toMatchObject({
      externalCustomerId: 'sub-1',
      subscriptions: [{ id: sub.id, status: 'cancelled' }],
    });
  });

  it('reports churn reasons by month', async () => {
    const { app, store, otherStore } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/subscription-offers',
      headers: store.auth,
      payload: { ...offer, code: 'churn', sku: 'BEAN-CHURN' },
    });
    // The store's report also holds the other tests' cancels: compare against it before these.
    const month = new Date().toISOString().slice(0, 7);
    const countsOf = async () => {
      const body = (
        await app.inject({ method: 'GET', url: '/v1/subscriptions/churn-reasons', headers: store.auth })
      ).json();
      const current = body.months.find((m: { month: string }) => m.month === month);
      const reasons: { reason: string; count: number; share: number }[] = current?.cancelled.reasons ?? [];
      return {
        total: current?.cancelled.count ?? 0,
        byReason: Object.fromEntries(reasons.map((r) => [r.reason, r.count])),
        reasons,
      };
    };
    const before = await countsOf();
    const reasons = ['too_expensive', 'too_expensive', 'quality'];
    for (const [i, reason] of reasons.entries()) {
      await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: store.auth,
        payload: { externalId: `churn-${i}` },
      });
      const sub = (
        await app.inject({
          method: 'POST',
          url: '/v1/subscriptions',
          headers: store.auth,
          payload: { customerId: `churn-${i}`, sku: 'BEAN-CHURN', termMonths: 1 },
        })
      ).json();
      const cancelled = await app.inject({
        method: 'POST',
        url: `/v1/subscriptions/${sub.id}/cancel`,
        headers: store.auth,
        payload: { reason },
      });
      expect(cancelled.statusCode).toBe(200);
    }
    const after = await countsOf();
    expect(after.total - before.total).toBe(3);
    expect((after.byReason.too_expensive ?? 0) - (before.byReason.too_expensive ?? 0)).toBe(2);
    expect((after.byReason.quality ?? 0) - (before.byReason.quality ?? 0)).toBe(1);
    for (const r of after.reasons) expect(r.share).toBeCloseTo(r.count / after.total, 4);
    const none = await app.inject({
      method: 'GET',
      url: '/v1/subscriptions/churn-reasons?from=2000-01&to=2000-12',
      headers: store.auth,
    });
    expect(none.json().months).toEqual([]);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/subscriptions/churn-reasons?from=2000-13', headers: store.auth }))
        .statusCode,
    ).toBe(400);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/subscriptions/churn-reasons', headers: otherStore.auth })).json()
        .total.cancelled.count,
    ).toBe(0);
  });
});
