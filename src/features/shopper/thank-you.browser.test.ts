/**
 * The thank-you snippet in headless Chromium, as a shop's order-status page embeds it: a page on
 * another origin (the storefront) loads /thank-you.js from Regulars with the shopper token and the
 * order id, and the box shows the points the order earned, the tier progress and the learned
 * suggestion; in Slovenian with the right plural; "on its way" for an order Regulars has not seen
 * yet; no serious or critical axe-core finding; writes docs/shopper/thank-you.png.
 */
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import {
  CHROMIUM_SKIP_NOTE,
  chromiumReady,
  launchChromium,
  overflows,
  PHONE,
  seriousViolations,
} from '../../../test/support/browser.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { ORDER_REWARD_HANDLERS, syncRewards } from '../rewards/index.js';
import { updateShopProfile } from '../stores/index.js';
import { SHOP_URL, setUpShop, shopperAuth } from './shopper.fixtures.js';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'shopper');

function order(externalId: string, customer: string, skus: readonly string[], day = '2024-05-10') {
  return {
    externalId,
    customer: { externalId: customer, email: `${customer}@example.com` },
    orderedAt: `${day}T10:00:00Z`,
    currency: 'EUR',
    totalMinor: 2500 * skus.length,
    lines: skus.map((sku) => ({ sku, title: sku === 'MUG-1' ? 'Enamel mug' : sku, quantity: 1, priceMinor: 2500 })),
  };
}

/** The storefront's order-status page: its own origin, its own (hostile) CSS, the snippet as documented. */
function storefrontPage(regulars: string, token: string, orderId: string, lang: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Order confirmed</title>
<style>body{font-family:Georgia,serif;margin:1rem} p{color:#1a1a1a}</style></head>
<body><main><h1>Order ${orderId} confirmed</h1>
<div id="regulars-thank-you"></div>
<script src="${regulars}/thank-you.js" data-token="${token}" data-order="${orderId}" data-container="#regulars-thank-you" async></script>
</main></body></html>`;
}

describe.skipIf(!chromiumReady)(`the thank-you snippet in headless Chromium (${CHROMIUM_SKIP_NOTE})`, () => {
  let browser: Browser;
  let database: TestDatabase;
  let app: FastifyInstance;
  let regulars: string;
  let storefront: Server;
  let shopOrigin: string;
  let storeId: string;
  const pages = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const created = await createStore(database.db, { name: 'Sunny Beans', shopifySecret: null });
    storeId = created.store.id;
    const auth = { authorization: `Bearer ${created.apiKey.plaintext}` };
    app = await buildApp({ db: database.db, dialect: 'sqlite' });
    await setUpShop(app, database.db, { id: storeId, auth }, ['ana'], 0);
    const post = async (body: object) => {
      const answer = await app.inject({ method: 'POST', url: '/v1/orders', headers: auth, payload: body });
      if (answer.statusCode >= 300) throw new Error(`POST /v1/orders: ${answer.statusCode} ${answer.body}`);
    };
    for (let n = 0; n < 6; n += 1) await post(order(`h-${n}`, `h-${n}`, ['BEAN-1', 'MUG-1']));
    await post(order('A-100', 'ana', ['BEAN-1'], '2024-06-01'));
    await syncRewards(database.db, storeId, ORDER_REWARD_HANDLERS, new Date().toISOString(), { lagMs: 0 });
    regulars = await app.listen({ host: '127.0.0.1', port: 0 });

    storefront = createServer((request, response) => {
      const html = pages.get(request.url ?? '');
      response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html ?? 'not found');
    });
    await new Promise<void>((done) => storefront.listen(0, '127.0.0.1', done));
    // Another origin than Regulars' (localhost, not 127.0.0.1, and its own port), allowed as the shop's.
    shopOrigin = `http://localhost:${(storefront.address() as AddressInfo).port}`;
    await updateShopProfile(
      database.db,
      storeId,
      { url: SHOP_URL, allowedOrigins: [shopOrigin] },
      new Date().toISOString(),
    );
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => storefront?.close(done));
    await app?.close();
    await database?.destroy();
  });

  async function open(orderId: string, lang: string): Promise<{ page: Page; errors: string[] }> {
    const { token } = await shopperAuth(database.db, storeId, 'ana');
    const path = `/orders/${orderId}/${lang}`;
    pages.set(path, storefrontPage(regulars, token, orderId, lang));
    const context = await browser.newContext({ ...PHONE.context, viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${shopOrigin}${path}`);
    return { page, errors };
  }

  it('shows the points the order earned, the tier progress and the learned suggestion, accessibly, at 320 px', async () => {
    const { page, errors } = await open('A-100', 'en');
    const box = page.locator('#regulars-thank-you section');
    await expect.poll(() => box.locator('.rg-ty-earned').textContent()).toBe('You earned 25 points with this order.');
    expect(await box.getByRole('heading', { level: 2 }).textContent()).toBe('Thank you for your order');
    expect(await box.locator('.rg-ty-next').textContent()).toBe('€75.00 more to reach Gold.');
    expect(await box.getByRole('progressbar', { name: 'Progress to Gold' }).count()).toBe(1);
    const link = box.getByRole('link', { name: 'Enamel mug' });
    expect(await link.getAttribute('href')).toBe(`${SHOP_URL}/products/MUG-1`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflows(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'thank-you.png'), fullPage: true });
    await page.context().close();
  });

  it('speaks Slovenian with the plural of the number, and says an unseen order is on its way', async () => {
    const { page } = await open('A-100', 'sl');
    const box = page.locator('#regulars-thank-you section');
    // 25 is "other" in Slovenian (5 and up): "točk"; its balance too.
    await expect.poll(() => box.locator('.rg-ty-earned').textContent()).toBe('S tem naročilom ste prejeli 25 točk.');
    expect(await box.getAttribute('lang')).toBe('sl');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();

    const pending = await open('A-999', 'ja');
    await expect.poll(() => pending.page.getByRole('status').textContent()).toBe('ポイントを反映しています…');
    await pending.page.context().close();
  });
});
