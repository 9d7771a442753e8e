/**
 * The Loyalty and offers page in headless Chromium: the points liability and churn-reason charts
 * drawn from the store's own data (the same figures as the API), a batch of unique coupon codes
 * made by a marketer with the keyboard, and a viewer who sees the coupons but no form.
 * Screenshots: docs/console/loyalty-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { addUser, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  overflows,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  signedIn,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

const REASONS = [
  'too_much_product',
  'too_much_product',
  'too_much_product',
  'too_expensive',
  'too_expensive',
  'traveling',
];

describe.skipIf(!browserReady)(
  `the Loyalty and offers page in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let headers: { authorization: string };

    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers, payload });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json();
    };

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      headers = { authorization: `Bearer ${created.apiKey.plaintext}` };
      await addUser(database.db, created.store.id, 'marketer@brew.example', 'marketer');
      await addUser(database.db, created.store.id, 'viewer@brew.example', 'viewer');
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });

      // A program, points posted for sign-ups, tiers, an offer and cancelled subscriptions with reasons.
      await call('PUT', '/v1/loyalty/program', {
        currency: 'EUR',
        earn: { rate: { points: 1, perMinor: 100 } },
        pointValue: { points: 100, minor: 500 },
        actions: { signup: { points: 150 } },
        redemption: [{ id: 'five-off', points: 100, reward: { kind: 'amount', amountMinor: 500 } }],
      });
      await call('PUT', '/v1/tiers', {
        basis: 'lifetime_points',
        levels: [
          { name: 'Bronze', threshold: 0 },
          { name: 'Gold', threshold: 1000, perks: { freeShipping: true } },
        ],
      });
      await call('PUT', '/v1/referrals/settings', { referrerPoints: 500, referredPoints: 250 });
      await call('POST', '/v1/subscription-offers', {
        code: 'house-blend',
        sku: 'BEAN-1',
        name: 'House blend, 1 kg a month',
        currency: 'EUR',
        baseMonthlyMinor: 2999,
        terms: [
          { months: 1, discountPercent: 0 },
          { months: 6, discountPercent: 12.5 },
        ],
      });
      for (const [i, reason] of REASONS.entries()) {
        await call('POST', '/v1/customers', { externalId: `c-${i}` });
        await call('POST', '/v1/loyalty/actions', { customerId: `c-${i}`, action: 'signup' });
        const sub = await call('POST', '/v1/subscriptions', { customerId: `c-${i}`, sku: 'BEAN-1', termMonths: 1 });
        await call('POST', `/v1/subscriptions/${sub.id}/cancel`, { reason });
      }
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    it('lets a marketer make a batch of unique codes by keyboard, and lists them with their uses', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[1], 'marketer@brew.example', '/loyalty');
      await page.locator('.loyalty-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-coupons-total]').getAttribute('data-coupons-total')).toBe('0');
      await page.locator('#coupon-count').fill('25');
      await page.locator('#coupon-code').fill('vip');
      await page.locator('#coupon-kind').selectOption('percent');
      await page.locator('#coupon-value').fill('15');
      await page.locator('#coupon-limit').press('Enter');
      const result = page.locator('[data-batch="25"]');
      await result.waitFor();
      const codes = ((await result.locator('pre').textContent()) ?? '').split('\n');
      expect(codes).toHaveLength(25);
      expect(new Set(codes).size).toBe(25);
      for (const code of codes) expect(code).toMatch(/^VIP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await result.locator('a[download]').getAttribute('href')).toMatch(/^blob:/);

      // Stored as the page says: the same codes, one use each, 15 % off.
      const stored = await call('GET', '/v1/coupons?limit=500');
      expect(stored.total).toBe(25);
      expect(stored.coupons.map((c: { code: string }) => c.code).sort()).toEqual([...codes].sort());
      expect(stored.coupons[0]).toMatchObject({ kind: 'percent', value: 15, usageLimit: 1 });
      await expect.poll(() => page.locator('[data-coupons-total]').getAttribute('data-coupons-total')).toBe('25');
      expect(await page.locator('[data-coupon]').count()).toBe(20);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    for (const screen of SCREENS) {
      it(`draws the liability and churn-reason charts from the store's data at ${screen.name} size`, async () => {
        const { page, errors } = await signedIn(browser, base, screen, 'marketer@brew.example', '/loyalty');
        await page.locator('.loyalty-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
        expect(await page.title()).toBe('Loyalty and offers · Regulars');
        const liability = await call('GET', '/v1/loyalty/liability');
        const churn = await call('GET', '/v1/subscriptions/churn-reasons');
        expect(liability.outstanding.total).toBe(REASONS.length * 150);
        expect(Number(await page.locator('[data-outstanding]').getAttribute('data-outstanding'))).toBe(
          liability.outstanding.total,
        );
        expect(Number(await page.locator('[data-cancelled]').getAttribute('data-cancelled'))).toBe(REASONS.length);
        expect(churn.total.cancelled.count).toBe(REASONS.length);
        for (const id of ['liability', 'churn'])
          expect(await page.locator(`#${id} .chart-canvas[data-drawn="true"] svg`).count(), id).toBe(1);
        // The charts' numbers are readable without the picture too.
        await page.locator('#churn summary').click();
        expect(await page.locator('#churn details table').textContent()).toContain('Too much product');
        expect(await page.locator('#program').textContent()).toContain('100 points are worth €5.00');
        expect(await page.locator('#tiers').textContent()).toContain('Gold');
        expect(await page.locator('#referrals').textContent()).toContain('500 points');
        expect(await page.locator('#offers').textContent()).toContain('House blend, 1 kg a month');
        expect(await overflows(page)).toBe(false);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `loyalty-${screen.name}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('shows a viewer the coupons and charts but no form to make coupons', async () => {
      const { page, errors } = await signedIn(browser, base, SCREENS[0], 'viewer@brew.example', '/loyalty');
      await page.locator('.loyalty-page[data-drawn="true"]').waitFor({ timeout: 60_000 });
      await page.locator('[data-coupon]').first().waitFor();
      expect(await page.locator('[data-read-only]').count()).toBe(1);
      expect(await page.locator('form[data-form="coupons"]').count()).toBe(0);
      expect(await page.locator('main button[type="submit"]').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
