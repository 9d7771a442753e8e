/**
 * The account page in other languages, in headless Chromium: Slovenian from the link's `?lang=`
 * (with the plural of the number of points), the cancel step's reasons in Slovenian recording the
 * reason, Japanese from the browser's Accept-Language, the language switch; no serious or critical
 * axe-core finding.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { CHROMIUM_SKIP_NOTE, chromiumReady, launchChromium, seriousViolations } from '../../../test/support/browser.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { setUpShop, shopperAuth } from './shopper.fixtures.js';

describe.skipIf(!chromiumReady)(`the account page's languages in headless Chromium (${CHROMIUM_SKIP_NOTE})`, () => {
  let browser: Browser;
  let database: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let storeId: string;
  let apiKey: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const created = await createStore(database.db, { name: 'Sunny Beans', shopifySecret: null });
    storeId = created.store.id;
    apiKey = created.apiKey.plaintext;
    app = await buildApp({ db: database.db, dialect: 'sqlite' });
    // 103 points: Slovenian's "few" form (3, 4, 103, 104: "točke").
    await setUpShop(app, database.db, { id: storeId, auth: { authorization: `Bearer ${apiKey}` } }, ['ana'], 103, {
      subscriptionFor: 'ana',
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.destroy();
  });

  async function open(query: string, locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
    const page = await context.newPage();
    const { token } = await shopperAuth(database.db, storeId, 'ana');
    await page.goto(`${base}/a/${storeId}?token=${encodeURIComponent(token)}${query}`);
    return page;
  }

  it('speaks Slovenian from ?lang=sl, with the plural of the points, and records a cancel reason chosen in Slovenian', async () => {
    const page = await open('&lang=sl');
    expect(await page.locator('html').getAttribute('lang')).toBe('sl');
    await expect(page.locator('h1').textContent()).resolves.toBe('Vaš račun');
    await expect(page.locator('#points + p').textContent()).resolves.toBe('Na voljo: 103 točke.');
    await expect(page.locator('#tier').textContent()).resolves.toBe('Raven');
    await expect(page.getByRole('button', { name: 'Shrani izbiro' }).count()).resolves.toBe(1);
    await expect(page.getByLabel('Opomniki za ponovni nakup').count()).resolves.toBe(1);
    // The switch offers the other three languages, each marked with its own language.
    const languages = page.getByRole('navigation', { name: 'Jezik' }).getByRole('link');
    expect(await languages.allTextContents()).toEqual(['English', '한국어', '日本語']);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Prekliči', exact: true }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Preklic naročnine');
    expect(await page.locator('html').getAttribute('lang')).toBe('sl');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Predrago je').check();
    await page.getByRole('button', { name: 'Prekliči naročnino' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Naročnina je preklicana. Hvala, ker ste nam povedali, zakaj.',
    );
    const listed = await app.inject({
      method: 'GET',
      url: '/v1/customers/ana/subscriptions',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(listed.json().subscriptions[0]).toMatchObject({ status: 'cancelled', cancelReason: 'too_expensive' });
    await page.context().close();
  });

  it("follows the browser's Accept-Language (Japanese) without ?lang, and the switch leads back to English", async () => {
    const page = await open('', 'ja-JP');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.locator('h1').textContent()).resolves.toBe('マイアカウント');
    await expect(page.locator('#points').textContent()).resolves.toBe('ポイント');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account');
    await page.context().close();
  });

  it('shows a guest (a link without a token) the program and how to join, in Korean', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const answer = await page.goto(`${base}/a/${storeId}?lang=ko`);
    expect(answer?.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expect(page.locator('h1').textContent()).resolves.toBe('리워드');
    await expect(page.getByText('1.00 EUR를 사용할 때마다 1포인트가 적립됩니다.').count()).resolves.toBe(1);
    await expect(page.getByRole('listitem').first().textContent()).resolves.toBe('5.00 EUR 할인: 100포인트');
    expect(await page.getByRole('link', { name: 'Sunny Beans' }).getAttribute('href')).toBe('https://beans.example');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
