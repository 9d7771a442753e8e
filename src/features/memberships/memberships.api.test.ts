import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const plan = {
  code: 'Club-Yearly',
  name: 'Coffee Club',
  feeMinor: 4900,
  currency: 'EUR',
  periodMonths: 12,
  perks: { freeShipping: true, extraPointsMultiplier: 1.5, textPerks: ['Early access to new roasts'] },
};

describe.each(dialects)('memberships API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('creates and lists plans; a taken code is 409, a bad body 400', async () => {
    const { app, store, otherStore } = ctx();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/membership-plans',
      headers: store.auth,
      payload: plan,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'club-yearly',
      feeMinor: 4900,
      periodMonths: 12,
      renewalReminderDays: 7,
      perks: {
        freeShipping: true,
        extraPointsMultiplier: 1.5,
        memberCouponPercent: null,
        textPerks: ['Early access to new roasts'],
      },
    });
    const again = await app.inject({ method: 'POST', url: '/v1/membership-plans', headers: store.auth, payload: plan });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MEMBERSHIP_PLAN_CODE_TAKEN');
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/membership-plans',
      headers: store.auth,
      payload: { ...plan, code: 'x', periodMonths: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const badPrecision = await app.inject({
      method: 'POST',
      url: '/v1/membership-plans',
      headers: store.auth,
      payload: { ...plan, code: 'y', perks: { extraPointsMultiplier: 1.255 } },
    });
    expect(badPrecision.json().error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'perks.extraPointsMultiplier' },
    });
    const listed = await app.inject({ method: 'GET', url: '/v1/membership-plans', headers: store.auth });
    expect(listed.json().plans.map((p: { code: string }) => p.code)).toEqual(['club-yearly']);
    expect((await app.inject({ method: 'GET', url: '/v1/membership-plans', headers: otherStore.auth })).json()).toEqual(
      { plans: [] },
    );
  });

  it('starts a membership for an external customer id, changes it by provider status, idempotent per event id', async () => {
    const { app, store, otherStore } = ctx();
    await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: store.auth,
      payload: { externalId: 'shop-42', email: 'm@example.com' },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/membership-plans',
      headers: store.auth,
      payload: { ...plan, code: 'monthly', periodMonths: 1 },
    });
    const started = await app.inject({
      method: 'POST',
      url: '/v1/memberships',
      headers: store.auth,
      payload: { plan: 'monthly', customerId: 'shop-42', startedAt: '2024-01-31T10:00:00+01:00' },
    });
    expect(started.statusCode).toBe(201);
    const membership = started.json();
    expect(membership).toMatchObject({
      status: 'active',
      externalCustomerId: 'shop-42',
      planCode: 'monthly',
      currentPeriodStart: '2024-01-31T09:00:00.000Z',
      currentPeriodEnd: '2024-02-29T09:00:00.000Z',
    });
    expect(membership.id).toMatch(/^mbr_/);
    const twice = await app.inject({
      method: 'POST',
      url: '/v1/memberships',
      headers: store.auth,
      payload: { plan: 'monthly', customerId: 'shop-42' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({
      code: 'MEMBERSHIP_ALREADY_CURRENT',
      details: { membershipId: membership.id },
    });

    const status = (payload: Record<string, unknown>, auth = store.auth) =>
      app.inject({ method: 'POST', url: `/v1/memberships/${membership.id}/status`, headers: auth, payload });
    const failed = await status({ status: 'payment_failed', eventId: 'evt_1', occurredAt: '2024-02-29T09:01:00Z' });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({
      outcome: 'changed',
      membership: { status: 'past_due', hasBenefits: false, planCode: 'monthly' },
    });
    expect((await status({ status: 'payment_failed', eventId: 'evt_1' })).json()).toMatchObject({
      outcome: 'duplicate',
    });
    const reused = await status({ status: 'paid', eventId: 'evt_1' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('MEMBERSHIP_EVENT_ID_REUSED');
    expect((await status({ status: 'paid', eventId: 'evt_2' })).json()).toMatchObject({
      outcome: 'changed',
      membership: { status: 'active', currentPeriodEnd: '2024-03-31T09:00:00.000Z' },
    });
    expect((await status({ status: 'expired', eventId: 'evt_3' })).json()).toMatchObject({
      membership: { status: 'expired' },
    });
    const refused = await status({ status: 'renewed', eventId: 'evt_4' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'MEMBERSHIP_TRANSITION_NOT_ALLOWED',
      details: { from: 'expired', status: 'renewed' },
    });
    expect((await status({ status: 'bogus' })).statusCode).toBe(400);

    // Another store sees none of it.
    expect((await status({ status: 'cancelled' }, otherStore.auth)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/memberships/${membership.id}`, headers: otherStore.auth }))
        .statusCode,
    ).toBe(404);
    const foreign = await app.inject({
      method: 'GET',
      url: '/v1/customers/shop-42/memberships',
      headers: otherStore.auth,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    const foreignStart = await app.inject({
      method: 'POST',
      url: '/v1/memberships',
      headers: otherStore.auth,
      payload: { plan: 'monthly', customerId: 'shop-42' },
    });
    expect(foreignStart.statusCode).toBe(404);
  });

  it("lists a customer's memberships with the perks they give now", async () => {
    const { app, store } = ctx();
    const customer = (
      await app.inject({ method: 'POST', url: '/v1/customers', headers: store.auth, payload: { externalId: 'perky' } })
    ).json();
    await app.inject({
      method: 'POST',
      url: '/v1/membership-plans',
      headers: store.auth,
      payload: { ...plan, code: 'perks-plan' },
    });
    const started = (
      await app.inject({
        method: 'POST',
        url: '/v1/memberships',
        headers: store.auth,
        payload: { plan: 'perks-plan', customerId: 'perky' },
      })
    ).json();
    const byExternal = await app.inject({ method: 'GET', url: '/v1/customers/perky/memberships', headers: store.auth });
    expect(byExternal.statusCode).toBe(200);
    expect(byExternal.json()).toMatchObject({
      customerId: customer.id,
      externalCustomerId: 'perky',
      perks: { freeShipping: true, extraPointsMultiplier: 1.5, membershipIds: [started.id] },
      memberships: [{ id: started.id, status: 'active', hasBenefits: true, planCode: 'perks-plan' }],
    });
    const byRegularsId = await app.inject({
      method: 'GET',
      url: `/v1/customers/${customer.id}/memberships`,
      headers: store.auth,
    });
    expect(byRegularsId.json().memberships).toHaveLength(1);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/customers/nobody/memberships', headers: store.auth })).statusCode,
    ).toBe(404);
  });

  it('documents every membership and subscription route in the OpenAPI document', async () => {
    const { app } = ctx();
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths as object);
    for (const path of [
      '/v1/membership-plans',
      '/v1/memberships',
      '/v1/memberships/{id}/status',
      '/v1/customers/{id}/memberships',
      '/v1/subscription-offers',
      '/v1/subscriptions/quote',
      '/v1/subscriptions',
      '/v1/subscriptions/{id}/skip',
      '/v1/subscriptions/{id}/pause',
      '/v1/subscriptions/{id}/resume',
      '/v1/subscriptions/{id}/cancel',
      '/v1/customers/{id}/subscriptions',
      '/v1/subscriptions/churn-reasons',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
