import { describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { dbArgs, runCli } from '../../../test/support/run-cli.js';
import { dialects, sqlDialect, useTestDatabase } from '../../../test/support/test-database.js';
import { APP_URL, CLIENT_ID, CLIENT_SECRET, SECRET_KEY_HEX, useFakeShopify } from './shopify-app.fixtures.js';

describe.each(dialects)('regulars shopify on %s', (dialect) => {
  const database = useTestDatabase(dialect);
  const shopify = useFakeShopify();

  it('connect prints the install URL; status shows the app before and after the install', async () => {
    const { db, target } = database();
    const { store } = await createStore(db, { name: 'CLI shop' });
    const { args, env: dbEnv } = dbArgs(target);
    const env = {
      ...dbEnv,
      REGULARS_SHOPIFY_CLIENT_ID: CLIENT_ID,
      REGULARS_SHOPIFY_CLIENT_SECRET: CLIENT_SECRET,
      REGULARS_SHOPIFY_APP_URL: APP_URL,
      REGULARS_SHOPIFY_ADMIN_URL: shopify.fake().adminUrl,
      REGULARS_SECRET_KEY: SECRET_KEY_HEX,
    };
    const cli = (...more: string[]) => runCli(['shopify', ...more, ...args], { env });

    const before = await cli('status', '--store', store.id);
    expect(before.stdout).toBe(`store ${store.id}: Shopify app not installed\n`);

    const connect = await cli('connect', '--store', store.id, '--shop', 'cli-shop');
    expect(connect.status, connect.stderr).toBe(0);
    const url = connect.stdout.trim().split('\n').at(-1)!;
    expect(
      url.startsWith(`${shopify.fake().url}/cli-shop.myshopify.com/admin/oauth/authorize?client_id=${CLIENT_ID}&`),
    ).toBe(true);
    expect(connect.stdout).toContain(
      'It asks for: read_orders, read_fulfillments, read_customers, read_products, write_discounts.',
    );

    const app = await buildApp({ db, dialect: sqlDialect(dialect), config: shopify.config() });
    try {
      const callback = new URL(await shopify.fake().approve(url));
      expect((await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` })).statusCode).toBe(302);
    } finally {
      await app.close();
    }
    const status = await cli('status', '--store', store.id, '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({
      state: 'installed',
      shop: 'cli-shop.myshopify.com',
      missingScopes: [],
    });
    const text = (await cli('status', '--store', store.id)).stdout;
    expect(text).toContain(`store ${store.id}: Shopify app installed, shop cli-shop.myshopify.com\n`);
    expect(text).toContain('  webhooks:   10 registered');

    const bad = await cli('connect', '--store', store.id, '--shop', 'evil.example.com');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('SHOPIFY_SHOP_INVALID');
    const unconfigured = await runCli(['shopify', 'connect', '--store', store.id, '--shop', 'x', ...args], {
      env: { ...dbEnv, REGULARS_SHOPIFY_CLIENT_ID: undefined, REGULARS_SECRET_KEY: undefined },
    });
    expect(unconfigured.status).not.toBe(0);
    expect(unconfigured.stderr).toContain('SHOPIFY_APP_NOT_CONFIGURED');
  });

  it("backfill without --access-token uses the installed app's stored token and shop; none installed is SHOPIFY_NOT_INSTALLED", async () => {
    const { db, target } = database();
    const { store } = await createStore(db, { name: 'Installed backfill' });
    const { store: bare } = await createStore(db, { name: 'Not installed' });
    const { args, env: dbEnv } = dbArgs(target);
    const env = {
      ...dbEnv,
      REGULARS_SHOPIFY_CLIENT_ID: CLIENT_ID,
      REGULARS_SHOPIFY_CLIENT_SECRET: CLIENT_SECRET,
      REGULARS_SHOPIFY_APP_URL: APP_URL,
      REGULARS_SHOPIFY_ADMIN_URL: shopify.fake().adminUrl,
      REGULARS_SECRET_KEY: SECRET_KEY_HEX,
    };
    const cli = (...more: string[]) => runCli(['shopify', ...more, ...args], { env });
    const shop = 'stored-token.myshopify.com';
    const connect = await cli('connect', '--store', store.id, '--shop', shop);
    expect(connect.status, connect.stderr).toBe(0);
    const app = await buildApp({ db, dialect: sqlDialect(dialect), config: shopify.config() });
    try {
      const callback = new URL(await shopify.fake().approve(connect.stdout.trim().split('\n').at(-1)!));
      expect((await app.inject({ method: 'GET', url: `${callback.pathname}${callback.search}` })).statusCode).toBe(302);
    } finally {
      await app.close();
    }
    // The token Shopify issued lives only in the fake and, sealed, in the database.
    shopify.fake().shop(shop).data = { customers: 4, orders: 6, products: 3, timeZone: 'Europe/Paris' };

    const done = await cli('backfill', '--store', store.id, '--poll-interval', '1', '--json');
    expect(done.status, done.stderr).toBe(0);
    const result = JSON.parse(done.stdout);
    expect(result).toMatchObject({ timeZone: 'Europe/Paris', customers: { created: 4 }, orders: { created: 6 } });
    expect(shopify.fake().shop(shop).bulkOperations.length).toBeGreaterThanOrEqual(2);

    const otherShop = await cli('backfill', '--store', store.id, '--shop', 'another.myshopify.com');
    expect(otherShop.status).toBe(2);
    expect(otherShop.stderr).toMatch(/INVALID_ARGUMENT.*stored-token\.myshopify\.com/);

    const none = await cli('backfill', '--store', bare.id);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/SHOPIFY_NOT_INSTALLED.*regulars shopify connect.*--access-token/);
    // An unreadable key is said so, not taken for "not installed".
    const wrongKey = await runCli(['shopify', 'backfill', '--store', store.id, ...args], {
      env: { ...env, REGULARS_SECRET_KEY: '11'.repeat(32) },
    });
    expect(wrongKey.status).toBe(2);
    expect(wrongKey.stderr).toContain('SHOPIFY_TOKEN_UNREADABLE');
  });
});
