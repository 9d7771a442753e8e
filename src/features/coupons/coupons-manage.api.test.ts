import { describe, expect, it } from 'vitest';
import { addUser, login, sessionOf, TEST_POLICY } from '../console/console-auth.fixtures.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';

describe.each(dialects)('creating and listing coupons over the API on %s', (dialect) => {
  const ctx = useTestApp(dialect, { console: { folder: null, policy: TEST_POLICY } });

  it('creates a coupon and a batch of unique codes, lists them newest first with their uses', async () => {
    const { app, store, otherStore } = ctx();
    const one = await app.inject({
      method: 'POST',
      url: '/v1/coupons',
      headers: store.auth,
      payload: { code: 'welcome10', kind: 'percent', value: 10, usageLimit: 100 },
    });
    expect(one.statusCode).toBe(201);
    expect(one.json()).toMatchObject({ code: 'WELCOME10', kind: 'percent', value: 10, usageLimit: 100, uses: 0 });
    const again = await app.inject({
      method: 'POST',
      url: '/v1/coupons',
      headers: store.auth,
      payload: { code: 'WELCOME10', kind: 'percent', value: 5 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('COUPON_CODE_TAKEN');
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/coupons',
      headers: store.auth,
      payload: { code: 'TOOMUCH', kind: 'percent', value: 150 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('value');

    const batch = await app.inject({
      method: 'POST',
      url: '/v1/coupons/batch',
      headers: store.auth,
      payload: { count: 25, prefix: 'vip', kind: 'amount', value: 500, currency: 'EUR', usageLimit: 1 },
    });
    expect(batch.statusCode).toBe(201);
    const { created, codes } = batch.json();
    expect(created).toBe(25);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes) expect(code).toMatch(/^VIP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // A redemption shows in the uses.
    const redeemed = await app.inject({
      method: 'POST',
      url: '/v1/coupons/redeem',
      headers: store.auth,
      payload: { code: codes[0], customerId: 'c-1', orderId: 'o-1', subtotalMinor: 3000, currency: 'EUR' },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);

    const listing = await app.inject({ method: 'GET', url: '/v1/coupons?limit=10', headers: store.auth });
    expect(listing.statusCode).toBe(200);
    const body = listing.json();
    expect(body.total).toBe(26);
    expect(body.totalUses).toBe(1);
    expect(body.coupons).toHaveLength(10);
    expect(body.coupons.every((c: { code: string }) => c.code.startsWith('VIP-'))).toBe(true);
    expect(body.coupons[0]).not.toHaveProperty('storeId');
    const all = (await app.inject({ method: 'GET', url: '/v1/coupons?limit=500', headers: store.auth })).json();
    expect(all.coupons.find((c: { code: string }) => c.code === codes[0]).uses).toBe(1);
    expect(all.coupons.at(-1).code).toBe('WELCOME10');

    // The other store sees none of them, and may use the same code for its own coupon.
    const foreign = (await app.inject({ method: 'GET', url: '/v1/coupons', headers: otherStore.auth })).json();
    expect(foreign).toEqual({ coupons: [], total: 0, totalUses: 0 });
  });

  it('lets a marketer create coupons and refuses a viewer with ROLE_FORBIDDEN', async () => {
    const { app, database, store } = ctx();
    await addUser(database.db, store.id, 'marketer@coupons.example', 'marketer');
    await addUser(database.db, store.id, 'viewer@coupons.example', 'viewer');
    const headersOf = async (email: string) => {
      const { cookie } = await login(app, { email });
      return { cookie, 'x-csrf-token': (await sessionOf(app, cookie)).csrfToken };
    };
    const payload = { count: 3, kind: 'free_shipping', value: 0 };
    const marketer = await headersOf('marketer@coupons.example');
    expect(
      (await app.inject({ method: 'POST', url: '/v1/coupons/batch', headers: marketer, payload })).statusCode,
    ).toBe(201);
    const viewer = await headersOf('viewer@coupons.example');
    const refused = await app.inject({ method: 'POST', url: '/v1/coupons/batch', headers: viewer, payload });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ROLE_FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: '/v1/coupons', headers: viewer })).statusCode).toBe(200);
  });

  it("answers the store's challenge rules and its latest challenges", async () => {
    const { app, store } = ctx();
    const settings = await app.inject({ method: 'GET', url: '/v1/challenges/settings', headers: store.auth });
    expect(settings.json()).toMatchObject({ windowDays: 28, bonusPoints: { frequency: 100 } });
    const listing = await app.inject({ method: 'GET', url: '/v1/challenges?limit=5', headers: store.auth });
    expect(listing.json()).toEqual({ challenges: [] });
  });
});
