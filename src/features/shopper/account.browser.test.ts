/**
 * The account page in headless Chromium, as a shopper uses it from the link in an email: redeems a
 * reward and reads the code, cancels a subscription through the save offer and the reason, at
 * 320 px, with no serious or critical axe-core finding; writes docs/shopper/account-phone.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { setAccountSettings } from './shopper-account.service.js';
import { setUpShop, shopperAuth } from './shopper.fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ready = existsSync(CHROMIUM);
const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'docs', 'shopper');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SAVE_OFFER = 'Stay and get 20% off your next three deliveries: write to us and we will apply it.';

async function seriousViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol: the page's policy allows no script, as it should.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })",
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe.skipIf(!ready)('the account page in headless Chromium', () => {
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
    await setUpShop(app, database.db, { id: storeId, auth: { authorization: `Bearer ${apiKey}` } }, ['ana'], 180, {
      subscriptionFor: 'ana',
    });
    await setAccountSettings(database.db, storeId, { saveOffer: SAVE_OFFER }, new Date().toISOString());
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.destroy();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 320, height: 720 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { token } = await shopperAuth(database.db, storeId, 'ana');
    await page.goto(`${base}/a/${storeId}?token=${encodeURIComponent(token)}`);
    return { page, errors };
  }

  async function fitsWidth(page: Page): Promise<void> {
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  }

  it('shows the points and redeems a reward, showing its code; at 320 px with no serious accessibility finding', async () => {
    const { page, errors } = await open();
    await expect(page.locator('h1').textContent()).resolves.toBe('Your account');
    await expect(page.locator('#points + p strong').textContent()).resolves.toBe('180');
    expect(await page.locator('#referral-link').inputValue()).toMatch(/^https:\/\/beans\.example\/\?ref=/);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWidth(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-phone.png'), fullPage: true });

    const reward = page.locator('li', { hasText: '5.00 EUR off for 100 points' });
    await reward.getByRole('button', { name: 'Redeem' }).click();
    await page.waitForLoadState('load');
    const code = (await page.locator('#coupon-code').textContent()) ?? '';
    expect(code).toMatch(/^PTS/);
    await expect(page.locator('#points + p strong').textContent()).resolves.toBe('80');
    // The code is real: the coupon exists for this customer, worth 5.00 EUR.
    const coupon = await database.db
      .selectFrom('coupons')
      .select(['code', 'kind', 'value', 'customer_id'])
      .where('store_id', '=', storeId)
      .where('code', '=', code)
      .executeTakeFirst();
    expect(coupon).toMatchObject({ code, kind: 'amount', customer_id: 'ana' });
    expect(Number(coupon?.value)).toBe(500);
    // 80 points do not reach another 100-point reward: its button is disabled.
    await expect(reward.getByRole('button', { name: 'Redeem' }).isDisabled()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('cancels a subscription after the save offer, recording the reason and the words', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').textContent()).resolves.toBe('Cancel your subscription');
    await expect(page.getByText(SAVE_OFFER).isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await fitsWidth(page);
    await page.getByLabel('I am not using it').check();
    await page.getByLabel('Anything else you would like to tell us? (optional)').fill('Moving abroad for a year');
    await page.getByRole('button', { name: 'Cancel my subscription' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Your subscription is cancelled');

    const listed = await app.inject({
      method: 'GET',
      url: '/v1/customers/ana/subscriptions',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const [subscription] = listed.json().subscriptions as { status: string; cancelReason: string; endsOn: string }[];
    expect(subscription).toMatchObject({ cancelReason: 'not_using' });
    const reasons = await app.inject({
      method: 'GET',
      url: '/v1/subscriptions/churn-reasons',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(JSON.stringify(reasons.json())).toContain('not_using');
  });
});
