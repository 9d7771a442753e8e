import { describe, expect, it } from 'vitest';
import { evaluateCustomerTier } from './update-tier-for-order.service.js';
import { findCustomerByExternalId } from '../customers/customer.repository.js';
import { orderBody, useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

const SETTINGS = {
  basis: 'lifetime_spend',
  currency: 'USD',
  levels: [
    { name: 'Silver', threshold: 2_000, perks: { earnMultiplier: 1.25, partnerPerks: ['10% at the bakery'] } },
    { name: 'Gold', threshold: 10_000, perks: { earnMultiplier: 2, freeShipping: true } },
  ],
};

describe.each(dialects)('tiers API on %s', (dialect) => {
  const ctx = useTestApp(dialect);

  it('sets and reads the settings, naming a bad field', async () => {
    const { app, store, otherStore } = ctx();
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/tiers',
      headers: store.auth,
      payload: { ...SETTINGS, levels: [SETTINGS.levels[1], SETTINGS.levels[0]] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'levels[1].threshold' } });
    const none = await app.inject({ method: 'GET', url: '/v1/tiers', headers: store.auth });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('TIERS_NOT_CONFIGURED');

    const put = await app.inject({ method: 'PUT', url: '/v1/tiers', headers: store.auth, payload: SETTINGS });
    expect(put.statusCode).toBe(200);
    expect(put.json().levels[0].perks).toEqual({
      earnMultiplier: 1.25,
      freeShipping: false,
      memberCouponPercent: null,
      partnerPerks: ['10% at the bakery'],
    });
    const get = await app.inject({ method: 'GET', url: '/v1/tiers', headers: store.auth });
    expect(get.json()).toEqual(put.json());
    // Another store has its own (none).
    expect((await app.inject({ method: 'GET', url: '/v1/tiers', headers: otherStore.auth })).statusCode).toBe(404);
  });

  it("answers a customer's tier by their external id, and 404 for another store's customer", async () => {
    const { app, store, otherStore, database } = ctx();
    await app.inject({ method: 'PUT', url: '/v1/tiers', headers: store.auth, payload: SETTINGS });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: store.auth,
      payload: orderBody({
        externalId: 't-1',
        customer: { externalId: 'tier-1' },
        orderedAt: new Date().toISOString(),
        totalMinor: 2_598,
      }),
    });
    expect(created.statusCode).toBe(201);
    const customer = (await findCustomerByExternalId(database.db, store.id, 'tier-1'))!;
    await evaluateCustomerTier(database.db, store.id, customer.id, new Date().toISOString());

    const answer = await app.inject({ method: 'GET', url: '/v1/customers/tier-1/tier', headers: store.auth });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      customerId: 'tier-1',
      tier: {
        name: 'Silver',
        perks: { earnMultiplier: 1.25 },
        since: expect.any(String),
        periodEnd: expect.any(String),
      },
      measure: { basis: 'lifetime_spend', value: 2_598, currency: 'USD', windowStart: null },
      qualifiesFor: 'Silver',
      nextTier: { name: 'Gold', threshold: 10_000, missing: 7_402 },
    });

    const other = await app.inject({ method: 'GET', url: '/v1/customers/tier-1/tier', headers: otherStore.auth });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('CUSTOMER_NOT_FOUND');
    // Regulars' id works too, in its own store only.
    const byOwnId = await app.inject({ method: 'GET', url: `/v1/customers/${customer.id}/tier`, headers: store.auth });
    expect(byOwnId.json()).toMatchObject({ customerId: 'tier-1', tier: { name: 'Silver' } });
    expect(
      (await app.inject({ method: 'GET', url: `/v1/customers/${customer.id}/tier`, headers: otherStore.auth }))
        .statusCode,
    ).toBe(404);
    const missing = await app.inject({ method: 'GET', url: '/v1/customers/nobody/tier', headers: store.auth });
    expect(missing.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/customers/tier-1/tier' })).statusCode).toBe(401);
  });
});
