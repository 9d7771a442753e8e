import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/test-app.js';
import { dialects } from '../../../test/support/test-database.js';
import { appUninstalledPayload } from './fake-shopify.fixtures.js';
import { installApp, injectTransport, useFakeShopify } from './shopify-app.fixtures.js';

const SHOP = 'proxy-beans.myshopify.com';
const CUSTOMER_ID = '7064055069303700841';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'shopify-webhooks', name), 'utf8');

describe.each(dialects)("the theme widget's shopper token through Shopify's App Proxy on %s", (dialect) => {
  const shopify = useFakeShopify();
  let offsetMs = 0;
  const ctx = useTestApp(dialect, {
    get config() {
      return shopify.config();
    },
    now: () => Date.now() + offsetMs,
  });
  const app = () => ctx().app;
  const proxied = (options: Parameters<ReturnType<typeof shopify.fake>['appProxyRequest']>[1], shop = SHOP) =>
    app().inject({ method: 'GET', url: shopify.fake().appProxyRequest(shop, options) });

  it('refuses a shop that has not installed the app, once its signature is right', async () => {
    const answer = await proxied({ path: '/shopper-token', customerId: CUSTOMER_ID });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.code).toBe('SHOPIFY_NOT_INSTALLED');
  });

  it('mints a token for the signed-in customer that opens /v1/shopper/me as that customer', async () => {
    const { otherStore } = ctx();
    const fake = shopify.fake();
    expect((await installApp(app(), fake, otherStore.auth, SHOP)).status).toBe(302);
    const customer = fixture('customers-create.json').replace(/"id": \d+/, `"id": ${CUSTOMER_ID}`);
    const [created] = await fake.sendWebhook(SHOP, 'customers/create', customer, injectTransport(app));
    expect(created.status, created.body).toBe(200);

    const answer = await proxied({ path: '/shopper-token', customerId: CUSTOMER_ID });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = answer.json();
    expect(body).toMatchObject({ store: otherStore.id, shop: SHOP, customer: CUSTOMER_ID });
    const lifetime = Date.parse(body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(14 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);

    const me = await app().inject({
      method: 'GET',
      url: '/v1/shopper/me',
      headers: { authorization: `Shopper ${body.token}` },
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().customer.externalId).toBe(CUSTOMER_ID);
    // The token opens nothing of the store's API.
    const orders = await app().inject({
      method: 'GET',
      url: '/v1/settings/shopify-app',
      headers: { authorization: `Shopper ${body.token}` },
    });
    expect(orders.statusCode).toBe(401);
  });

  it('answers a guest, and a signed-in customer Regulars does not know yet, without a token', async () => {
    const { otherStore } = ctx();
    for (const customerId of [null, '999000111222333']) {
      const answer = await proxied({ path: '/shopper-token', customerId });
      expect(answer.statusCode, answer.body).toBe(200);
      expect(answer.json()).toEqual({ store: otherStore.id, shop: SHOP, customer: null, token: null, expiresAt: null });
    }
  });

  it('refuses a tampered query, another secret, a late request and an unsigned one with 401', async () => {
    const fake = shopify.fake();
    const signed = fake.appProxyRequest(SHOP, { path: '/shopper-token', customerId: '1' });
    const tampered = signed.replace('logged_in_customer_id=1', `logged_in_customer_id=${CUSTOMER_ID}`);
    const cases = [
      tampered,
      fake.appProxyRequest(SHOP, { path: '/shopper-token', customerId: CUSTOMER_ID, secret: 'another-apps-secret' }),
      fake.appProxyRequest(SHOP, {
        path: '/shopper-token',
        customerId: CUSTOMER_ID,
        timestamp: Math.floor(Date.now() / 1000) - 301,
      }),
      `/shopify/proxy/shopper-token?shop=${SHOP}&logged_in_customer_id=${CUSTOMER_ID}`,
    ];
    for (const url of cases) {
      const answer = await app().inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(401);
      expect(answer.json().error.code).toBe('SHOPIFY_PROXY_INVALID');
      expect(answer.body).not.toContain('"token"');
    }
    // The same URL, fine now, is refused once 5 minutes have passed (a copied link replayed later).
    const fresh = fake.appProxyRequest(SHOP, { path: '/shopper-token', customerId: CUSTOMER_ID });
    expect((await app().inject({ method: 'GET', url: fresh })).statusCode).toBe(200);
    offsetMs = 301_000;
    try {
      expect((await app().inject({ method: 'GET', url: fresh })).statusCode).toBe(401);
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a shop whose app was uninstalled', async () => {
    const fake = shopify.fake();
    const [done] = await fake.sendWebhook(SHOP, 'app/uninstalled', appUninstalledPayload(SHOP), injectTransport(app));
    expect(done.status, done.body).toBe(200);
    const answer = await proxied({ path: '/shopper-token', customerId: CUSTOMER_ID });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.code).toBe('SHOPIFY_NOT_INSTALLED');
  });
});
