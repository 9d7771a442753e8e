import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { signShopperToken } from './shopper-token.js';
import { shopperSecrets, rotateShopperSecret } from './shopper-secret.service.js';
import { OTHER_ORIGIN, SHOP_URL, setUpShop, shopperAuth } from './shopper.fixtures.js';

describe.each(dialects)('shopper API on %s', (dialect) => {
  const ctx = useTestApp(dialect, { shopperRateLimitPerMinute: 40 });
  let ready: Promise<void> | undefined;
  const setUp = () => {
    const { app, database, store, otherStore } = ctx();
    ready ??= (async () => {
      await setUpShop(app, database.db, store, ['ana', 'bo', 'rl', 'race'], 250, { subscriptionFor: 'ana' });
      await setUpShop(app, database.db, otherStore, ['ana'], 9999);
    })();
    return ready;
  };

  it("GET /me answers the shopper's own points, tier, referral, challenges, membership and subscriptions", async () => {
    await setUp();
    const { app, database, store } = ctx();
    const ana = await shopperAuth(database.db, store.id, 'ana');
    const me = await app.inject({
      method: 'GET',
      url: '/v1/shopper/me',
      headers: { authorization: ana.authorization },
    });
    expect(me.statusCode).toBe(200);
    const body = me.json();
    expect(body).toMatchObject({
      customer: { externalId: 'ana', firstName: 'Ana' },
      points: { available: 250, pending: 0 },
      tier: { name: null, next: { name: 'Silver', threshold: 2000, missing: 2000 }, progress: 0 },
      challenges: [],
      membership: null,
    });
    expect(body.referral.code).toMatch(/\S/);
    expect(body.referral.link).toBe(`${SHOP_URL}/?ref=${encodeURIComponent(body.referral.code)}`);
    expect(body.subscriptions).toEqual([expect.objectContaining({ sku: 'BEAN-1', status: 'active' })]);
    // The same customer id in another store is another customer: 9999 points there, 250 here.
    const bo = await shopperAuth(database.db, store.id, 'bo');
    const boMe = (
      await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization: bo.authorization } })
    ).json();
    expect(boMe).toMatchObject({ customer: { externalId: 'bo' }, subscriptions: [] });
    expect(boMe.referral.code).not.toBe(body.referral.code);
  });

  it('GET /rewards lists what each reward costs and which the available points reach', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, 'bo');
    const rewards = await app.inject({ method: 'GET', url: '/v1/shopper/rewards', headers: { authorization } });
    expect(rewards.statusCode).toBe(200);
    expect(rewards.json()).toMatchObject({
      available: 250,
      currency: 'EUR',
      rewards: [
        { id: 'five-off', points: 100, affordable: true },
        { id: 'ship', points: 50, affordable: true },
        { id: 'big', points: 5000, affordable: false },
      ],
    });
  });

  it('POST /redeem spends points for a coupon, honours Idempotency-Key per shopper, and refuses too few points', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const bo = await shopperAuth(database.db, store.id, 'bo');
    const ana = await shopperAuth(database.db, store.id, 'ana');
    const redeem = (authorization: string, optionId: string, key?: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/shopper/redeem',
        headers: { authorization, ...(key === undefined ? {} : { 'idempotency-key': key }) },
        payload: { optionId },
      });
    const first = await redeem(bo.authorization, 'ship', 'k-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      points: -50,
      coupon: { kind: 'free_shipping', code: expect.stringMatching(/^PTS/) },
    });
    const replay = await redeem(bo.authorization, 'ship', 'k-1');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    // Another shopper with the same key and body gets their own coupon, never bo's.
    const other = await redeem(ana.authorization, 'ship', 'k-1');
    expect(other.statusCode).toBe(201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.json().coupon.code).not.toBe(first.json().coupon.code);
    const me = await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization: bo.authorization } });
    expect(me.json().points.available).toBe(200);
    const tooMuch = await redeem(bo.authorization, 'big');
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({
      code: 'INSUFFICIENT_POINTS',
      details: { available: 200, required: 5000 },
    });
    const unknown = await redeem(bo.authorization, 'nope');
    expect(unknown.json().error.code).toBe('LOYALTY_OPTION_NOT_FOUND');
    // The body names no customer: a field for one is refused, not obeyed.
    const smuggled = await app.inject({
      method: 'POST',
      url: '/v1/shopper/redeem',
      headers: { authorization: bo.authorization },
      payload: { optionId: 'ship', customerId: 'ana' },
    });
    expect(smuggled.statusCode).toBe(400);
  });

  it('concurrent redeems never overspend: 250 points buy exactly two 100-point rewards of twelve asked', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, 'race');
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/shopper/redeem',
          headers: { authorization },
          payload: { optionId: 'five-off' },
        }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(10);
    const me = await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization } });
    expect(me.json().points.available).toBe(50);
  });

  it('GET and PUT /preferences read and change topics, frequency and snooze, naming a bad field', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, 'bo');
    const before = await app.inject({ method: 'GET', url: '/v1/shopper/preferences', headers: { authorization } });
    expect(before.json()).toEqual({
      topics: { newsletter: true, replenishment: true, offers: true, loyalty: true, reviews: true },
      frequency: 'as_sent',
      snoozedUntil: null,
    });
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/shopper/preferences',
      headers: { authorization },
      payload: { topics: { newsletter: false }, frequency: 'weekly', snooze: true },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ topics: { newsletter: false, offers: true }, frequency: 'weekly' });
    const snoozed = Date.parse(put.json().snoozedUntil as string) - Date.now();
    expect(snoozed).toBeGreaterThan(29 * 86_400_000);
    expect(snoozed).toBeLessThanOrEqual(30 * 86_400_000);
    const after = await app.inject({ method: 'GET', url: '/v1/shopper/preferences', headers: { authorization } });
    expect(after.json()).toEqual(put.json());
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/shopper/preferences',
      headers: { authorization },
      payload: { topics: { spam: true } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    await app.inject({
      method: 'PUT',
      url: '/v1/shopper/preferences',
      headers: { authorization },
      payload: { topics: { newsletter: true }, frequency: 'as_sent', snooze: false },
    });
  });

  it('refuses a missing, malformed, tampered, expired, rotated-out or other-store token with 401 and a code', async () => {
    await setUp();
    const { app, database, store, otherStore } = ctx();
    const me = (authorization?: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/shopper/me',
        headers: authorization === undefined ? {} : { authorization },
      });
    const expectRefused = async (authorization: string | undefined, code: string) => {
      const answer = await me(authorization);
      expect(answer.statusCode, authorization).toBe(401);
      expect(answer.json().error.code).toBe(code);
    };
    await expectRefused(undefined, 'SHOPPER_TOKEN_INVALID');
    await expectRefused('Shopper nonsense', 'SHOPPER_TOKEN_INVALID');
    // The store's own API key opens nothing here.
    await expectRefused(store.auth.authorization, 'SHOPPER_TOKEN_INVALID');
    const { token } = await shopperAuth(database.db, store.id, 'ana');
    const [payload, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = (change: object) =>
      `Shopper ${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${mac}`;
    await expectRefused(forged({ customer: 'bo' }), 'SHOPPER_TOKEN_INVALID');
    await expectRefused(forged({ store: otherStore.id }), 'SHOPPER_TOKEN_INVALID');
    await expectRefused(forged({ exp: (claims.exp as number) + 3600 }), 'SHOPPER_TOKEN_INVALID');
    // Signed with the other store's secret but naming this store.
    const otherSecret = (await shopperSecrets(database.db, otherStore.id, new Date().toISOString())).current;
    const crossSigned = signShopperToken(otherSecret, {
      storeId: store.id,
      externalId: 'ana',
      expiresAt: claims.exp as number,
    });
    await expectRefused(`Shopper ${crossSigned}`, 'SHOPPER_TOKEN_INVALID');
    const secret = (await shopperSecrets(database.db, store.id, new Date().toISOString())).current;
    const expired = signShopperToken(secret, {
      storeId: store.id,
      externalId: 'ana',
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    await expectRefused(`Shopper ${expired}`, 'SHOPPER_TOKEN_EXPIRED');
    const stranger = signShopperToken(secret, {
      storeId: store.id,
      externalId: 'nobody',
      expiresAt: claims.exp as number,
    });
    await expectRefused(`Shopper ${stranger}`, 'SHOPPER_TOKEN_INVALID');
    // A token of the other store reads the other store's customer of the same id, never this one.
    const theirs = await shopperAuth(database.db, otherStore.id, 'ana');
    const theirMe = await me(theirs.authorization);
    expect(theirMe.statusCode, theirMe.body).toBe(200);
    expect(theirMe.json().points.available).toBe(9999);
  });

  it('keeps old tokens working through a rotation grace, and stops them when the grace is 0', async () => {
    await setUp();
    const { app, database, otherStore } = ctx();
    const before = await shopperAuth(database.db, otherStore.id, 'ana');
    const me = (authorization: string) =>
      app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization } });
    await rotateShopperSecret(database.db, otherStore.id, new Date().toISOString(), 3600);
    // The server trusts the secrets it read for up to 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await me(before.authorization)).statusCode).toBe(200);
    const after = await shopperAuth(database.db, otherStore.id, 'ana');
    expect((await me(after.authorization)).statusCode).toBe(200);
    await rotateShopperSecret(database.db, otherStore.id, new Date().toISOString(), 0);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await me(before.authorization)).statusCode).toBe(401);
    expect((await me(after.authorization)).statusCode).toBe(401);
    expect((await me((await shopperAuth(database.db, otherStore.id, 'ana')).authorization)).statusCode).toBe(200);
  });

  it('a shopper token opens no other /v1 route', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, 'ana');
    for (const url of ['/v1/customers/ana', '/v1/customers/ana/points', '/v1/loyalty/program', '/v1/tiers']) {
      const answer = await app.inject({ method: 'GET', url, headers: { authorization } });
      expect(answer.statusCode, url).toBe(401);
      expect(answer.json().error.code).toBe('UNAUTHENTICATED');
    }
    const redeem = await app.inject({
      method: 'POST',
      url: '/v1/loyalty/redeem',
      headers: { authorization },
      payload: { customerId: 'ana', optionId: 'ship' },
    });
    expect(redeem.statusCode).toBe(401);
  });

  it("CORS: the shop's own origins get the headers, another origin is refused, preflight included", async () => {
    await setUp();
    const { app, database, store } = ctx();
    const { authorization } = await shopperAuth(database.db, store.id, 'bo');
    for (const origin of [SHOP_URL, OTHER_ORIGIN]) {
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/v1/shopper/redeem',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.statusCode, origin).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, PUT, POST',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        vary: 'Origin',
      });
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      const me = await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization, origin } });
      expect(me.statusCode).toBe(200);
      expect(me.headers['access-control-allow-origin']).toBe(origin);
      expect(me.headers.vary).toContain('Origin');
    }
    const evil = 'https://evil.example';
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/shopper/me',
      headers: { origin: evil, 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/shopper/redeem',
      headers: { authorization, origin: evil },
      payload: { optionId: 'ship' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers.vary).toContain('Origin');
    // The other store's shop address is not this store's origin, though it passes a preflight.
    const { updateShopProfile } = await import('../stores/index.js');
    await updateShopProfile(
      database.db,
      ctx().otherStore.id,
      { url: 'https://other-shop.example' },
      new Date().toISOString(),
    );
    await new Promise((resolve) => setTimeout(resolve, 5100));
    const crossShop = await app.inject({
      method: 'GET',
      url: '/v1/shopper/me',
      headers: { authorization, origin: 'https://other-shop.example' },
    });
    expect(crossShop.statusCode).toBe(403);
    // Without an Origin (the store's backend, curl) there is nothing to check.
    expect((await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization } })).statusCode).toBe(
      200,
    );
    // A 401 to a known shop's page carries the header, so the page can read it and fetch a new token.
    const unauthorized = await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { origin: SHOP_URL } });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toBe(SHOP_URL);
  });

  it('rate limits per shopper: 429 with Retry-After, while another shopper goes on', async () => {
    await setUp();
    const { app, database, store } = ctx();
    const rl = await shopperAuth(database.db, store.id, 'rl');
    const bo = await shopperAuth(database.db, store.id, 'bo');
    const answers = [];
    for (let i = 0; i < 41; i += 1)
      answers.push(
        await app.inject({
          method: 'GET',
          url: '/v1/shopper/preferences',
          headers: { authorization: rl.authorization },
        }),
      );
    const limited = answers.at(-1)!;
    expect(answers.slice(0, 40).every((a) => a.statusCode === 200)).toBe(true);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/shopper/preferences',
          headers: { authorization: bo.authorization },
        })
      ).statusCode,
    ).toBe(200);
    // A second token of the same shopper shares the limit.
    const again = await shopperAuth(database.db, store.id, 'rl', 60);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/shopper/me', headers: { authorization: again.authorization } }))
        .statusCode,
    ).toBe(429);
  });

  it('documents the routes with the shopper scheme in the OpenAPI document', async () => {
    const { app } = ctx();
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/v1/shopper/me', '/v1/shopper/rewards', '/v1/shopper/redeem', '/v1/shopper/preferences'])
      expect(Object.keys(doc.paths as object)).toContain(path);
    expect(doc.paths['/v1/shopper/me'].get.security).toEqual([{ shopperAuth: [] }]);
    expect(doc.components.securitySchemes.shopperAuth).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
  });
});
