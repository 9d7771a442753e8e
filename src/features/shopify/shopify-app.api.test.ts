import { describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUninstalledPayload } from './fake-shopify.fixtures.js';
import {
  APP_URL,
  CLIENT_ID,
  installApp,
  injectTransport,
  SECRET_KEY_HEX,
  useFakeShopify,
} from './shopify-app.fixtures.js';
import { SHOPIFY_APP_WEBHOOKS, SHOPIFY_SCOPES, signOAuthQuery } from './shopify-app.js';
import { openSecret } from '../../platform/secret-cipher.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name), 'utf8');

describe.each(dialects)('the Shopify app install on %s', (dialect) => {
  const shopify = useFakeShopify();
  let offsetMs = 0;
  const ctx = useTestApp(dialect, {
    get config() {
      return shopify.config();
    },
    now: () => Date.now() + offsetMs,
  });
  const app = () => ctx().app;
  const status = async (auth: { authorization: string }) =>
    (await app().inject({ method: 'GET', url: '/v1/settings/shopify-app', headers: auth })).json();

  /** A callback URL's query with some parameters changed, signed again with the right secret unless `resign` is false. */
  const tamper = (callback: string, change: Record<string, string>, resign = true) => {
    const query = Object.fromEntries(new URL(callback).searchParams);
    const { hmac, ...rest } = query;
    const next = { ...rest, ...change };
    const signed = resign ? signOAuthQuery(next, shopify.fake().clientSecret) : hmac;
    return `/shopify/callback?${new URLSearchParams({ ...next, hmac: signed }).toString()}`;
  };

  it('installs: install URL, signed callback, token stored encrypted, webhooks registered, app webhooks accepted', async () => {
    const { otherStore, database } = ctx();
    const fake = shopify.fake();
    const shop = 'sunny-beans.myshopify.com';
    expect(await status(otherStore.auth)).toMatchObject({ state: 'not_connected', configured: true });

    const started = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/connect',
      headers: otherStore.auth,
      payload: { shop: 'Sunny-Beans' },
    });
    expect(started.statusCode).toBe(200);
    const url = new URL(started.json().installUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/${shop}/admin/oauth/authorize`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('scope')).toBe(SHOPIFY_SCOPES.join(','));
    expect(url.searchParams.get('redirect_uri')).toBe(`${APP_URL}/shopify/callback`);
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    // Only the state's hash is stored.
    const states = await database.db.selectFrom('shopify_oauth_states').selectAll().execute();
    expect(states.map((s) => s.state_hash)).not.toContain(url.searchParams.get('state'));

    const callback = new URL(await fake.approve(url.toString()));
    const done = await app().inject({ method: 'GET', url: `${callback.pathname}${callback.search}` });
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/settings?shopify=installed#shopify-app');

    const state = await status(otherStore.auth);
    expect(state).toMatchObject({
      state: 'installed',
      shop,
      missingScopes: [],
      webhookError: null,
      apiVersion: '2025-10',
    });
    expect(state.scopes).toEqual([...SHOPIFY_SCOPES]);
    expect(state.webhooks.map((w: { topic: string }) => w.topic)).toEqual(SHOPIFY_APP_WEBHOOKS.map((w) => w.topic));

    // The token at rest: not the token, and opened only with the key and for this store.
    const token = fake.shop(shop).accessToken!;
    const row = await database.db
      .selectFrom('shopify_installations')
      .selectAll()
      .where('store_id', '=', otherStore.id)
      .executeTakeFirstOrThrow();
    expect(row.access_token).not.toBe(token);
    expect(row.access_token).not.toContain(token);
    expect(row.access_token).not.toContain(Buffer.from(token).toString('base64url'));
    expect(row.access_token).toMatch(/^v1\./);
    const key = Buffer.from(SECRET_KEY_HEX, 'hex');
    expect(openSecret([key], row.access_token!, `shopify-access-token:${otherStore.id}`)).toBe(token);
    expect(openSecret([key], row.access_token!, `shopify-access-token:${ctx().store.id}`)).toBeNull();
    expect(openSecret([Buffer.alloc(32, 1)], row.access_token!, `shopify-access-token:${otherStore.id}`)).toBeNull();

    // Subscriptions in the shop, each once, to this store's receiver.
    const subscriptions = fake.shop(shop).webhookSubscriptions;
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(SHOPIFY_APP_WEBHOOKS.map((w) => w.topic).sort());
    expect(new Set(subscriptions.map((s) => s.uri))).toEqual(new Set([`${APP_URL}/webhooks/shopify/${otherStore.id}`]));

    // The store has no Shopify secret of its own: the app's client secret signs its webhooks.
    const [delivered] = await fake.sendWebhook(
      shop,
      'orders/create',
      fixture('orders-create.json'),
      injectTransport(app),
    );
    expect(delivered.status, delivered.body).toBe(200);
    expect(JSON.parse(delivered.body)).toMatchObject({ outcome: 'processed', topic: 'orders/create' });
    // ...and a body signed with another secret is refused.
    const forged = await fake.deliver(
      subscriptions[0].uri,
      shop,
      'orders/create',
      fixture('orders-create.json'),
      injectTransport(app),
      'not-the-secret',
    );
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body).error.code).toBe('INVALID_SIGNATURE');
  });

  it('registers webhooks once: a second registration and a reinstall make none again', async () => {
    const { otherStore } = ctx();
    const fake = shopify.fake();
    const shop = 'sunny-beans.myshopify.com';
    const before = fake.shop(shop).webhookSubscriptions.length;
    expect(before).toBe(SHOPIFY_APP_WEBHOOKS.length);
    const again = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/register-webhooks',
      headers: otherStore.auth,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, error: null });
    expect(again.json().webhooks).toHaveLength(SHOPIFY_APP_WEBHOOKS.length);
    const reinstall = await installApp(app(), fake, otherStore.auth, shop);
    expect(reinstall.status).toBe(302);
    expect(fake.shop(shop).webhookSubscriptions).toHaveLength(before);
  });

  it('refuses a tampered callback (hmac, state, shop) and changes nothing', async () => {
    const { store, database } = ctx();
    const fake = shopify.fake();
    const shop = 'tampered-test.myshopify.com';
    const started = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/connect',
      headers: store.auth,
      payload: { shop },
    });
    const callback = await fake.approve(started.json().installUrl);
    const attempt = async (path: string) => {
      const answer = await app().inject({ method: 'GET', url: path });
      return { status: answer.statusCode, code: answer.json().error?.code as string | undefined };
    };
    // hmac: a parameter changed without signing again; an hmac removed; one in another case of hex.
    expect(await attempt(tamper(callback, { timestamp: '1' }, false))).toEqual({
      status: 401,
      code: 'SHOPIFY_OAUTH_HMAC_INVALID',
    });
    expect(await attempt(tamper(callback, {}, false).replace(/&hmac=[0-9a-f]+/, ''))).toEqual({
      status: 401,
      code: 'SHOPIFY_OAUTH_HMAC_INVALID',
    });
    const wrongSecret = new URL(callback, APP_URL);
    const params = Object.fromEntries(wrongSecret.searchParams);
    delete params.hmac;
    expect(
      await attempt(
        `/shopify/callback?${new URLSearchParams({ ...params, hmac: signOAuthQuery(params, 'other-secret') })}`,
      ),
    ).toEqual({ status: 401, code: 'SHOPIFY_OAUTH_HMAC_INVALID' });
    // state: one never issued, correctly signed.
    expect(await attempt(tamper(callback, { state: 'made-up-state' }))).toEqual({
      status: 400,
      code: 'SHOPIFY_OAUTH_STATE_INVALID',
    });
    // shop: not a myshopify.com host, and another shop than the state's.
    for (const bad of [
      'evil.example.com',
      'sunny.myshopify.com.evil.example',
      'a.myshopify.com:8443',
      'a.myshopify.com/x',
    ])
      expect(await attempt(tamper(callback, { shop: bad }))).toEqual({ status: 400, code: 'SHOPIFY_SHOP_INVALID' });
    expect(await attempt(tamper(callback, { shop: 'someone-else.myshopify.com' }))).toEqual({
      status: 400,
      code: 'SHOPIFY_OAUTH_STATE_INVALID',
    });
    // The shop-mismatch attempt used the state up: the genuine callback is refused now too.
    const genuine = new URL(callback);
    expect(await attempt(`${genuine.pathname}${genuine.search}`)).toEqual({
      status: 400,
      code: 'SHOPIFY_OAUTH_STATE_INVALID',
    });
    expect(await status(store.auth)).toMatchObject({ state: 'not_connected' });
    expect(fake.shop(shop).accessToken).toBeNull();

    // An expired state: 31 minutes between connect and callback.
    const late = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/connect',
      headers: store.auth,
      payload: { shop },
    });
    const lateCallback = new URL(await fake.approve(late.json().installUrl));
    offsetMs = 31 * 60_000;
    try {
      expect(await attempt(`${lateCallback.pathname}${lateCallback.search}`)).toEqual({
        status: 400,
        code: 'SHOPIFY_OAUTH_STATE_INVALID',
      });
    } finally {
      offsetMs = 0;
    }
    expect(
      await database.db.selectFrom('shopify_installations').selectAll().where('store_id', '=', store.id).execute(),
    ).toEqual([]);
  });

  it('refuses a shop that is not *.myshopify.com at connect, and a shop another store holds', async () => {
    const { store } = ctx();
    const bad = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/connect',
      headers: store.auth,
      payload: { shop: 'https://evil.example.com/admin' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SHOPIFY_SHOP_INVALID', details: { field: 'shop' } });
    const taken = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/connect',
      headers: store.auth,
      payload: { shop: 'sunny-beans.myshopify.com' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'SHOPIFY_SHOP_TAKEN', details: { storeId: ctx().otherStore.id } });
  });

  it('app/uninstalled marks the store uninstalled and drops the token; a reinstall connects it again', async () => {
    const { otherStore, database } = ctx();
    const fake = shopify.fake();
    const shop = 'sunny-beans.myshopify.com';
    const [delivered] = await fake.sendWebhook(
      shop,
      'app/uninstalled',
      appUninstalledPayload(shop),
      injectTransport(app),
    );
    expect(delivered.status, delivered.body).toBe(200);
    expect(JSON.parse(delivered.body)).toMatchObject({
      outcome: 'processed',
      topic: 'app/uninstalled',
      storeId: otherStore.id,
    });
    const after = await status(otherStore.auth);
    expect(after).toMatchObject({ state: 'uninstalled', shop, webhooks: [] });
    expect(after.uninstalledAt).not.toBeNull();
    const row = await database.db
      .selectFrom('shopify_installations')
      .select('access_token')
      .where('store_id', '=', otherStore.id)
      .executeTakeFirstOrThrow();
    expect(row.access_token).toBeNull();
    const repair = await app().inject({
      method: 'POST',
      url: '/v1/settings/shopify-app/register-webhooks',
      headers: otherStore.auth,
    });
    expect(repair.json().error.code).toBe('SHOPIFY_NOT_INSTALLED');

    // Shopify deletes an uninstalled app's subscriptions; the reinstall makes them again.
    fake.shop(shop).webhookSubscriptions.length = 0;
    const again = await installApp(app(), fake, otherStore.auth, shop);
    expect(again.status).toBe(302);
    expect(await status(otherStore.auth)).toMatchObject({ state: 'installed', uninstalledAt: null });
    expect(fake.shop(shop).webhookSubscriptions).toHaveLength(SHOPIFY_APP_WEBHOOKS.length);
  });

  it('answers SHOPIFY_APP_NOT_CONFIGURED naming what is missing when the server has no app configured', async () => {
    const { buildApp } = await import('../../platform/http/build-app.js');
    const { loadConfig } = await import('../../platform/config.js');
    const bare = await buildApp({
      db: ctx().database.db,
      dialect: dialect === 'sqlite' ? 'sqlite' : 'postgres',
      config: loadConfig({}),
    });
    try {
      const answer = await bare.inject({
        method: 'POST',
        url: '/v1/settings/shopify-app/connect',
        headers: ctx().store.auth,
        payload: { shop: 'x.myshopify.com' },
      });
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error.details.missing).toEqual([
        'REGULARS_SHOPIFY_CLIENT_ID',
        'REGULARS_SHOPIFY_CLIENT_SECRET',
        'REGULARS_SHOPIFY_APP_URL',
        'REGULARS_SECRET_KEY',
      ]);
    } finally {
      await bare.close();
    }
  });
});
