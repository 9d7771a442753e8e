/**
 * The console in a real browser: headless Chromium signs in, opens the Overview at desktop and
 * phone widths, checks its numbers against `regulars analyze` of the same export, finds no serious
 * or critical axe-core violation, walks the navigation by keyboard, and writes the screenshots
 * docs/console.md shows (docs/console/*.png).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeOrderFile } from '../../analytics/analyze-order-file.service.js';
import { readOrderFile } from '../../analytics/ingest/order-file.reader.js';
import type { RetentionReport } from '../../analytics/report.types.js';
import { buildApp } from '../../platform/http/build-app.js';
import { createStore } from '../../platform/stores/store.repository.js';
import { importOrderFile, readOrderExport } from '../orders/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { writeDemoOrders } from './console-server.fixtures.js';
import { addUser, TEST_PASSWORD, TEST_POLICY } from './console-auth.fixtures.js';
import {
  browserReady,
  folder,
  launchChromium,
  type Screen,
  SCREENS,
  SCREENSHOTS,
  seriousViolations,
  SKIP_NOTE,
} from './console-browser.fixtures.js';

if (!browserReady) console.warn(`Skipping the console browser tests: ${SKIP_NOTE}.`);

describe.skipIf(!browserReady)(
  `the console in headless Chromium${browserReady ? '' : ` (skipped: ${SKIP_NOTE})`}`,
  () => {
    let browser: Browser;
    let database: TestDatabase;
    let app: FastifyInstance;
    let base: string;
    let dir: string;
    let analyzed: RetentionReport;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'regulars-console-'));
      const csv = join(dir, 'orders.csv');
      await writeDemoOrders(csv, 1_500);
      database = await createTestDatabase('sqlite');
      const created = await createStore(database.db, { name: 'Brew Co', shopifySecret: null });
      await addUser(database.db, created.store.id, 'owner@brew.example', 'owner');
      await addUser(database.db, created.store.id, 'viewer@brew.example', 'viewer');
      await importOrderFile({ db: database.db, readOrderExport }, { path: csv, storeId: created.store.id });
      analyzed = await analyzeOrderFile({ readOrderFile }, { path: csv, model: 'none' });
      app = await buildApp({ db: database.db, dialect: 'sqlite', console: { folder, policy: TEST_POLICY } });
      base = await app.listen({ host: '127.0.0.1', port: 0 });
      browser = await launchChromium();
      await mkdir(SCREENSHOTS, { recursive: true });
    });

    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await database?.destroy();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** A page signed in through the login form, as a person would: / sends it to /login and back. */
    async function signedIn(screen: Screen, email = 'owner@brew.example'): Promise<{ page: Page; errors: string[] }> {
      const context = await browser.newContext(screen.context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(`${base}/`);
      return { page, errors };
    }

    for (const screen of SCREENS) {
      it(`shows the Overview with analyze's numbers at ${screen.name} size, with no serious accessibility finding`, async () => {
        const { page, errors } = await signedIn(screen);
        await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
        expect(await page.title()).toBe('Overview · Regulars');

        const raw = async (metric: string) =>
          Number(await page.locator(`[data-metric="${metric}"]`).getAttribute('data-raw'));
        expect(await raw('orders')).toBe(analyzed.orders);
        expect(await raw('customers')).toBe(analyzed.customers);
        expect(await raw('revenue')).toBe(analyzed.revenue);
        expect(await raw('aov')).toBe(analyzed.aov);
        expect(await raw('frequency')).toBe(analyzed.purchaseFrequency);
        expect(await raw('repeat-rate')).toBe(analyzed.repeatCustomerRate);
        expect(await raw('clv')).toBe(analyzed.clvSimple.value);
        // As shown: formatted with Intl in the store's locale (en-US here, the browser's).
        await expect
          .poll(() => page.locator('[data-metric="orders"] .metric-value').textContent())
          .toBe(analyzed.orders.toLocaleString('en-US'));
        expect(await page.locator('[data-metric="revenue"] .metric-value').textContent()).toBe(
          analyzed.revenue.toLocaleString('en-US', { style: 'currency', currency: 'USD' }),
        );
        for (const section of ['repeat-curve', 'cohorts', 'growth', 'best-customers', 'clv-distribution', 'next'])
          expect(await page.locator(`#${section}`).count(), section).toBe(1);
        expect(await page.locator('[data-action]').count()).toBe(
          analyzed.actions.filter((a) => a.kind !== 'consent').length,
        );
        expect(await page.locator('[data-action] a.button').count()).toBe(await page.locator('[data-action]').count());
        expect(await page.locator('.who').textContent()).toContain('owner@brew.example');
        expect(await page.locator('.who').textContent()).toContain('Brew Co');

        // Nothing scrolls sideways, a phone included.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `overview-${screen.name}.png`), fullPage: true });
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }

    it('is usable by keyboard: skip link, the navigation, focus on the new page heading', async () => {
      const { page, errors } = await signedIn(SCREENS[0]);
      await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
      const focused = () => page.evaluate('document.activeElement?.textContent?.trim() ?? ""');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Skip to main content');
      // Forward through the header to the navigation, then to Customers.
      let steps = 0;
      while ((await focused()) !== 'Customers' && steps++ < 20) await page.keyboard.press('Tab');
      expect(await focused()).toBe('Customers');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/customers`);
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('page-heading');
      expect(await focused()).toBe('Customers');
      expect(await page.title()).toBe('Customers · Regulars');
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Customers');
      expect(await seriousViolations(page)).toEqual([]);
      await page.goBack();
      await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('folds the navigation into a menu button on a phone', async () => {
      const { page } = await signedIn(SCREENS[1]);
      await page.goto(`${base}/messages`);
      await page.locator('#page-heading').waitFor();
      const nav = page.locator('#nav');
      expect(await nav.isVisible()).toBe(false);
      const menu = page.locator('.menu-button');
      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await nav.isVisible()).toBe(true);
      await nav.getByRole('link', { name: 'Flows' }).click();
      await page.waitForURL(`${base}/flows`);
      expect(await nav.isVisible()).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it('shows a viewer the same numbers with no change buttons, and signs out with the CSRF token', async () => {
      const { page, errors } = await signedIn(SCREENS[0], 'viewer@brew.example');
      await page.locator('.overview[data-drawn="true"]').waitFor({ timeout: 60_000 });
      expect(Number(await page.locator('[data-metric="orders"]').getAttribute('data-raw'))).toBe(analyzed.orders);
      expect(await page.locator('[data-action]').count()).toBeGreaterThan(0);
      expect(await page.locator('main a.button, main button:not(details button)').count()).toBe(0);
      await page.locator('.sign-out').click();
      await page.waitForURL(/\/login/);
      // The session is gone on the server: / sends the browser back to the login page.
      await page.goto(`${base}/`);
      await page.waitForURL(/\/login/);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  },
);
