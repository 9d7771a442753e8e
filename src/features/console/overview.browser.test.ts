/**
 * The Overview's layout, its consent action and its languages in headless Chromium: a store whose
 * export says nothing of consent (the CDNOW sample), opened at 1280 px in English and on a 390 px
 * phone in Slovenian, Korean and Japanese.
 */
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { fixturePath } from '../../../test/support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { addUser, TEST_PASSWORD, TEST_POLICY } from './console-auth.fixtures.js';
import { browserReady, folder, launchChromium, seriousViolations, SKIP_NOTE } from './console-browser.fixtures.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'en-US' };
const phone = (locale: string): BrowserContextOptions => ({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale,
});

describe.skipIf(!browserReady)(
  `the Overview in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;

    beforeAll(async () => {
      database = await createTestDatabase('sqlite');
      const { store } = await createStore(database.db, { name: 'Record Shop', shopifySecret: null });
      await addUser(database.db, store.id, 'owner@records.example', 'owner');
      await importOrderFile(
        { db: database.db, readOrderExport },
        { path: fixturePath('cdnow', 'CDNOW_sample.txt'), storeId: store.id, currency: 'USD' },
      );
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
    });

    async function overview(context: BrowserContextOptions): Promise<Page> {
      const page = await (await browser.newContext(context)).newPage();
      await page.goto(`${base}/login`);
      await page.locator('input[name="email"]').fill('owner@records.example');
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
      return page;
    }

    it('fits the best customers at 1280 px, and lists buyers without recorded consent with a link to act', async () => {
      const page = await overview(DESKTOP);
      const table = page.locator('#best-customers table');
      expect(await table.locator('thead th').allTextContents()).toEqual(['Measure', 'Top 10%', 'Other 90%']);
      expect(await table.locator('tbody tr').count()).toBe(5);
      const overflow = await page.locator('#best-customers .scroll').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const card = await page.locator('#best-customers').boundingBox();
      const grid = await page.locator('.overview .grid').boundingBox();
      expect(card!.x + card!.width).toBeLessThanOrEqual(grid!.x + grid!.width + 1);

      // CDNOW says nothing of consent: every one of its 2,357 buyers lacks a record.
      const consent = page.locator('[data-action="consent"]');
      expect(await consent.locator('span').textContent()).toBe(
        '2,357 customers who bought have no email marketing consent on record: import it before writing to them.',
      );
      expect(await consent.locator('a').getAttribute('href')).toBe('/settings');
      expect(await page.locator('[data-action]').last().getAttribute('data-action')).toBe('consent');
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it('speaks Slovenian, Korean and Japanese on a phone, with the plural form each count takes', async () => {
      const cases = [
        { locale: 'sl-SI', nav: 'Pregled', consent: /^2357 strank, ki so kupile, nima zabeleženega soglasja/ },
        { locale: 'ko-KR', nav: '개요', consent: /^구매 고객 2357명의 이메일 수신 동의 기록이 없습니다/ },
        { locale: 'ja-JP', nav: '概要', consent: /^購入した顧客2357人について/ },
      ];
      for (const { locale, nav, consent } of cases) {
        const page = await overview(phone(locale));
        expect(await page.locator('h1').first().textContent(), locale).toBe(nav);
        expect(await page.locator('html').getAttribute('lang'), locale).toBe(locale.slice(0, 2));
        // The count as the locale groups its digits (2.357, 2,357), compared without the separator.
        const text = (await page.locator('[data-action="consent"] span').textContent())!;
        expect(text.replace(/(\d)[,.\s\u00a0\u202f](?=\d)/g, '$1'), locale).toMatch(consent);
        expect(await page.locator('#best-customers thead th').nth(1).textContent(), locale).not.toBe('Top 10%');
        const sideways = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(sideways, locale).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page), locale).toEqual([]);
        await page.context().close();
      }
    });
  },
);
